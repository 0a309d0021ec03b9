// The lifecycle with the SPEC §10 verdict inputs, on a virtual clock: baselines read from history before
// injection, expect_effect, alerts (abort and steady state), HTTP probes (criterion and abort).
import { describe, expect, test } from 'vitest';
import { runExperiment } from '../../../src/lifecycle/run-experiment.js';
import { exitCodeForExperiment } from '../../../src/lifecycle/exit-codes.js';
import { baselineOf, statistic } from '../../../src/criteria/baseline-stat.js';
import { baselineStepMs } from '../../../src/lifecycle/stages/baseline-threshold.js';
import { VirtualClock, ScriptedCluster, ScriptedMetrics, ScriptedProbes, fakeDeps } from '../../support/fakes.js';
import { experiment, planned, criterion } from '../../support/experiments.js';
import type { Criterion } from '../../../src/experiment/model.js';
import type { ProbeResult } from '../../../src/ports.js';

const START = 1_700_000_000_000; // VirtualClock's epoch: the experiment begins here
const latency = (over: Partial<Criterion> = {}) =>
  criterion('p95 < 1.5x baseline', { metric: 'p95', query: 'p95{service="{{service}}"}', op: '<', value: 0, display: '1.5x baseline', unit: 'seconds', baseline: { factor: 1.5, offset: 0, stat: 'median' }, ...over });

function setup(answer: (q: string, t: number) => number | undefined, probe?: (url: string, t: number) => boolean | ProbeResult, env: Record<string, string> = {}) {
  const clock = new VirtualClock();
  const cluster = new ScriptedCluster(clock);
  const metrics = new ScriptedMetrics(clock, answer);
  const deps = fakeDeps(clock, cluster, metrics);
  const probes = new ScriptedProbes(clock, probe, env);
  deps.probes = probes;
  return { clock, cluster, metrics, probes, deps };
}
const deleteAt = (c: ScriptedCluster) => c.calls.find((x) => x.op === 'delete')?.at;

describe('baseline statistics', () => {
  test('median, p95 (interpolated), max, mean over the instants; series reduced per instant first', () => {
    expect(statistic([3, 1, 2, 10], 'median')).toBe(2.5);
    expect(statistic([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 'p95')).toBe(20);
    expect(statistic([3, 1, 2], 'max')).toBe(3);
    expect(statistic([3, 1, 2], 'mean')).toBe(2);
    const range = { ok: true as const, series: [
      { labels: { pod: 'a' }, values: [{ t: 1, value: 1 }, { t: 2, value: 5 }] },
      { labels: { pod: 'b' }, values: [{ t: 1, value: 3 }, { t: 2, value: NaN }] },
    ] };
    // instant 1: max(1,3) = 3; instant 2 has a NaN series: unknown, left out
    expect(baselineOf(range, 'max', 'median')).toEqual({ ok: true, value: 3, points: 1 });
    expect(baselineOf({ ok: true, series: [] }, 'max', 'median')).toMatchObject({ ok: false, error: expect.stringContaining('no history') });
    expect(baselineOf({ ok: false, error: 'timeout' }, 'max', 'median')).toEqual({ ok: false, error: 'timeout' });
  });

  test('the step is the poll interval, widened so a long window stays under 11,000 points', () => {
    expect(baselineStepMs(300_000, 10_000)).toBe(10_000);
    expect(baselineStepMs(300_000, 500)).toBe(1000);
    const step = baselineStepMs(30 * 86_400_000, 1000);
    expect(30 * 86_400_000 / step).toBeLessThanOrEqual(11_000);
  });
});

describe('baseline-relative criteria', () => {
  test('read from the 5m of history ending before injection; met when the fault stays within 1.5x (exit 0)', async () => {
    const { cluster, metrics, deps } = setup((_, t) => (t <= START ? 0.2 : 0.25));
    const ej = await runExperiment(planned(experiment({ criteria: [latency()] })), deps);
    expect(ej.verdict).toBe('passed');
    const [range] = metrics.ranges;
    expect(range).toMatchObject({ q: 'p95{service="api"}', endMs: START, startMs: START - 300_000, stepMs: 10_000 });
    // history ends before apply: the range was read before any object existed
    expect(cluster.calls.find((c) => c.op === 'apply')!.at).toBeGreaterThanOrEqual(range!.endMs);
    const c = ej.criteria[0]!;
    expect(c.baseline).toEqual({ stat: 'median', windowMs: 300_000, factor: 1.5, offset: 0, value: 0.2, points: 31 });
    expect(c.threshold).toBeCloseTo(0.3);
    expect(ej.stages.find((s) => s.name === 'baseline')!.detail).toBe('steady; p95 < 1.5x baseline: baseline 0.2 → threshold 0.3');
  });

  test('beyond 1.5x the baseline: breached, aborted, failed (exit 1)', async () => {
    const { deps } = setup((_, t) => (t <= START ? 0.2 : 0.35));
    const ej = await runExperiment(planned(experiment({ criteria: [latency()] })), deps);
    expect(ej.verdict).toBe('failed');
    expect(exitCodeForExperiment(ej)).toBe(1);
    expect(ej.criteria[0]!.verdict).toBe('breached');
  });

  test('the statistic is the one asked for (max), and baseline ± c offsets it', async () => {
    const history = (t: number) => (t < START - 100_000 ? 0.1 : t <= START ? 0.3 : 0.31);
    const { deps } = setup((_, t) => history(t));
    const c = latency({ label: 'p95 < baseline + 0.02 (max)', display: 'baseline + 0.02', baseline: { factor: 1, offset: 0.02, stat: 'max' } });
    const ej = await runExperiment(planned(experiment({ criteria: [c] })), deps);
    expect(ej.criteria[0]!.baseline?.value).toBe(0.3);
    expect(ej.criteria[0]!.threshold).toBeCloseTo(0.32);
    expect(ej.verdict).toBe('passed');
  });

  test('no history: the baseline is no-data, never met: not steady (exit 5), nothing applied', async () => {
    const { cluster, deps } = setup((_, t) => (t <= START ? undefined : 0.01));
    const ej = await runExperiment(planned(experiment({ criteria: [latency()] })), deps);
    expect(ej.verdict).toBe('not-steady');
    expect(exitCodeForExperiment(ej)).toBe(5);
    expect(ej.reason).toContain('p95 < 1.5x baseline: no data (no baseline: no history');
    expect(cluster.calls.map((c) => c.op)).not.toContain('apply');
  });

  test('steady state is judged against the baseline too: already above 1.5x before injection → exit 5', async () => {
    const { cluster, deps } = setup((_, t) => (t < START - 1 ? 0.1 : 0.5));
    const ej = await runExperiment(planned(experiment({ criteria: [latency()] })), deps);
    expect(ej.verdict).toBe('not-steady');
    expect(ej.reason).toMatch(/p95 < 1.5x baseline: observed 0.5/);
    expect(cluster.calls.map((c) => c.op)).not.toContain('apply');
  });
});

describe('expect_effect', () => {
  const effect = criterion('p95 > 1.2x baseline', { metric: 'p95', query: 'p95', op: '>', value: 0, display: '1.2x baseline', baseline: { factor: 1.2, offset: 0, stat: 'median' }, aggregate: 'any' });
  const ok = criterion('errors < 1', { metric: 'errors', query: 'errors', op: '<', value: 1, display: '1' });

  test('seen at one fault sample: passed', async () => {
    const { clock, deps } = setup((q, t) => (q === 'errors' ? 0 : t <= START ? 0.1 : t - START > 30_000 && t - START < 45_000 ? 0.2 : 0.1));
    void clock;
    const ej = await runExperiment(planned(experiment({ criteria: [ok], expectEffect: [effect] })), deps);
    expect(ej.verdict).toBe('passed');
    const e = ej.criteria.find((c) => c.kind === 'effect')!;
    expect(e).toMatchObject({ verdict: 'met', label: 'p95 > 1.2x baseline' });
    expect(ej.reason).toBe('1 criterion met'); // an effect is not a criterion: it proves the fault, it is not scored
  });

  test('never seen: the fault had no visible effect, inconclusive (exit 7), though every criterion was met', async () => {
    const { deps } = setup((q) => (q === 'errors' ? 0 : 0.1));
    const ej = await runExperiment(planned(experiment({ criteria: [ok], expectEffect: [effect] })), deps);
    expect(ej.verdict).toBe('inconclusive');
    expect(exitCodeForExperiment(ej)).toBe(7);
    expect(ej.reason).toMatch(/^none of expect_effect held during the fault \(p95 > 1.2x baseline: never > 1.2x baseline during the fault \(best 0.1\)\): the fault had no visible effect; nothing proven$/);
    expect(ej.criteria.find((c) => c.kind === 'effect')!.verdict).toBe('breached');
  });

  test('a breach still fails (exit 1): a failure is not hidden behind a missing effect', async () => {
    const { deps } = setup((q, t) => (q === 'errors' ? (t > START + 20_000 ? 5 : 0) : 0.1));
    const ej = await runExperiment(planned(experiment({ criteria: [ok], expectEffect: [effect] })), deps);
    expect(ej.verdict).toBe('failed');
  });
});

describe('alerts', () => {
  const firing = (from: number) => (q: string, t: number) => (q.includes('ALERTS') ? (t - START >= from ? 1 : 0) : 0.001);
  const alertAbort = criterion('alert HighErrorRate', { query: 'count(ALERTS{alertname="HighErrorRate",alertstate="firing"}) or vector(0)', op: '>', value: 0, display: 'firing', aggregate: 'max', alert: { name: 'HighErrorRate', labels: {} } });
  const alertCriterion = { ...alertAbort, op: '==' as const, display: 'not firing' };

  test('abort_when { alert }: firing during the fault reverts at the next poll, failed (exit 1)', async () => {
    const { cluster, deps } = setup(firing(25_000));
    const ej = await runExperiment(planned(experiment({ abortWhen: [alertAbort] })), deps);
    expect(ej.verdict).toBe('failed');
    expect(exitCodeForExperiment(ej)).toBe(1);
    expect(ej.abortReason).toBe('abort_when alert HighErrorRate (observed 1)');
    expect(deleteAt(cluster)! - START).toBe(30_000);
  });

  test('a { alert } criterion firing before injection: not steady (exit 5), nothing applied', async () => {
    const { cluster, deps } = setup(firing(-1_000_000));
    const ej = await runExperiment(planned(experiment({ criteria: [alertCriterion] })), deps);
    expect(ej.verdict).toBe('not-steady');
    expect(cluster.calls.map((c) => c.op)).not.toContain('apply');
  });
});

describe('HTTP probes', () => {
  const probe = { url: 'http://api/health', status: 200, timeoutMs: 2000, headers: { Authorization: { env: 'HEALTH_TOKEN' } } };
  const probeCriterion = criterion('http http://api/health', { op: '==', value: 1, display: 'answers 200', probe });

  test('a probe failing mid-fault breaches (exit 1); the answer is kept on the sample', async () => {
    const { probes, deps } = setup(() => 0.001, (_, t) => t - START < 25_000, { HEALTH_TOKEN: 'secret-token' });
    const ej = await runExperiment(planned(experiment({ criteria: [probeCriterion] })), deps);
    expect(ej.verdict).toBe('failed');
    const c = ej.criteria[0]!;
    expect(c.probe).toBe('http://api/health');
    expect(c.samples.find((s) => s.state === 'breached')).toMatchObject({ value: 0, detail: 'HTTP 503, expected 200' });
    expect(probes.probed.length).toBeGreaterThan(2);
  });

  test('in abort_when a failing probe fires at once (exit 1)', async () => {
    const { cluster, deps } = setup(() => 0.001, (_, t) => t - START < 25_000, { HEALTH_TOKEN: 'x' });
    const ej = await runExperiment(planned(experiment({ abortWhen: [{ ...probeCriterion, value: 0, display: 'failing' }] })), deps);
    expect(ej.abortReason).toBe('abort_when http http://api/health (observed 0)');
    expect(deleteAt(cluster)! - START).toBe(30_000);
  });

  test('a header naming an unset env var stops the run at preflight (exit 4), nothing applied', async () => {
    const { cluster, deps } = setup(() => 0.001, () => true, {});
    const ej = await runExperiment(planned(experiment({ criteria: [probeCriterion] })), deps);
    expect(ej.verdict).toBe('errored');
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toContain('HEALTH_TOKEN');
    expect(cluster.calls.map((c) => c.op)).not.toContain('apply');
  });
});
