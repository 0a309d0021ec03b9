import { describe, expect, test } from 'vitest';
import { runExperiment } from '../../../src/lifecycle/run-experiment.js';
import { exitCodeForExperiment } from '../../../src/lifecycle/exit-codes.js';
import { EnvironmentError } from '../../../src/errors.js';
import { VirtualClock, ScriptedCluster, ScriptedMetrics, fakeDeps, okHook } from '../../support/fakes.js';
import { experiment, planned, errorRate, recoveryTime, criterion } from '../../support/experiments.js';
import type { HookRunner } from '../../../src/ports.js';

function setup(answer: (q: string, t: number) => number | undefined, script = {}, settings = {}) {
  const clock = new VirtualClock();
  const cluster = new ScriptedCluster(clock, script);
  const metrics = new ScriptedMetrics(clock, answer);
  return { clock, cluster, metrics, deps: fakeDeps(clock, cluster, metrics, settings) };
}
const ops = (c: ScriptedCluster) => c.calls.map((x) => x.op);

describe('runExperiment', () => {
  test('a healthy system passes, the fault is applied once and removed, nothing is left', async () => {
    const { cluster, metrics, deps } = setup(() => 0.001);
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('passed');
    expect(exitCodeForExperiment(ej)).toBe(0);
    expect(ops(cluster)).toEqual(['checkChaosKinds', 'apply-dry-run', 'apply', 'waitForInjection', 'watchInjected', 'delete', 'waitForGone']);
    expect(cluster.live.size).toBe(0);
    // 60 s window polled every 10 s: a poll at 0..50 s plus one at the end of the window.
    const fault = ej.criteria[0]!.samples.filter((s) => s.phase === 'fault');
    expect(fault).toHaveLength(7);
    expect(metrics.queries[0]!.q).toBe('error_rate{namespace="shop",service="api"}');
    expect(ej.applied[0]!.name).toBe('api-latency-r1234567');
  });

  test('a breach reverts at the first poll that sees it and fails (exit 1)', async () => {
    const { clock, cluster, deps } = setup((_, t) => (t - start >= 25_000 ? 0.2 : 0.001));
    const start = clock.now();
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('failed');
    expect(exitCodeForExperiment(ej)).toBe(1);
    expect(ej.abortReason).toMatch(/error_rate < 0.01 breached/);
    const del = cluster.calls.find((c) => c.op === 'delete')!;
    // breach visible from 25 s; polls at 20 s (ok) and 30 s (breach): DELETE at 30 s, not at 60 s.
    expect(del.at - start).toBe(30_000);
    expect(ej.criteria[0]!.verdict).toBe('breached');
    expect(ej.criteria[0]!.worst).toBe(0.2);
  });

  test('--no-abort-on-breach keeps the fault to the end of the window, still failed', async () => {
    const { clock, cluster, deps } = setup((_, t) => (t - start >= 25_000 ? 0.2 : 0.001), {}, { abortOnBreach: false });
    const start = clock.now();
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('failed');
    expect(cluster.calls.find((c) => c.op === 'delete')!.at - start).toBe(60_000);
  });

  test('no data is never a pass: inconclusive (exit 7)', async () => {
    const { deps } = setup(() => undefined);
    const ej = await runExperiment(planned(experiment({ criteria: [criterion('x', { metric: 'x', query: 'x', when: 'eventually', op: '>', value: 1 })] })), deps);
    expect(ej.verdict).toBe('inconclusive');
    expect(exitCodeForExperiment(ej)).toBe(7);
  });

  test('not steady before injection: nothing is applied (exit 5)', async () => {
    const { cluster, deps } = setup(() => 0.5);
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('not-steady');
    expect(exitCodeForExperiment(ej)).toBe(5);
    expect(ops(cluster)).not.toContain('apply');
    expect(ej.reason).toMatch(/error_rate < 0.01: observed 0.5/);
  });

  test('injection never confirmed: reverted, exit 4, with the controller message', async () => {
    const { cluster, deps } = setup(() => 0.001, { injection: 'timeout' });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('errored');
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toMatch(/injection not confirmed after 60s.*no pod is selected/s);
    expect(ops(cluster)).toContain('delete');
    expect(cluster.live.size).toBe(0);
  });

  test('Chaos Mesh missing: exit 4, nothing applied', async () => {
    const { cluster, deps } = setup(() => 0.001, { noCrds: true });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.hint).toMatch(/Chaos Mesh installed/);
    expect(ops(cluster)).toEqual(['checkChaosKinds']);
  });

  test('RBAC denied: exit 4 before anything is applied', async () => {
    const { cluster, deps } = setup(() => 0.001, { denyRbac: true });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toMatch(/RBAC denies user "tester" in namespace shop: create networkchaos/);
    expect(ops(cluster)).not.toContain('apply');
  });

  test('an object that never goes away is exit 6 and named as a leftover', async () => {
    const { deps } = setup(() => 0.001, { neverGone: true });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.leftovers.map((r) => r.name)).toEqual(['api-latency-r1234567']);
    expect(exitCodeForExperiment(ej)).toBe(6);
  });

  test('an interrupt mid-observe reverts and is exit 130', async () => {
    const ac = new AbortController();
    const clock = new VirtualClock();
    const cluster = new ScriptedCluster(clock);
    const metrics = new ScriptedMetrics(clock, () => {
      if (clock.now() - start >= 20_000) ac.abort();
      return 0.001;
    });
    const start = clock.now();
    const ej = await runExperiment(planned(experiment()), fakeDeps(clock, cluster, metrics, {}, ac.signal));
    expect(ej.verdict).toBe('interrupted');
    expect(exitCodeForExperiment(ej)).toBe(130);
    expect(cluster.calls.find((c) => c.op === 'delete')!.at - start).toBe(20_000);
    expect(cluster.live.size).toBe(0);
  });

  test('recovery_time is measured from revert until pods are ready and fails when slow', async () => {
    const clock = new VirtualClock();
    let revertedAt = Infinity;
    const cluster = new ScriptedCluster(clock, { podsAt: (t) => (t >= revertedAt + 8_000 ? { total: 3, ready: 3 } : t >= revertedAt ? { total: 3, ready: 2 } : { total: 3, ready: 3 }) });
    const origDelete = cluster.delete.bind(cluster);
    cluster.delete = async (ref) => {
      revertedAt = clock.now();
      return origDelete(ref);
    };
    const metrics = new ScriptedMetrics(clock, () => 0.001);
    const ej = await runExperiment(planned(experiment({ criteria: [errorRate(), recoveryTime(5)] })), fakeDeps(clock, cluster, metrics));
    const rt = ej.criteria.find((c) => c.label === 'recovery_time < 5s')!;
    expect(rt.verdict).toBe('breached');
    expect(rt.worst).toBeCloseTo(8, 0);
    expect(ej.verdict).toBe('failed');
  });

  test('a failing before hook means nothing is injected (exit 4)', async () => {
    const { cluster, deps } = setup(() => 0.001);
    const hooks: HookRunner = { run: async (spec, phase) => okHook(spec.name, phase, false), start: () => { throw new Error('unexpected'); } };
    const exp = experiment({ hooks: { before: [{ name: 'warmup', run: ['false'], shell: false, env: {}, expectExit: 0, source: experiment().source }], during: [], after: [] } });
    const ej = await runExperiment(planned(exp), { ...deps, hooks });
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toMatch(/before hook "warmup" failed/);
    expect(ops(cluster)).not.toContain('apply');
    expect(ej.criteria.some((c) => c.kind === 'hook' && c.verdict === 'breached')).toBe(true);
  });

  test('a one-shot pod kill measures recovery from the kill, while observing', async () => {
    const clock = new VirtualClock();
    let killedAt = Infinity;
    const cluster = new ScriptedCluster(clock, { podsAt: (t) => (t >= killedAt + 2_000 ? { total: 3, ready: 3 } : t >= killedAt ? { total: 3, ready: 2 } : { total: 3, ready: 3 }) });
    const wait = cluster.waitForInjection.bind(cluster);
    cluster.waitForInjection = async (ref, o) => {
      killedAt = clock.now();
      return wait(ref, o);
    };
    const metrics = new ScriptedMetrics(clock, () => 0.001);
    const kill = experiment({ fault: { type: 'pod_kill' }, target: { ...experiment().target, mode: 'fixed', value: '1' }, criteria: [recoveryTime(30)] });
    const ej = await runExperiment(planned(kill), fakeDeps(clock, cluster, metrics, { pollIntervalMs: 1_000 }));
    expect(ej.verdict).toBe('passed');
    expect(ej.recoveryMs).toBeGreaterThanOrEqual(2_000);
    expect(ej.recoveryMs).toBeLessThan(3_000);
  });

  test('an interrupt while a one-shot recovery is being measured still reverts, without a crash', async () => {
    const ac = new AbortController();
    const clock = new VirtualClock();
    const cluster = new ScriptedCluster(clock, { pods: { total: 3, ready: 2 } });
    const metrics = new ScriptedMetrics(clock, () => {
      if (clock.now() - start >= 5_000) ac.abort();
      return 0.001;
    });
    const start = clock.now();
    const kill = experiment({ fault: { type: 'pod_kill' }, criteria: [errorRate(), recoveryTime(30)] });
    const ej = await runExperiment(planned(kill), fakeDeps(clock, cluster, metrics, { pollIntervalMs: 1_000 }, ac.signal));
    expect(ej.verdict).toBe('interrupted');
    expect(ops(cluster)).toContain('delete');
  });

  test('losing the cluster while measuring recovery is a verdict (exit 4) after the revert, not a crash', async () => {
    const clock = new VirtualClock();
    let reverted = false;
    const cluster = new ScriptedCluster(clock, {
      podsAt: () => {
        if (reverted) throw new EnvironmentError('cannot reach https://127.0.0.1:6443');
        return { total: 3, ready: 3 };
      },
    });
    const del = cluster.delete.bind(cluster);
    cluster.delete = async (ref) => {
      reverted = true;
      return del(ref);
    };
    const metrics = new ScriptedMetrics(clock, () => 0.001);
    const ej = await runExperiment(planned(experiment({ criteria: [errorRate(), recoveryTime(30)] })), fakeDeps(clock, cluster, metrics));
    expect(ej.verdict).toBe('errored');
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toMatch(/cannot reach/);
    expect(cluster.live.size).toBe(0);
  });
});
