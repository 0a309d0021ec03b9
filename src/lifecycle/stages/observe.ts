// Poll every criterion each pollInterval for the window; stop early on a confirmed breach or abort_when.
import { isAbortTriggered, isConfirmedBreach } from '../../criteria/judge.js';
import { pause, type RunDeps } from '../deps.js';
import { pollCriteria, isAlways, type Tracked } from '../sampling.js';
import type { ExperimentJournal } from '../journal.js';

export interface ObserveInput {
  windowMs: number;
  criteria: Tracked[];
  aborts: Tracked[];
  /** Resolves with a reason when a `during` hook fails by itself (a load generator's thresholds). */
  hookFailure?: Promise<string> | undefined;
}

/** Returns the abort reason, or undefined when the window ran to its end. */
export async function observe(input: ObserveInput, ej: ExperimentJournal, deps: RunDeps): Promise<string | undefined> {
  const { clock, settings } = deps;
  const start = ej.injectedAt ?? clock.now();
  const end = start + input.windowMs;
  const live = input.criteria.filter((t) => t.planned.resolvedQuery !== undefined && t.planned.when !== 'end');
  let hookFailed: string | undefined;
  void input.hookFailure?.then((r) => (hookFailed = r));
  for (;;) {
    await pollCriteria([...live, ...input.aborts], 'fault', deps, ej);
    // abort_when always stops the fault; a breach or failed load generator only unless --no-abort-on-breach.
    const fired = abortWhenFired(input.aborts) ?? (settings.abortOnBreach ? (hookFailed ?? confirmedBreach(input.criteria)) : undefined);
    if (fired) {
      ej.abortReason = fired;
      return fired;
    }
    const left = end - clock.now();
    if (left <= 0) return undefined;
    await pause(deps, Math.min(settings.pollIntervalMs, left));
    if (clock.now() >= end) {
      // One last look at the end of the window, so the final state of the fault is judged.
      await pollCriteria([...live, ...input.aborts], 'fault', deps, ej);
      return undefined;
    }
  }
}

function confirmedBreach(criteria: Tracked[]): string | undefined {
  for (const t of criteria.filter(isAlways)) {
    if (isConfirmedBreach(t.planned, t.result.samples)) {
      return `${t.planned.label} breached (observed ${shown(t.result.samples.at(-1)?.value)})`;
    }
  }
  return undefined;
}

function abortWhenFired(aborts: Tracked[]): string | undefined {
  // An abort_when condition fires when it is *met* (sustained for its `for`, if any).
  const fired = aborts.find((t) => isAbortTriggered(t.planned, t.result.samples));
  return fired ? `abort_when ${fired.planned.label} (observed ${shown(fired.result.samples.at(-1)?.value)})` : undefined;
}

const shown = (v: number | undefined) => (v === undefined ? 'no data' : String(Number(v.toPrecision(4))));
