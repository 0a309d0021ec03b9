// Typed failures we expect and can explain; anything else thrown is a bug (exit 70).

export type ErrorKind =
  | 'usage' // exit 2
  | 'invalid' // exit 3
  | 'environment' // exit 4
  | 'revert-failed'; // exit 6

export abstract class ChaosError extends Error {
  abstract readonly kind: ErrorKind;
  readonly hint: string | undefined;
  constructor(message: string, options?: { hint?: string | undefined; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.hint = options?.hint;
  }
}

/** Bad flag, missing file, bad argument (exit 2). */
export class UsageError extends ChaosError {
  readonly kind = 'usage' as const;
}

/** One problem in an input file, located precisely. */
export interface Issue {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
  path: string; // dotted path inside the document, e.g. experiments[1].fault.type
  message: string;
  severity?: 'error' | 'warning';
}

/** Invalid experiment or config file(s): carries every issue found (exit 3). */
export class InvalidInputError extends ChaosError {
  readonly kind = 'invalid' as const;
  readonly issues: Issue[];
  constructor(issues: Issue[], options?: { hint?: string }) {
    super(`${issues.length} problem${issues.length === 1 ? '' : 's'} found`, options);
    this.issues = issues;
  }
}

/** Cluster/Prometheus unreachable, RBAC, CRDs missing, context refused, lock held (exit 4). */
export class EnvironmentError extends ChaosError {
  readonly kind = 'environment' as const;
}

/** A fault could not be removed: it may still be active (exit 6). */
export class RevertError extends ChaosError {
  readonly kind = 'revert-failed' as const;
}

export function isChaosError(e: unknown): e is ChaosError {
  return e instanceof ChaosError;
}

/** A write whose outcome is unknown (timed out, connection lost): the server may still carry it out. */
export class UncertainWriteError extends EnvironmentError {}

/** The namespace lock was taken by another run, or could not be renewed before it expired (exit 4). */
export class LockLostError extends EnvironmentError {}
