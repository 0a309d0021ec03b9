// Issue 14 items 1–4 with the built binary, the fake cluster and a real Prometheus: baseline-relative
// criteria (pass, fail), expect_effect unmet (7), an alert rule firing under the fault (abort, 1), an
// alert firing before injection (5), and HTTP probes against a local server that starts failing (1).
import { afterEach, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos } from './cli.js';
import { faultActive, HEALTHY_SERVICES, startWorld, type World, type WorldOptions } from './world.js';
import type { ServiceSpec, ValueContext } from '../support/metrics-app.js';

let world: World | undefined;
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  server = undefined;
  await world?.close();
  world = undefined;
});

/** The api's requests, with latency and error ratio as the test says (by whether the fault is active). */
function api(values: Partial<{ latencySeconds: (c: ValueContext) => number; errorRatio: (c: ValueContext) => number }>): ServiceSpec[] {
  return [{ ...HEALTHY_SERVICES[0]!, values: { ...HEALTHY_SERVICES[0]!.values, ...values } }];
}

async function runExperiment(yaml: string, opts: WorldOptions & { env?: Record<string, string> } = {}) {
  world ??= await startWorld({ ...opts, config: [[['defaults', 'baselineWindow'], '1m'], ...(opts.config ?? [])] });
  writeFileSync(join(world.dir, 'x.yml'), yaml);
  const r = await runChaos(['run', 'x.yml', '--report', 'json=out/run.json', '--report', 'junit=out/junit.xml'], { cwd: world.dir, env: { ...world.env, ...opts.env } });
  const journal = JSON.parse(readFileSync(join(world.dir, 'out/run.json'), 'utf8'));
  return { r, e: journal.experiments[0], junit: readFileSync(join(world.dir, 'out/junit.xml'), 'utf8'), left: world.cluster.objects() };
}

const experiment = (duration: string, lines: string) => `name: api-verdicts\ntarget: { service: api }\nfault: { type: latency, latency: 100ms }\nduration: ${duration}\n${lines}`;
const P95 = 'p95_latency';

describe('baseline-relative criteria', () => {
  test('the fault stays within 3x the baseline and shows its effect: passed (exit 0); baseline and threshold reported', async () => {
    const { r, e, junit, left } = await runExperiment(
      experiment('6s', `success_criteria:\n  - ${P95} < 3x baseline\nexpect_effect:\n  - ${P95} > 1.2x baseline\n`),
      { services: api({ latencySeconds: (c) => (c.faultActive ? 0.07 : 0.05) }) },
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const c = e.criteria.find((x: any) => x.label === `${P95} < 3x baseline`);
    // 50ms requests: histogram_quantile interpolates inside the (25ms, 50ms] bucket → 48.75ms
    expect(c.baseline).toMatchObject({ stat: 'median', windowMs: 60_000, factor: 3, offset: 0 });
    expect(c.baseline.value).toBeCloseTo(0.04875, 5);
    expect(c.threshold).toBeCloseTo(3 * 0.04875, 5);
    expect(c.verdict).toBe('met');
    expect(e.criteria.find((x: any) => x.kind === 'effect')).toMatchObject({ label: `${P95} > 1.2x baseline`, verdict: 'met' });
    expect(r.stdout).toMatch(/↳ baseline: median 48\.\d+ms over the 1m before injection \(\d+ points\) → threshold 146\.\d+ms/);
    expect(junit).toMatch(/expected: &lt; 3x baseline \(median 48\.\d+ms → 146\.\d+ms\)/);
    expect(left).toEqual([]);
  });

  test('beyond 2x the baseline under the fault: failed (exit 1), reverted, nothing left', async () => {
    const { r, e, junit, left } = await runExperiment(experiment('20s', `success_criteria:\n  - ${P95} < 2x baseline\n`), {
      services: api({ latencySeconds: (c) => (c.faultActive ? 0.4 : 0.05) }),
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(e.verdict).toBe('failed');
    expect(e.abortReason).toMatch(/^p95_latency < 2x baseline breached/);
    expect(junit).toMatch(/message="expected p95_latency &lt; 2x baseline \(median 48\.\d+ms → 97\.5ms\), observed \d+(\.\d+)?ms \(worst\)"/);
    expect(left).toEqual([]);
  });

  test('expect_effect never seen: inconclusive (exit 7) though every criterion was met, nothing left', async () => {
    const { r, e, left } = await runExperiment(
      experiment('5s', `success_criteria:\n  - error_rate < baseline + 0.01\nexpect_effect:\n  - ${P95} > 1.5x baseline\n`),
      { services: api({}) },
    );
    expect(r.code, r.stdout + r.stderr).toBe(7);
    expect(e.verdict).toBe('inconclusive');
    expect(e.reason).toMatch(/^none of expect_effect held during the fault \(p95_latency > 1\.5x baseline: never > 1\.5x baseline during the fault .*the fault had no visible effect; nothing proven$/);
    expect(e.criteria.find((x: any) => x.label === 'error_rate < baseline + 0.01')).toMatchObject({ verdict: 'met', baseline: { value: 0 } });
    expect(left).toEqual([]);
  });
});

const RULES = `groups:
  - name: chaos-e2e
    rules:
      - alert: HighErrorRate
        expr: sum by (service) (rate(http_requests_total{code="500"}[5s])) / sum by (service) (rate(http_requests_total[5s])) > 0.1
`;

describe('alerts', () => {
  test('abort_when { alert } firing under the fault: reverted well before the window ends, failed (exit 1)', async () => {
    const { r, e, left } = await runExperiment(
      experiment('60s', `success_criteria:\n  - ${P95} < 1s\nabort_when:\n  - { alert: HighErrorRate, labels: { service: api } }\n`),
      { rules: RULES, services: api({ errorRatio: (c) => (c.faultActive ? 0.5 : 0) }) },
    );
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(e.verdict).toBe('failed');
    expect(e.abortReason).toBe('abort_when alert HighErrorRate{service="api"} (observed 1)');
    // the DELETE went out when the alert fired, not at the end of the 60s window
    const revert = e.stages.find((s: any) => s.name === 'revert');
    expect(revert.startedAt).toBeLessThan(e.injectedAt + 60_000);
    expect(e.revertedAt).toBeLessThan(e.injectedAt + 60_000);
    expect(left).toEqual([]);
  });

  test('a { alert } criterion already firing before injection: not steady (exit 5), nothing applied', async () => {
    world = await startWorld({ rules: RULES, services: api({ errorRatio: () => 0.5 }), config: [[['defaults', 'baselineWindow'], '1m']] });
    // wait until Prometheus fires it, so the test is about steady state, not about a race with the rule
    const firing = 'count(ALERTS{alertname="HighErrorRate",alertstate="firing"})';
    for (let i = 0; i < 150 && !((await world.query(firing)) ?? 0); i++) await new Promise((ok) => setTimeout(ok, 200));
    const { r, e } = await runExperiment(experiment('10s', 'success_criteria:\n  - { alert: HighErrorRate }\n'));
    expect(r.code, r.stdout + r.stderr).toBe(5);
    expect(e.reason).toMatch(/^not steady before injection: alert HighErrorRate: observed [1-9]/);
    expect(world!.cluster.everCreated()).toEqual([]);
  }, 60_000);
});

/** A health endpoint: 200 "ok" to the right key, 401 otherwise; once the fault is active, `failing`. */
async function healthServer(token: string, failing: 'status' | 'reset'): Promise<{ url: string; authorized: () => number }> {
  let authorized = 0;
  server = createServer((req, res) => {
    if (req.headers['x-health-key'] !== token) return void res.writeHead(401).end('who are you');
    authorized++;
    if (world && faultActive(world.cluster)) {
      if (failing === 'reset') return void req.socket.destroy();
      return void res.writeHead(503).end('overloaded');
    }
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`, authorized: () => authorized };
}

describe('HTTP probes', () => {
  const TOKEN = 'probe-token-5f1c9a';
  const probe = (url: string) => `{ http: { url: "${url}", status: 200, timeout: 2s, body_contains: ok, headers: { X-Health-Key: { env: HEALTH_HEADER } } } }`;

  test('a criterion probe failing once the fault is in: failed (exit 1), the answer reported, the token never printed', async () => {
    world = await startWorld({ config: [[['defaults', 'baselineWindow'], '1m']] });
    const health = await healthServer(TOKEN, 'status');
    // A before hook prints the key: the env var a probe header names is a secret, whatever its name.
    const hook = 'hooks:\n  before:\n    - { name: show-key, run: \'echo "probe key is $HEALTH_HEADER"\', shell: true }\n';
    const { r, e, junit, left } = await runExperiment(experiment('30s', `success_criteria:\n  - ${probe(health.url)}\n${hook}`), { env: { HEALTH_HEADER: TOKEN } });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const c = e.criteria[0];
    expect(c).toMatchObject({ label: `http ${health.url}`, probe: health.url, verdict: 'breached' });
    expect(c.samples.find((s: any) => s.phase === 'baseline')).toMatchObject({ state: 'met', detail: 'HTTP 200' });
    expect(c.samples.find((s: any) => s.state === 'breached')).toMatchObject({ detail: 'HTTP 503, expected 200' });
    expect(e.abortReason).toMatch(/^http http:\/\/127\.0\.0\.1:\d+\/health breached/);
    expect(health.authorized()).toBeGreaterThan(1); // the header from the env var was sent
    expect(e.hooks[0].outputTail).toBe('probe key is ***');
    for (const out of [r.stdout, r.stderr, junit, readFileSync(join(world.dir, 'out/run.json'), 'utf8')]) expect(out).not.toContain(TOKEN);
    expect(left).toEqual([]);
  });

  test('abort_when probe: a connection reset fires it (reachability is what it tests), exit 1, nothing left', async () => {
    world = await startWorld({ config: [[['defaults', 'baselineWindow'], '1m']] });
    const health = await healthServer(TOKEN, 'reset');
    const { r, e, left } = await runExperiment(experiment('60s', `success_criteria:\n  - ${P95} < 1s\nabort_when:\n  - ${probe(health.url)}\n`), { env: { HEALTH_HEADER: TOKEN } });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(e.abortReason).toBe(`abort_when http ${health.url} (observed 0)`);
    const fired = e.criteria.find((x: any) => x.kind === 'abort').samples.find((s: any) => s.value === 0);
    expect(fired.detail).toMatch(/ECONNRESET|socket|other side closed/i);
    expect(e.revertedAt).toBeLessThan(e.injectedAt + 60_000);
    expect(left).toEqual([]);
  });

  test('a probe header naming an unset env var: exit 4 at preflight, nothing applied', async () => {
    const { r } = await runExperiment(experiment('5s', `success_criteria:\n  - ${probe('http://127.0.0.1:9/health')}\n`));
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stderr).toContain('HEALTH_HEADER');
    expect(world!.cluster.everCreated()).toEqual([]);
  });
});

describe('validate', () => {
  test('malformed new forms: each located as file:line:col with its path, exit 3; the example validates and renders', async () => {
    const { ROOT } = await import('./cli.js');
    const { mkdtempSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'chaos-verdicts-'));
    copyFileSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
    writeFileSync(
      join(dir, 'bad.yml'),
      [
        'name: bad-verdicts',
        'target: { service: api }',
        'fault: { type: latency, latency: 100ms }',
        'duration: 1m',
        'success_criteria:',
        '  - "p95_latency < 1.5y baseline"',
        '  - { http: { status: 200 } }',
        'abort_when:',
        '  - { alert: "" }',
        '',
      ].join('\n'),
    );
    const r = await runChaos(['validate', 'bad.yml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([
      'bad.yml:6:5  success_criteria[0]  "1.5y baseline" is not a baseline-relative value: write "<N>x baseline" (e.g. 1.5x baseline), "baseline + <c>" or "baseline - <c>" (e.g. baseline + 0.01)',
      'bad.yml:7:13  success_criteria[1].http.url  missing required key "url"',
      'bad.yml:9:14  abort_when[0].alert  must be an alert name (alertname in Prometheus)',
      '3 problems in 1 file',
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace

    const ok = await runChaos(['validate', 'experiments/verdicts.yml'], { cwd: ROOT });
    expect(ok.code, ok.stderr).toBe(0);
    const dry = await runChaos(['run', '--dry-run', 'experiments/verdicts.yml'], { cwd: ROOT });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('# criterion: p95_latency < 3x baseline [always]');
    expect(dry.stdout).toMatch(/\(baseline: median over the 5m before injection\)/);
    expect(dry.stdout).toContain('count(ALERTS{alertname="HighErrorRate",alertstate="firing",service="api"}) or vector(0)');
    expect(dry.stdout).toContain('# criterion: http http://api.materi-production.svc:8080/health [always]  GET http://api.materi-production.svc:8080/health (timeout 2s)');
    expect(dry.stdout).toContain('# expect_effect: p95_latency > 1.2x baseline  ');
  });
});
