// Figures of a live `chaos run` against the e2e world (fake cluster + metrics app + real Prometheus):
// tool overhead, SIGINT → DELETE, peak RSS of a 50-experiment run, abort reaction.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runChaos, startChaos } from '../test/e2e/cli.js';
import type { World } from '../test/e2e/world.js';
import { latencyExperiments } from './generate.js';
import { median, peakRssEnv, readPeakRssMb, tempFile } from './measure.js';
import type { Figure } from './figures.js';

const ONE = ['experiments/materi.yml', '--only', 'api-latency-injection'];

const chaosDeletesSince = (w: World, since: number) =>
  w.cluster.requests({ method: 'DELETE' }).filter((r) => r.path.includes('chaos-mesh.org') && r.time >= since);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectExit(r: { code: number | null; stdout: string; stderr: string }, code: number, what: string): void {
  if (r.code !== code) throw new Error(`${what}: exit ${r.code}, expected ${code}\n${r.stdout}\n${r.stderr}`);
}

/** Wall time minus the experiment window, with the fake's own inject/recover delays cut to 10 ms. */
export async function overheadFigure(w: World, runs: number): Promise<Figure> {
  const saved = { ...w.cluster.behaviour };
  Object.assign(w.cluster.behaviour, { injectDelayMs: 10, recoverDelayMs: 10 });
  const samples: number[] = [];
  const parts: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const report = join(w.dir, `overhead-${i}.json`);
      const at = Date.now();
      const r = await runChaos(['run', ...ONE, '--duration', '2s', '--report', `json=${report}`], { cwd: w.dir, env: w.env });
      const end = Date.now();
      expectExit(r, 0, 'overhead run');
      const j = JSON.parse(readFileSync(report, 'utf8'));
      const e = j.experiments[0];
      samples.push(end - at - e.windowMs);
      const stages = e.stages.map((s: { name: string; startedAt: number; endedAt?: number }) => `${s.name} ${(s.endedAt ?? end) - s.startedAt}`);
      parts.push([`start-up ${j.startedAt - at}`, `connect ${e.startedAt - j.startedAt}`, ...stages, `exit ${end - (j.endedAt ?? end)}`].join(', '));
    }
  } finally {
    Object.assign(w.cluster.behaviour, saved);
  }
  const mid = samples.indexOf([...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!);
  return {
    id: 'run-overhead',
    label: 'chaos run overhead (wall − window)',
    value: median(samples),
    unit: 'ms',
    baseline: { label: 'window', value: 2000, unit: 'ms' },
    budget: 1000,
    samples,
    detail: `median of ${samples.length} runs of one experiment, --duration 2s, fake inject/recover delay 10 ms; median run (ms): ${parts[mid]}`,
  };
}

/** SIGINT sent at several points of the poll cycle after injection → first DELETE of the chaos object. */
export async function sigintFigure(w: World, delaysMs: number[]): Promise<Figure> {
  const samples: number[] = [];
  for (const delay of delaysMs) {
    const run = startChaos(['run', ...ONE, '--duration', '60s'], { cwd: w.dir, env: w.env });
    await run.waitForStderr(/inject ok/, 30_000);
    await sleep(delay);
    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const r = await run.done;
    expectExit(r, 130, 'SIGINT run');
    const del = chaosDeletesSince(w, sentAt)[0];
    if (!del) throw new Error(`SIGINT run sent no DELETE:\n${r.stderr}`);
    samples.push(del.time - sentAt);
  }
  return {
    id: 'sigint-delete',
    label: 'SIGINT → DELETE sent',
    value: Math.max(...samples),
    unit: 'ms',
    budget: 200,
    samples,
    detail: `worst of ${samples.length} runs, SIGINT ${delaysMs.join('/')} ms after "inject ok" (median ${median(samples).toFixed(0)} ms)`,
  };
}

/**
 * Peak RSS of one run of `count` experiments back to back. Windows are 2 s, not 1 s: Chaos Mesh counts
 * spec.duration (= the window) from the second-truncated creationTimestamp, so a 1 s fault can time out
 * before it is ever injected (the fake does the same) and the run would end in exit 4.
 */
export async function rssFigure(w: World, count: number, nodeBaselineMb: number): Promise<Figure> {
  writeFileSync(join(w.dir, 'bench-many.yml'), latencyExperiments(count));
  const file = tempFile('maxrss');
  const at = Date.now();
  const r = await runChaos(['run', 'bench-many.yml', '--duration', '2s'], { cwd: w.dir, env: { ...w.env, ...peakRssEnv(file) } });
  const seconds = (Date.now() - at) / 1000;
  expectExit(r, 0, `${count}-experiment run`);
  if (w.cluster.everCreated().filter((o: any) => o.metadata.name.startsWith('bench-latency-')).length < count) throw new Error('not every experiment was injected');
  return {
    id: 'rss-50',
    label: `peak RSS, ${count}-experiment run`,
    value: readPeakRssMb(file),
    unit: 'MB',
    baseline: { label: 'node -e 0', value: nodeBaselineMb, unit: 'MB' },
    budget: 150,
    detail: `getrusage maxRSS of the chaos process at exit; the run took ${seconds.toFixed(0)} s, all ${count} passed`,
  };
}

/** Breach visible in Prometheus (our own 25 ms polls of the catalog's query) → DELETE sent. */
export async function abortFigure(w: World, pollIntervalMs: number): Promise<Figure> {
  const catalog = parse(readFileSync(join(w.dir, 'chaos.config.yml'), 'utf8'));
  const query = String(catalog.metrics.error_rate.query).replaceAll('{{namespace}}', 'materi-production').replaceAll('{{service}}', 'api');
  w.app.setForService('materi-production', 'api', { errorRatio: (c) => (c.faultActive ? 0.5 : 0) });
  let visibleAt: number | undefined;
  let stop = false;
  const watcher = (async () => {
    while (!stop && visibleAt === undefined) {
      const sent = Date.now();
      if (((await w.query(query)) ?? 0) >= 0.01) visibleAt = sent;
      else await sleep(25);
    }
  })();
  const started = Date.now();
  const r = await runChaos(['run', ...ONE, '--duration', '30s'], { cwd: w.dir, env: w.env });
  stop = true;
  await watcher;
  expectExit(r, 1, 'abort run');
  const del = chaosDeletesSince(w, started)[0];
  if (!del || visibleAt === undefined) throw new Error(`abort run: no DELETE or breach never visible\n${r.stdout}`);
  return {
    id: 'abort-reaction',
    label: 'abort reaction (breach visible → DELETE)',
    value: del.time - visibleAt,
    unit: 'ms',
    baseline: { label: 'poll interval', value: pollIntervalMs, unit: 'ms' },
    budget: pollIntervalMs + 200,
    detail: `one run, error_rate < 0.01 breached at 50 % errors, poll interval ${pollIntervalMs} ms, DELETE ${del.time - started} ms after spawn`,
  };
}
