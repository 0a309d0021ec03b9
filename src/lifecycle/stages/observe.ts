// Poll every criterion each pollInterval for the fault's window; stop early on a confirmed breach or
// abort_when, when the fault is lost (deleted, paused, no longer injected), or when Prometheus has gone
// blind for blindAbortAfter polls (a fault never runs unobserved).
import { isAbortTriggered, isConfirmedBreach } from '../../criteria/judge.js';
import { Interrupted, type RunDeps } from '../deps.js';
import { pollCriteria, isAlways, isSampled, type Tracked } from '../sampling.js';
import type { ExperimentJournal, FaultLost, Sample } from '../journal.js';

export interface ObserveInput {
  /** The fault phase, from confirmed injection. */
  windowMs: number;
  criteria: Tracked[];
  aborts: Tracked[];
  /** expect_effect conditions: sampled during the fault, judged at conclude. */
  effects?: Tracked[] | undefined;
  /** Resolves with a reason when a `during` hook fails by itself (a load generator's thresholds). */
  hookFailure?: Promise<string> | undefined;
  /** Resolves when the fault stops being active for a reason not ours (see watchApplied). */
  faultLost?: Promise<FaultLost | undefined> | undefined;
  /** Epoch ms after which Chaos Mesh itself may have ended the fault (spec.duration): later samples are not fault samples. */
  faultEndsBy?: number | undefined;
}

/** Returns why observation stopped early, or undefined when the window ran to its end. */
export async function observe(input: ObserveInput, ej: ExperimentJournal, deps: RunDeps): Promise<string | undefined> {
  const state = { observing: true };
  try {
    return await observeWindow(input, ej, deps, state);
  } finally {
    state.observing = false; // our own revert comes next: it is not a loss
  }
}

async function observeWindow(input: ObserveInput, ej: ExperimentJournal, deps: RunDeps, state: { observing: boolean }): Promise<string | undefined> {
  const { clock, settings } = deps;
  const start = ej.injectedAt ?? clock.now();
  const end = start + input.windowMs;
  const live = input.criteria.filter((t) => isSampled(t) && t.planned.when !== 'end');
  const polled = [...live, ...input.aborts, ...(input.effects ?? [])];
  let hookFailed: string | undefined;
  void input.hookFailure?.then((r) => (hookFailed = r));
  const lostSignal = new AbortController();
  void input.faultLost?.then((l) => {
    if (l && state.observing) {
      ej.faultLost = l;
      lostSignal.abort();
    }
  });
  let blindPolls = 0;
  const poll = async (): Promise<string | undefined> => {
    const samples = await pollCriteria(polled, 'fault', deps, ej);
    outsideTheFault(polled, input.faultEndsBy, ej.faultLost?.at);
    blindPolls = samples.length > 0 && samples.every((s) => s.state === 'no-data') ? blindPolls + 1 : 0;
    return earlyStop(input, ej, deps, hookFailed, blindPolls);
  };
  for (;;) {
    const stop = await poll();
    if (stop) return stop;
    const left = end - clock.now();
    if (left <= 0) return undefined;
    try {
      await clock.sleep(Math.min(settings.pollIntervalMs, left), AbortSignal.any([deps.interrupt, lostSignal.signal]));
    } catch {
      if (deps.interrupt.aborted) throw new Interrupted();
    }
    if (ej.faultLost) return lostReason(ej.faultLost, start);
    if (clock.now() >= end) {
      // One last look at the end of the window, so the final state of the fault is judged.
      return (await poll()) ?? undefined;
    }
  }
}

function earlyStop(input: ObserveInput, ej: ExperimentJournal, deps: RunDeps, hookFailed: string | undefined, blindPolls: number): string | undefined {
  if (ej.faultLost) return lostReason(ej.faultLost, ej.injectedAt ?? ej.faultLost.at);
  // abort_when always stops the fault; a breach or failed load generator only unless --no-abort-on-breach.
  const fired = abortWhenFired(input.aborts) ?? (deps.settings.abortOnBreach ? (hookFailed ?? confirmedBreach(input.criteria)) : undefined);
  if (fired) {
    ej.abortReason = fired;
    return fired;
  }
  if (blindPolls >= deps.settings.blindAbortAfter) {
    ej.blindAt = deps.clock.now();
    return `no data for any criterion or abort condition in ${blindPolls} polls in a row: reverted so the fault never runs blind`;
  }
  return undefined;
}

function lostReason(l: FaultLost, injectedAt: number): string {
  return `the fault stopped ${((l.at - injectedAt) / 1000).toFixed(1)}s into the window: ${l.detail}`;
}

/** Samples taken once the fault may have ended (Chaos Mesh's duration, or lost) are not fault samples. */
function outsideTheFault(tracked: Tracked[], endsBy: number | undefined, lostAt: number | undefined): void {
  const cutoff = Math.min(endsBy ?? Infinity, lostAt ?? Infinity);
  if (cutoff === Infinity) return;
  for (const t of tracked) for (const s of t.result.samples as Sample[]) if (s.phase === 'fault' && s.t > cutoff) s.phase = 'recovery';
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
