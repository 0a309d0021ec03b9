// One experiment, stage by stage. Faults are reverted on every path; the journal says what happened.
import { isChaosError } from '../errors.js';
import { exitCodeForError, ExitCode } from './exit-codes.js';
import { errorMessage, InternalFault, Interrupted, stage, type RunDeps } from './deps.js';
import { trackCriteria } from './sampling.js';
import { preflight } from './stages/preflight.js';
import { checkSteadyState } from './stages/baseline.js';
import { readBaselines } from './stages/baseline-threshold.js';
import { inject } from './stages/inject.js';
import { observe } from './stages/observe.js';
import { revert } from './stages/revert.js';
import { measureRecovery, evaluateEndCriteria } from './stages/recover.js';
import { runBeforeHooks, runAfterHooks, startDuringHooks, type DuringHooks } from './hooks.js';
import { conclude, recordRecovery } from './verdict.js';
import { watchApplied, type FaultWatch } from './fault-watch.js';
import { sweep } from './sweep.js';
import type { PlannedExperiment } from './plan.js';
import type { ExperimentJournal } from './journal.js';

export function openExperimentJournal(p: PlannedExperiment, now: number): ExperimentJournal {
  return {
    name: p.experiment.name,
    description: p.experiment.description,
    source: p.experiment.source,
    faultType: p.experiment.fault.type,
    namespace: p.namespace,
    windowMs: p.windowMs,
    manifests: p.manifests,
    applied: [],
    leftovers: [],
    stages: [],
    criteria: [],
    hooks: [],
    verdict: 'errored',
    startedAt: now,
  };
}

export async function runExperiment(p: PlannedExperiment, deps: RunDeps): Promise<ExperimentJournal> {
  const ej = openExperimentJournal(p, deps.clock.now());
  const { criteria, aborts, effects } = trackCriteria(p, ej);
  let during: DuringHooks | undefined;
  let watch: FaultWatch | undefined;
  let settled = false; // a verdict was decided before conclude (not-steady, errored, interrupted)
  try {
    await stage(ej, 'preflight', deps, async (rec) => (rec.detail = await preflight(p, ej, deps, [...criteria, ...aborts, ...effects])));
    if (deps.settings.serverDryRun) return finish(ej, deps, 'passed', 'preflight passed (dry run: nothing applied)');
    const unsteady = await stage(ej, 'baseline', deps, async (rec) => {
      await runBeforeHooks(p, ej, deps);
      // Baselines first: a baseline-relative `always` criterion is judged against its baseline at steady state too.
      const baselines = await readBaselines([...criteria, ...aborts, ...effects], p.baselineWindowMs, deps);
      const why = await checkSteadyState(criteria, deps, ej);
      if (why) rec.ok = false;
      rec.detail = [why ?? 'steady', ...baselines].join('; ');
      return why;
    });
    if (unsteady) {
      settled = true;
      return finish(ej, deps, 'not-steady', unsteady, ExitCode.notSteady);
    }
    // One-shot faults must show their effect through the API: who the targets were just before the kill.
    const before = p.oneShot ? (await deps.cluster.countPods(p.namespace, p.experiment.target.selector)).pods : undefined;
    await stage(ej, 'inject', deps, async (rec) => (rec.detail = await inject(p, ej, deps)));
    // A one-shot fault (a kill) is done once confirmed; a lasting one must stay in place all window.
    watch = p.oneShot ? undefined : watchApplied(ej, deps);
    during = startDuringHooks(p, ej, deps);
    // One-shot faults (pod kill) recover while we watch: measure from the kill, alongside observe.
    const oneShotRecovery = p.oneShot ? measureRecovery(p, criteria, ej.injectedAt!, ej, deps, before) : undefined;
    oneShotRecovery?.catch(() => undefined); // if observe fails first, this must not be an unhandled rejection
    await stage(ej, 'observe', deps, async (rec) => {
      const faultEndsBy = ej.appliedAt !== undefined ? ej.appliedAt + p.faultWindowMs + p.faultAllowanceMs : undefined;
      const windowMs = p.oneShot ? p.windowMs : p.faultWindowMs;
      const aborted = await observe({ windowMs, criteria, aborts, effects, hookFailure: during?.failure, faultLost: watch?.lost, faultEndsBy }, ej, deps);
      rec.detail = aborted ? `aborted: ${aborted}` : 'window completed';
    });
    if (oneShotRecovery) recordRecovery(p, ej, criteria, await oneShotRecovery);
    if (before && ej.killEvidence === undefined) ej.noEffect = `Chaos Mesh reported the ${p.experiment.fault.type} injected, but no target pod was seen gone, replaced or restarted`;
  } catch (e) {
    settled = true;
    settleError(ej, deps, e);
  } finally {
    watch?.stop();
    // Stopping a load generator may take its grace period: never let it delay the DELETE.
    const stopping = during?.stopAll();
    if (ej.applied.length > 0 && !deps.settings.serverDryRun) {
      await stage(ej, 'revert', deps, async (rec) => (rec.detail = await revert(ej, deps))).catch(() => undefined);
      ej.sweep = await sweep({ scope: 'experiment', namespaces: [p.namespace], experiment: p.experiment.name, known: ej.leftovers, settleMs: ej.uncertainApply ? deps.settings.uncertainSettleMs : undefined }, deps);
      ej.leftovers.push(...ej.sweep.left);
    }
    await stopping;
  }
  if (!settled) settled = await recoverStage(p, ej, criteria, deps);
  if (!settled) conclude(ej, criteria, effects);
  ej.endedAt = deps.clock.now();
  return ej;
}

/** Returns true when the verdict was settled here (interrupted or errored). */
async function recoverStage(p: PlannedExperiment, ej: ExperimentJournal, criteria: ReturnType<typeof trackCriteria>['criteria'], deps: RunDeps): Promise<boolean> {
  try {
    await stage(ej, 'recover', deps, async (rec) => {
      if (!p.oneShot && criteria.some((t) => t.planned.builtin === 'recovery_time')) {
        recordRecovery(p, ej, criteria, await measureRecovery(p, criteria, ej.revertedAt ?? deps.clock.now(), ej, deps));
      }
      await evaluateEndCriteria(criteria, deps, ej);
      await runAfterHooks(p, ej, deps);
      rec.detail = ej.recoveryMs !== undefined ? `recovered in ${(ej.recoveryMs / 1000).toFixed(1)}s` : 'done';
    });
    return false;
  } catch (e) {
    // The fault is already removed; a failure here still ends in a verdict and a report, never a crash.
    settleError(ej, deps, e);
    return true;
  }
}

/** Turns what a stage threw into the experiment's verdict (interrupted, environment, or a bug). */
function settleError(ej: ExperimentJournal, deps: RunDeps, e: unknown): void {
  const why: unknown = deps.interrupt.aborted ? deps.interrupt.reason : undefined;
  // The run was stopped for a reason of its own (a lost lock, a bug elsewhere), not by a person.
  if (isChaosError(why)) finish(ej, deps, 'errored', `${why.message}; faults reverted`, exitCodeForError(why.kind), why.hint);
  else if (why instanceof InternalFault) finish(ej, deps, 'errored', `${why.message}; faults reverted`, ExitCode.internal);
  else if (e instanceof Interrupted || deps.interrupt.aborted) finish(ej, deps, 'interrupted', 'interrupted by signal; faults reverted', ExitCode.interrupted);
  else if (isChaosError(e)) finish(ej, deps, 'errored', e.message, exitCodeForError(e.kind), e.hint);
  else finish(ej, deps, 'errored', `internal error: ${errorMessage(e)}\n${e instanceof Error ? e.stack : ''}`, ExitCode.internal);
}

function finish(ej: ExperimentJournal, deps: RunDeps, verdict: ExperimentJournal['verdict'], reason: string, errorExit?: number, hint?: string): ExperimentJournal {
  ej.verdict = verdict;
  ej.reason = reason;
  if (errorExit !== undefined && verdict === 'errored') ej.errorExit = errorExit;
  if (hint) ej.hint = hint;
  ej.endedAt = deps.clock.now();
  return ej;
}
