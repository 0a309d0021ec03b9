// Reports from real runs of the built binary: every format for a passing and a failing run.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { runChaos, ROOT } from './cli.js';
import { startWorld, type World } from './world.js';

let world: World;
const FORMATS = ['json', 'junit', 'markdown', 'html'] as const;
const reportArgs = (name: string) => FORMATS.flatMap((f) => ['--report', `${f}=out/${name}.${f}`]);
const read = (name: string, f: string) => readFileSync(join(world.dir, 'out', `${name}.${f}`), 'utf8');

beforeAll(async () => {
  world = await startWorld();
  const summary = join(world.dir, 'step-summary.md');
  writeFileSync(summary, '');
  const ok = await runChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection,pod-failure', '--duration', '3s', ...reportArgs('pass')], { cwd: world.dir, env: { ...world.env, GITHUB_STEP_SUMMARY: summary } });
  expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  // Let the app see that run's faults are gone before the error rate starts reacting to faults.
  const seen = world.app.scrapes();
  while (world.app.scrapes() < seen + 2) await new Promise((r) => setTimeout(r, 100));
  world.app.setForService('materi-production', 'api', { errorRatio: (c) => (c.faultActive ? 0.5 : 0) });
  const bad = await runChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '20s', ...reportArgs('fail')], { cwd: world.dir, env: world.env });
  expect(bad.code, bad.stdout + bad.stderr).toBe(1);
}, 180_000);
afterAll(async () => world?.close());

describe('reports', () => {
  test('the JSON journal validates against schemas/report.schema.json', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/report.schema.json'), 'utf8')));
    for (const name of ['pass', 'fail']) {
      const j = JSON.parse(read(name, 'json'));
      expect(validate(j), JSON.stringify(validate.errors)).toBe(true);
      expect(j.reportVersion).toBe(1);
    }
    expect(JSON.parse(read('fail', 'json')).exitCode).toBe(1);
  });

  test('JUnit: a testsuite per experiment, a testcase per criterion plus revert, failures where breached', () => {
    const pass = read('pass', 'junit');
    expect(pass.match(/<testsuite /g)).toHaveLength(2);
    // api-latency-injection: error_rate, p95_latency + revert; pod-failure: recovery_time, no_data_loss + revert.
    expect(pass.match(/<testcase /g)).toHaveLength(6);
    expect(pass).not.toContain('<failure');
    const fail = read('fail', 'junit');
    expect(fail.match(/<testcase /g)).toHaveLength(3);
    expect(fail).toMatch(/<failure[^>]*message="expected error_rate &lt; 0\.01, observed/);
  });

  test('Markdown is written to $GITHUB_STEP_SUMMARY and to its file', () => {
    const summary = readFileSync(join(world.dir, 'step-summary.md'), 'utf8');
    expect(summary).toContain('api-latency-injection');
    expect(summary).toMatch(/\|.*error_rate.*\|/);
    expect(read('fail', 'markdown')).toMatch(/failed/i);
  });

  test('HTML is self-contained, with a chart per criterion that headless Chromium actually draws', () => {
    const html = read('fail', 'html');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?[a-z]+:/i);
    expect(html.match(/<svg[^>]*class="chart"/g)).toHaveLength(2);
    // Measure what the browser laid out: every chart's plotted line must have a real size.
    const probe = join(world.dir, 'out', 'probe.html');
    writeFileSync(probe, html.replace('</body>', `<script>document.body.setAttribute('data-probe', JSON.stringify([...document.querySelectorAll('svg.chart')].map((s) => { const b = s.getBoundingClientRect(); const marks = s.querySelectorAll('polyline, path, circle'); return { w: b.width, h: b.height, marks: marks.length, line: [...marks].map((m) => m.getBBox().width).reduce((a, x) => Math.max(a, x), 0) }; })))</script></body>`));
    const dom = execFileSync(chromium(), ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', `--user-data-dir=${join(world.dir, 'chromium')}`, '--dump-dom', `file://${probe}`], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
    const charts = JSON.parse(decodeHtml(/data-probe="([^"]*)"/.exec(dom)![1]!)) as { w: number; h: number; marks: number; line: number }[];
    expect(charts).toHaveLength(2);
    for (const c of charts) {
      expect(c.w).toBeGreaterThan(200);
      expect(c.h).toBeGreaterThan(100);
      expect(c.marks).toBeGreaterThan(0);
      expect(c.line).toBeGreaterThan(10);
    }
  });

  test('chaos report re-renders a past run in every format', async () => {
    for (const format of ['text', 'html', 'junit', 'markdown'] as const) {
      const r = await runChaos(['report', 'out/fail.json', '--format', format], { cwd: world.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('api-latency-injection');
    }
    const bad = await runChaos(['report', 'chaos.config.yml'], { cwd: world.dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a chaos JSON report/);
  });

  test('chaos report a.json b.json: two runs side by side, with scores that count no data as not met', async () => {
    const pass = JSON.parse(read('pass', 'json'));
    const fail = JSON.parse(read('fail', 'json'));
    const json = await runChaos(['report', 'out/fail.json', 'out/pass.json', '--format', 'json'], { cwd: world.dir });
    expect(json.code, json.stderr).toBe(0);
    const c = JSON.parse(json.stdout);
    // Oldest first, whatever the order on the command line.
    expect(c.runs.map((r: any) => r.runId)).toEqual([pass.runId, fail.runId]);
    const latency = c.experiments.find((e: any) => e.name === 'api-latency-injection');
    expect(latency.verdicts).toEqual(['passed', 'failed']);
    const judged = (j: any) => j.experiments.find((e: any) => e.name === 'api-latency-injection').criteria.filter((x: any) => x.kind !== 'abort' && ['met', 'breached', 'no-data'].includes(x.verdict));
    expect(latency.scores[0]).toEqual({ met: judged(pass).filter((x: any) => x.verdict === 'met').length, judged: judged(pass).length });
    expect(latency.scores[1].met).toBeLessThan(latency.scores[1].judged);
    // pod-failure ran only in the first run: its column in the second is empty.
    expect(c.experiments.find((e: any) => e.name === 'pod-failure').verdicts).toEqual(['passed', null]);
    for (const format of ['text', 'markdown', 'html'] as const) {
      const r = await runChaos(['report', 'out/pass.json', 'out/fail.json', '--format', format], { cwd: world.dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(pass.runId);
      expect(r.stdout).toContain(fail.runId);
      expect(r.stdout).toMatch(/PASSED[\s\S]*FAILED/);
    }
    const junit = await runChaos(['report', 'out/pass.json', 'out/fail.json', '--format', 'junit'], { cwd: world.dir });
    expect(junit.code).toBe(2);
    expect(junit.stderr).toMatch(/several runs compare as text, markdown, html or json/);
  });
});

function chromium(): string {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error("headless Chromium is needed for the HTML rendering test: apt-get install chromium (.ci/run does)");
}

function decodeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
