// How long a deployed run may take (the Job's activeDeadlineSeconds) and how long a pod needs after
// SIGTERM (terminationGracePeriodSeconds): read from the experiments' windows and the config's timeouts.
import type { Config } from '../config/model.js';
import type { Hooks } from '../experiment/model.js';
import type { RunPlan } from '../lifecycle/plan.js';

// faultAllowanceMs holds the injection timeout; experiment hooks already include the config's.
/** Preflight, baseline queries and start-up per experiment; the run-end sweep once. */
const PER_EXPERIMENT_OVERHEAD_MS = 60_000;
const RUN_OVERHEAD_MS = 5 * 60_000;
/** A hook without a timeout: what the budget assumes it takes. */
const HOOK_ASSUMED_MS = 60_000;
const GRACE_MARGIN_MS = 30_000;

function hooksMs(hooks: Hooks): number {
  return [...hooks.before, ...hooks.during, ...hooks.after].reduce((sum, h) => sum + (h.timeoutMs ?? HOOK_ASSUMED_MS), 0);
}

/** Whole minutes, so a window change of a few seconds does not churn the manifest. */
function roundUpToMinute(ms: number): number {
  return Math.ceil(ms / 60_000) * 60;
}

export function activeDeadlineSeconds(plan: RunPlan, config: Config): number {
  const d = config.defaults;
  const total = plan.experiments.reduce(
    (sum, p) => sum + p.windowMs + p.faultAllowanceMs + d.revertTimeoutMs + d.recoveryTimeoutMs + hooksMs(p.experiment.hooks) + PER_EXPERIMENT_OVERHEAD_MS,
    RUN_OVERHEAD_MS,
  );
  return roundUpToMinute(total);
}

/** SIGTERM reverts: the pod must live for the revert's deadline, plus the final report. */
export function terminationGraceSeconds(config: Config): number {
  return Math.ceil((config.defaults.revertTimeoutMs + GRACE_MARGIN_MS) / 1000);
}
