// The lifecycle under adversity, on a virtual clock: a blind Prometheus, a fault lost mid-window, a
// lost lock or a bug stopping the run, the run-id sweep, and the fault's own lifetime (SPEC §10).
import { describe, expect, test } from 'vitest';
import { runExperiment } from '../../../src/lifecycle/run-experiment.js';
import { exitCodeForExperiment, exitCodeForRun } from '../../../src/lifecycle/exit-codes.js';
import { LockLostError } from '../../../src/errors.js';
import { InternalFault } from '../../../src/lifecycle/deps.js';
import { faultLossOf } from '../../../src/adapters/kubernetes/status.js';
import { VirtualClock, ScriptedCluster, ScriptedMetrics, fakeDeps } from '../../support/fakes.js';
import { experiment, planned } from '../../support/experiments.js';
import type { RunJournal } from '../../../src/lifecycle/journal.js';

function setup(answer: (q: string, t: number) => number | undefined, script = {}, settings = {}, interrupt?: AbortSignal) {
  const clock = new VirtualClock();
  const start = clock.now();
  const cluster = new ScriptedCluster(clock, script);
  const metrics = new ScriptedMetrics(clock, answer);
  return { clock, start, cluster, metrics, deps: fakeDeps(clock, cluster, metrics, settings, interrupt) };
}
const deleteAt = (c: ScriptedCluster) => c.calls.find((x) => x.op === 'delete')?.at;

describe('a fault never runs blind', () => {
  test('no data for blindAbortAfter polls in a row: reverted at the third, inconclusive (exit 7)', async () => {
    const { start, cluster, deps } = setup((_, t) => (t - start < 15_000 ? 0.001 : undefined));
    const ej = await runExperiment(planned(experiment()), deps);
    // polls at 0 and 10 s have data; 20, 30, 40 s do not: the third empty poll (40 s) reverts, not 60 s.
    expect(deleteAt(cluster)! - start).toBe(40_000);
    expect(ej.blindAt! - start).toBe(40_000);
    expect(ej.verdict).toBe('inconclusive');
    expect(ej.reason).toMatch(/Prometheus gave no data/);
    expect(exitCodeForExperiment(ej)).toBe(7);
  });

  test('a gap shorter than blindAbortAfter does not revert early', async () => {
    const { start, cluster, deps } = setup((_, t) => (t - start >= 15_000 && t - start < 35_000 ? undefined : 0.001));
    const ej = await runExperiment(planned(experiment()), deps);
    expect(deleteAt(cluster)! - start).toBe(60_000);
    expect(ej.blindAt).toBeUndefined();
    expect(ej.verdict).toBe('inconclusive'); // two no-data samples of an `always` criterion: nothing proven
  });
});

describe('a fault lost during the window is never a pass', () => {
  test('deleted by someone else at 25 s: observation stops, inconclusive (exit 7) with the time', async () => {
    const { start, cluster, deps } = setup(() => 0.001, { faultLost: { at: 1_700_000_025_000, reason: 'deleted' } });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.faultLost?.reason).toBe('deleted');
    expect(ej.faultLost!.at - start).toBeGreaterThanOrEqual(25_000);
    expect(ej.faultLost!.at - start).toBeLessThan(60_000);
    expect(ej.verdict).toBe('inconclusive');
    expect(exitCodeForExperiment(ej)).toBe(7);
    expect(ej.stages.find((s) => s.name === 'revert')?.detail).toBe('0 objects removed, 1 already gone');
  });

  test('a breach seen before the loss is still a failure (exit 1)', async () => {
    const { start, deps } = setup((_, t) => (t - start >= 5_000 ? 0.5 : 0.001), { faultLost: { at: 1_700_000_025_000, reason: 'paused' } });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('failed');
    expect(exitCodeForExperiment(ej)).toBe(1);
  });

  test('one-shot faults (a kill) are not watched: the kill already happened', async () => {
    const { cluster, deps } = setup(() => 0.001);
    await runExperiment(planned(experiment({ fault: { type: 'pod_kill' }, target: { ...experiment().target, mode: 'one' } })), deps);
    expect(cluster.calls.some((c) => c.op === 'watchInjected')).toBe(false);
  });

  test('faultLossOf reads deletion, pause and lost injection from the object', () => {
    const injected = { metadata: {}, status: { conditions: [{ type: 'Selected', status: 'True' }, { type: 'AllInjected', status: 'True' }], experiment: { desiredPhase: 'Run', containerRecords: [{ id: 'shop/api-0', phase: 'Injected' }] } } };
    expect(faultLossOf(injected)).toBeUndefined();
    expect(faultLossOf({ ...injected, status: { ...injected.status, experiment: { desiredPhase: 'Run', containerRecords: [] } } })?.reason).toBe('not-injected');
    expect(faultLossOf(undefined)?.reason).toBe('deleted');
    expect(faultLossOf({ ...injected, metadata: { deletionTimestamp: '2026-12-06T00:00:00Z' } })?.reason).toBe('deleted');
    expect(faultLossOf({ ...injected, metadata: { annotations: { 'experiment.chaos-mesh.org/pause': 'true' } } })?.reason).toBe('paused');
    expect(faultLossOf({ metadata: {}, status: { conditions: [{ type: 'AllInjected', status: 'False' }] } })?.reason).toBe('not-injected');
    expect(faultLossOf({ ...injected, status: { ...injected.status, experiment: { ...injected.status.experiment, desiredPhase: 'Stop' } } })?.reason).toBe('not-injected');
  });
});

describe('the run stopped for a reason of its own', () => {
  test('a lost lock: reverted, errored with exit 4, the reason says so', async () => {
    const stop = new AbortController();
    const { clock, start, cluster, deps } = setup((_, t) => {
      if (t - start >= 20_000 && !stop.signal.aborted) stop.abort(new LockLostError('lost the lock on namespace shop: lease chaos-lock is now held by other'));
      return 0.001;
    }, {}, {}, stop.signal);
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('errored');
    expect(ej.reason).toMatch(/lost the lock on namespace shop/);
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(deleteAt(cluster)! - start).toBeLessThan(60_000);
    expect(cluster.live.size).toBe(0);
    expect(clock.now()).toBeGreaterThan(start);
  });

  test('a bug elsewhere (InternalFault): reverted, errored with exit 70', async () => {
    const stop = new AbortController();
    const { start, cluster, deps } = setup((_, t) => {
      if (t - start >= 10_000 && !stop.signal.aborted) stop.abort(new InternalFault('internal error: boom'));
      return 0.001;
    }, {}, {}, stop.signal);
    const ej = await runExperiment(planned(experiment()), deps);
    expect(exitCodeForExperiment(ej)).toBe(70);
    expect(cluster.live.size).toBe(0);
  });
});

describe('the run-id sweep and the fault lifetime', () => {
  test('an object of the run that the revert did not know is found and removed', async () => {
    const { cluster, deps } = setup(() => 0.001);
    const stray = { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', namespace: 'shop', name: 'stray-r1234567' } as const;
    cluster.live.set(stray.name, stray);
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.sweep?.found).toEqual([stray]);
    expect(ej.sweep?.removed).toEqual([stray]);
    expect(cluster.live.size).toBe(0);
    expect(ej.verdict).toBe('passed');
  });

  test('what the sweep cannot remove is a leftover: exit 6', async () => {
    const { cluster, deps } = setup(() => 0.001, { neverGone: true }, { revertTimeoutMs: 1000 });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(exitCodeForExperiment(ej)).toBe(6);
    expect(cluster.live.size).toBe(1);
  });

  test('spec.duration outlasts the observed window by the injection allowance', () => {
    const p = planned(experiment());
    expect(p.faultAllowanceMs).toBe(p.experiment.durationMs === 60_000 ? 70_000 : NaN);
    expect(p.manifests[0]!.spec.duration).toBe('2m10s');
  });

  test('the run exit code counts a bug (70) and what the end-of-run sweep could not remove (6)', () => {
    const base: RunJournal = { reportVersion: 1, tool: { name: 'chaos', version: 't' }, runId: 'r', startedAt: 0, dryRun: false, experiments: [], interrupted: false };
    expect(exitCodeForRun({ ...base, fatal: 'boom' })).toBe(70);
    const ref = { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', namespace: 'n', name: 'x' } as const;
    expect(exitCodeForRun({ ...base, fatal: 'boom', sweep: { scope: 'run', at: 0, namespaces: ['n'], found: [ref], removed: [], left: [ref] } })).toBe(6);
  });
});

describe('proof of injection', () => {
  test('AllInjected with no container record Injected is not an injection: reverted, exit 4', async () => {
    const { cluster, deps } = setup(() => 0.001, { injection: 'hollow' });
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('errored');
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toMatch(/the fault hit nothing/);
    expect(cluster.live.size).toBe(0);
  });

  test('the targets hit are journalled from the container records', async () => {
    const { deps } = setup(() => 0.001);
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.hit).toEqual(['shop/pod-0']);
  });
});

describe('proof of effect of a kill', () => {
  const kill = () => experiment({ fault: { type: 'pod_kill' }, target: { ...experiment().target, mode: 'one' } });
  test('the killed pod replaced (new UID) is the evidence, journalled; the run passes', async () => {
    const { deps } = setup(() => 0.001);
    const ej = await runExperiment(planned(kill()), deps);
    expect(ej.killEvidence).toBe('pod pod-0 was replaced (new UID)');
    expect(ej.verdict).toBe('passed');
  });

  test('a kill Chaos Mesh confirms but that changes no pod is inconclusive (exit 7)', async () => {
    const { deps } = setup(() => 0.001, { killHasNoEffect: true });
    const ej = await runExperiment(planned(kill()), deps);
    expect(ej.killEvidence).toBeUndefined();
    expect(ej.verdict).toBe('inconclusive');
    expect(ej.reason).toMatch(/no target pod was seen gone, replaced or restarted/);
    expect(exitCodeForExperiment(ej)).toBe(7);
  });

  test('killEvidence: gone, replaced, restarted, or nothing', async () => {
    const { killEvidence } = await import('../../../src/lifecycle/kill-evidence.js');
    const a = { name: 'a', uid: '1', restarts: 0 };
    expect(killEvidence([a], [], 'pod_kill')).toBe('pod a is gone');
    expect(killEvidence([a], [{ ...a, uid: '2' }], 'pod_kill')).toBe('pod a was replaced (new UID)');
    expect(killEvidence([a], [{ ...a, restarts: 1 }], 'container_kill')).toBe('a container of a restarted (restartCount 0 → 1)');
    expect(killEvidence([a], [a], 'pod_kill')).toBeUndefined();
    expect(killEvidence([a], [a], 'container_kill')).toBeUndefined();
  });
});
