// `npm run bench:peers`: the same experiment run by chaos and by Chaos Toolkit against the same real
// control plane and Prometheus; every cell of the table is measured in this run (bench/peers/README.md).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ROOT } from '../../test/e2e/cli.js';
import { machine } from '../figures.js';
import { interleaved, median, type Command } from '../measure.js';
import { ensureCtk } from './ctk.js';
import { liveRun, type RunResult } from './runs.js';
import { writePeers, type Row } from './table.js';
import { CTK_FILE, chaosWindowMs, helpInvocation, removeRunFolders, validateInvocation, WINDOW_MS, type Invocation, type ToolName } from './tools.js';
import { startPeersWorld, type PeersWorld } from './world.js';

const ROUNDS = 10;
const OVERHEAD_RUNS = 3;
const BEST = ['--rollback-strategy', 'always'];
// CTK's closest to chaos' watching during the window: the hypothesis every second, failing at the first deviation
const WATCHING = ['--hypothesis-strategy', 'continuously', '--fail-fast', ...BEST];

let w: PeersWorld;
let versions: Record<string, string>;
const loadStart = loadavg();

beforeAll(async () => {
  versions = ensureCtk();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  versions.chaos = `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version} (${commit})`;
  w = await startPeersWorld();
});

afterAll(async () => {
  await w?.close();
  removeRunFolders();
});

const asCommand = (label: string, i: Invocation): Command => ({ label, argv: i.argv, cwd: i.cwd, env: i.env });
const ms = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(0)} ms`);
const verdictCell = (r: RunResult) => `${r.verdict}, exit ${r.code}`;
const leftCell = (r: RunResult) =>
  r.left.length ? `${r.left.join(', ')} left on the cluster${r.recoveredMs !== undefined ? ` (fault ended by its own spec.duration ${ms(r.recoveredMs - (r.disturbedMs ?? 0))} after the disturbance)` : ''}` : 'nothing left';
const deleteCell = (r: RunResult) =>
  r.deleteSeenMs === undefined
    ? `never: ${r.verdict}, exit ${r.code}, ${ms(r.wallMs - (r.disturbedMs ?? 0))} after SIGINT; ${leftCell(r)}`
    : `${ms(r.deleteSeenMs - r.disturbedMs!)} (${r.verdict}, exit ${r.code}); ${leftCell(r)}`;
const afterCell = (r: RunResult) => `${verdictCell(r)}, after ${ms(r.wallMs)}; ${leftCell(r)}`;

/** Where the median chaos run's time went, from its own JSON report's stages (as bench/live.ts does). */
function chaosStages(r: RunResult): string {
  const j = JSON.parse(readFileSync(join(r.cwd, 'report.json'), 'utf8'));
  const e = j.experiments[0];
  const started = r.startedAt;
  const end = started + r.wallMs;
  const stages = e.stages.map((s: { name: string; startedAt: number; endedAt?: number }) => `${s.name} ${(s.endedAt ?? end) - s.startedAt}`);
  return [`start-up ${j.startedAt - started}`, `connect ${e.startedAt - j.startedAt}`, ...stages, `exit ${end - (j.endedAt ?? end)}`].join(', ');
}

test('chaos and Chaos Toolkit, side by side', async () => {
  // the CTK probe is the catalog's error_rate query with the comparison done by Prometheus (chaosprometheus has no comparators)
  const ctk = JSON.parse(readFileSync(CTK_FILE, 'utf8'));
  expect(ctk['steady-state-hypothesis'].probes[0].provider.arguments.query).toBe(`(${w.errorRateQuery}) < bool 0.01`);

  const tools: ToolName[] = ['chaos', 'ctk'];
  const help = interleaved(tools.map((t) => asCommand(`${t} help`, helpInvocation(t))), ROUNDS);
  const validate = interleaved(tools.map((t) => asCommand(`${t} validate`, validateInvocation(t))), ROUNDS);

  // a normal run, alternating tools, under /usr/bin/time
  const overhead: Record<ToolName, RunResult[]> = { chaos: [], ctk: [] };
  for (let i = 0; i < OVERHEAD_RUNS; i++) for (const t of tools) overhead[t].push(await liveRun(w, t, { rss: true }));
  const overheadMs = (t: ToolName) => overhead[t].map((r) => r.wallMs - (t === 'chaos' ? chaosWindowMs(r.cwd) : WINDOW_MS));
  for (const r of [...overhead.chaos, ...overhead.ctk]) expect(r.code, r.output).toBe(0);

  const sigint = { chaos: await liveRun(w, 'chaos', { disturb: 'sigint' }), ctk: await liveRun(w, 'ctk', { disturb: 'sigint' }), best: await liveRun(w, 'ctk', { disturb: 'sigint', flags: BEST }) };
  const promDown = { chaos: await liveRun(w, 'chaos', { disturb: 'prometheus-down' }), ctk: await liveRun(w, 'ctk', { disturb: 'prometheus-down' }), best: await liveRun(w, 'ctk', { disturb: 'prometheus-down', flags: BEST }), watching: await liveRun(w, 'ctk', { disturb: 'prometheus-down', flags: WATCHING }) };
  await w.cluster.setSimBehaviour({ injection: 'never' });
  const never = { chaos: await liveRun(w, 'chaos'), ctk: await liveRun(w, 'ctk'), best: await liveRun(w, 'ctk', { flags: BEST }) };
  await w.cluster.setSimBehaviour({ injection: 'normal' });

  const medianOf = (m: Map<string, number[]>, label: string) => median(m.get(label)!);
  const same = '(same as defaults)';
  const reportFiles = (r: RunResult) => r.files.filter((f) => !f.endsWith('.maxrss')).join(', ');
  const rows: Row[] = [
    { label: 'start-up (`--help`), median of ' + ROUNDS, chaos: ms(medianOf(help, 'chaos help')), ctk: ms(medianOf(help, 'ctk help')), ctkBest: same },
    { label: 'validation of the experiment file, median of ' + ROUNDS, chaos: ms(medianOf(validate, 'chaos validate')), ctk: ms(medianOf(validate, 'ctk validate')), ctkBest: same },
    { label: `tool overhead of a run (wall − 10 s window), median of ${OVERHEAD_RUNS}`, chaos: ms(median(overheadMs('chaos'))), ctk: ms(median(overheadMs('ctk'))), ctkBest: same },
    { label: `peak RSS of a run (/usr/bin/time), max of ${OVERHEAD_RUNS}`, chaos: `${(Math.max(...overhead.chaos.map((r) => r.rssKb!)) / 1024).toFixed(0)} MB`, ctk: `${(Math.max(...overhead.ctk.map((r) => r.rssKb!)) / 1024).toFixed(0)} MB`, ctkBest: same },
    { label: 'a normal run: verdict, exit code', chaos: verdictCell(overhead.chaos[0]!), ctk: verdictCell(overhead.ctk[0]!), ctkBest: same },
    { label: 'SIGINT 1 s into the fault → DELETE seen by the API server', chaos: deleteCell(sigint.chaos), ctk: deleteCell(sigint.ctk), ctkBest: deleteCell(sigint.best) },
    { label: 'Prometheus down (connections reset) 1 s into the fault → verdict, exit code', chaos: afterCell(promDown.chaos), ctk: afterCell(promDown.ctk), ctkBest: afterCell(promDown.best) },
    { label: 'a controller that never injects → verdict, exit code', chaos: afterCell(never.chaos), ctk: afterCell(never.ctk), ctkBest: afterCell(never.best) },
    { label: 'files a run writes', chaos: reportFiles(overhead.chaos[0]!), ctk: reportFiles(overhead.ctk[0]!), ctkBest: same },
  ];
  // who is ahead on each number, computed from the cells above (lower is better for all four)
  const numeric = rows.slice(0, 4).map((r) => ({ label: r.label.split(' (')[0]!.split(',')[0]!, chaos: parseFloat(r.chaos), ctk: parseFloat(r.ctk) }));
  const ahead = (who: 'chaos' | 'ctk') => numeric.filter((n) => (who === 'chaos' ? n.chaos < n.ctk : n.ctk < n.chaos)).map((n) => `${n.label} (${(Math.max(n.chaos, n.ctk) / Math.min(n.chaos, n.ctk)).toFixed(1)}×)`);
  const byOverhead = overheadMs('chaos').map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const notes = [
    `Lower is better in the first four rows. Chaos Toolkit is ahead on: ${ahead('ctk').join(', ') || 'none'}. chaos is ahead on: ${ahead('chaos').join(', ') || 'none'}.`,
    `Where the median chaos run's time went (ms, from its report): ${chaosStages(overhead.chaos[byOverhead[Math.floor(byOverhead.length / 2)]![1]]!)}. chaos opens the window only once Chaos Mesh reports the fault injected and ends the run once it reports it recovered; the CTK experiment waits for neither.`,
    `Prometheus down with Chaos Toolkit \`${WATCHING.join(' ')}\` (the hypothesis also checked every second during the method): ${afterCell(promDown.watching)}.`,
    `"Never injects": chaos gave up after the injection timeout of the bench's config (20 s; the shipped default is 60 s). CTK does not read the object's status, so its verdict is the steady-state probe's, taken with no fault in place.`,
    `Overhead samples (ms): chaos ${overheadMs('chaos').map((x) => x.toFixed(0)).join(', ')}; Chaos Toolkit ${overheadMs('ctk').map((x) => x.toFixed(0)).join(', ')}. Start-up samples: chaos ${help.get('chaos help')!.map((x) => x.toFixed(0)).join(', ')}; CTK ${help.get('ctk help')!.map((x) => x.toFixed(0)).join(', ')}.`,
    'chaos wrote all four of its report formats in these runs (`--report json=… junit=… html=… markdown=…`); Chaos Toolkit writes its JSON journal and a log by default (HTML/PDF need chaostoolkit-reporting and pandoc, not installed here; no JUnit).',
    'CTK ran with `--no-version-check` (no PyPI round trip). `--rollback-strategy always` is the CTK setting that makes rollbacks run after an interruption or a failed hypothesis; the default skips them.',
  ];
  const raw = { help: Object.fromEntries(help), validate: Object.fromEntries(validate), overhead, sigint, promDown, never };
  writePeers(join(ROOT, 'bench', 'peers', 'results.json'), join(ROOT, 'BENCHMARKS.md'), {
    measuredAt: new Date().toISOString(),
    machine: machine({ start: loadStart, end: loadavg() }),
    versions,
    ctkBestFlags: BEST.join(' '),
    rows,
    notes,
    raw: JSON.parse(JSON.stringify(raw, (k, v) => (k === 'output' && typeof v === 'string' ? v.slice(-2000) : v))),
  });
  console.log(rows.map((r) => `${r.label}\n  chaos: ${r.chaos}\n  ctk:   ${r.ctk}\n  best:  ${r.ctkBest}`).join('\n'));
});
