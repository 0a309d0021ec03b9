// Signals and bugs during a live run (SPEC §10): the first stop signal reverts; later ones never abandon
// a DELETE; a third Ctrl-C only stops *waiting* for objects to disappear; a bug still reverts, then exits 70.
import type { CliIO, StopSignal } from '../ports.js';
import type { ChaosError } from '../errors.js';
import { InternalFault } from '../lifecycle/deps.js';

/** Ctrl-C presses after which revert stops waiting for objects to disappear (DELETEs are still sent). */
const STOP_WAITING_AT = 3;

export interface Interrupts {
  /** Aborted by the first stop signal, a lost lock or a bug: stages stop, revert begins. */
  readonly stop: AbortSignal;
  /** Aborted by the third Ctrl-C: revert stops waiting for objects to disappear. */
  readonly stopWaiting: AbortSignal;
  /** Set when a signal (not a lost lock or a bug) stopped the run. */
  readonly signalled: () => boolean;
  /** The first uncaught exception or unhandled rejection, if any (exit 70). */
  readonly fatal: () => string | undefined;
  /** Ends the run for a reason of our own (the lock was lost): its error settles the current experiment. */
  abort(reason: ChaosError): void;
  dispose(): void;
}

export interface InterruptSink {
  warn(message: string): void;
}

export function watchInterrupts(io: CliIO, runId: string, sink: InterruptSink): Interrupts {
  const stop = new AbortController();
  const stopWaiting = new AbortController();
  let signals = 0;
  let ctrlC = 0;
  let fatal: string | undefined;
  const cleanupLine = `chaos cleanup --run-id ${runId}`;
  const unSignal = io.onSignal((sig: StopSignal) => {
    signals += 1;
    if (sig === 'SIGINT') ctrlC += 1;
    if (!stop.signal.aborted) {
      sink.warn(`${sig}: stopping and reverting the fault; chaos exits once it is removed`);
      stop.abort(new Error(sig));
      return;
    }
    if (ctrlC >= STOP_WAITING_AT && !stopWaiting.signal.aborted) {
      sink.warn(`${sig}: no longer waiting for objects to disappear (every DELETE already sent is kept). Check with:\n  ${cleanupLine}`);
      stopWaiting.abort(new Error(sig));
      return;
    }
    const left = STOP_WAITING_AT - ctrlC;
    sink.warn(`${sig}: already reverting — a DELETE not yet accepted is never abandoned${left > 0 ? ` (Ctrl-C ${left} more time${left === 1 ? '' : 's'} to stop waiting for objects to disappear)` : ''}`);
  });
  const unFatal = io.onFatal((e) => {
    const text = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    if (fatal === undefined) {
      fatal = text;
      sink.warn(`internal error: ${e instanceof Error ? e.message : String(e)} — reverting before exit`);
    }
    if (!stop.signal.aborted) stop.abort(new InternalFault(`internal error: ${e instanceof Error ? e.message : String(e)}`));
  });
  return {
    stop: stop.signal,
    stopWaiting: stopWaiting.signal,
    signalled: () => signals > 0,
    fatal: () => fatal,
    abort(reason) {
      if (!stop.signal.aborted) stop.abort(reason);
    },
    dispose() {
      unSignal();
      unFatal();
    },
  };
}
