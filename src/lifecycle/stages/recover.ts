// recovery_time: from fault removal (or the kill, for one-shot faults) until every target pod is Ready
// again and every `always` criterion holds again, bounded by recoveryTimeout. Then the `end` criteria.
import { pause, type RunDeps } from '../deps.js';
import { pollCriteria, isAlways, isSampled, type Tracked } from '../sampling.js';
import type { PlannedExperiment } from '../plan.js';
import type { ExperimentJournal } from '../journal.js';
import type { PodIdentity } from '../../ports.js';
import { killEvidence } from '../kill-evidence.js';

export interface RecoveryResult {
  recovered: boolean;
  ms: number;
  /** Why recovery could not be confirmed (pods not ready, criteria breached, or no data). */
  why?: string | undefined;
  noData?: boolean | undefined;
}

/**
 * `before` (one-shot faults): the target pods just before the kill; the first look that shows one gone,
 * replaced or restarted is recorded as ej.killEvidence.
 */
export async function measureRecovery(p: PlannedExperiment, tracked: Tracked[], from: number, ej: ExperimentJournal, deps: RunDeps, before?: PodIdentity[]): Promise<RecoveryResult> {
  const { clock, settings, cluster } = deps;
  const deadline = from + settings.recoveryTimeoutMs;
  const expected = ej.targets?.total ?? 1;
  const always = tracked.filter(isAlways);
  const queryEvery = Math.min(settings.pollIntervalMs, 1000);
  let lastQuery = -Infinity;
  let criteriaOk = always.length === 0;
  let why = 'not checked yet';
  let noData = false;
  for (;;) {
    const pods = await cluster.countPods(p.namespace, p.experiment.target.selector);
    if (before && pods.pods && ej.killEvidence === undefined) ej.killEvidence = killEvidence(before, pods.pods, p.experiment.fault.type === 'container_kill' ? 'container_kill' : 'pod_kill');
    // A killed pod may not have been replaced yet: fewer pods than before is not "recovered".
    const podsOk = pods.total >= expected && pods.ready === pods.total;
    if (always.length > 0 && clock.now() - lastQuery >= queryEvery) {
      lastQuery = clock.now();
      const samples = await pollCriteria(always, 'recovery', deps, ej);
      criteriaOk = samples.every((s) => s.state === 'met');
      noData = samples.some((s) => s.state === 'no-data');
    }
    const now = clock.now();
    if (podsOk && criteriaOk) return { recovered: true, ms: Math.max(0, now - from) };
    why = !podsOk ? `${pods.ready}/${Math.max(pods.total, expected)} target pods ready` : noData ? 'criteria have no data' : 'criteria not yet met again';
    if (now >= deadline) return { recovered: false, ms: now - from, why, noData: podsOk && noData };
    await pause(deps, Math.min(settings.recoveryProbeMs, deadline - now));
  }
}

/** The `end` criteria, evaluated once after recovery. */
export async function evaluateEndCriteria(tracked: Tracked[], deps: RunDeps, ej: ExperimentJournal): Promise<void> {
  const end = tracked.filter((t) => t.planned.when === 'end' && isSampled(t));
  if (end.length > 0) await pollCriteria(end, 'end', deps, ej);
}
