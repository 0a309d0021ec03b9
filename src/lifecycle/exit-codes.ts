// Exit codes (SPEC §6), decided here and nowhere else.
import type { ErrorKind } from '../errors.js';
import type { ExperimentJournal, RunJournal } from './journal.js';

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  invalid: 3,
  environment: 4,
  notSteady: 5,
  revertFailed: 6,
  inconclusive: 7,
  internal: 70,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Higher wins when several experiments end differently: 6 > 70 > 130 > 4 > 3 > 2 > 7 > 5 > 1 > 0. */
const PRECEDENCE: readonly number[] = [6, 70, 130, 4, 3, 2, 7, 5, 1, 0];

export function worstExitCode(codes: readonly number[]): number {
  let best = 0;
  for (const c of codes) if (PRECEDENCE.indexOf(c) < PRECEDENCE.indexOf(best)) best = c;
  return best;
}

export function exitCodeForError(kind: ErrorKind): ExitCodeValue {
  switch (kind) {
    case 'usage':
      return ExitCode.usage;
    case 'invalid':
      return ExitCode.invalid;
    case 'environment':
      return ExitCode.environment;
    case 'revert-failed':
      return ExitCode.revertFailed;
  }
}

/** chaos cleanup: an object that could not be removed may still be a live fault (6) and outranks one spared for a live run (4). */
export function exitCodeForCleanup(counts: { failed: number; refused: number }): ExitCodeValue {
  if (counts.failed > 0) return ExitCode.revertFailed;
  return counts.refused > 0 ? ExitCode.environment : ExitCode.ok;
}

export function exitCodeForExperiment(e: ExperimentJournal): number {
  if (e.leftovers.length > 0) return ExitCode.revertFailed;
  switch (e.verdict) {
    case 'passed':
      return ExitCode.ok;
    case 'failed':
      return ExitCode.failed;
    case 'not-steady':
      return ExitCode.notSteady;
    case 'inconclusive':
      return ExitCode.inconclusive;
    case 'interrupted':
      return ExitCode.interrupted;
    case 'skipped':
      return ExitCode.ok; // the reason it was skipped carries its own code (a failed revert before it)
    case 'errored':
      return e.errorExit ?? ExitCode.internal;
  }
}

export function exitCodeForRun(j: RunJournal): number {
  const codes = j.experiments.map(exitCodeForExperiment);
  if (j.interrupted) codes.push(ExitCode.interrupted);
  if (j.fatal !== undefined) codes.push(ExitCode.internal);
  if ((j.sweep?.left.length ?? 0) > 0) codes.push(ExitCode.revertFailed);
  return worstExitCode(codes);
}
