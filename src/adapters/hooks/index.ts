// The hook runner (SPEC §5 hooks): `before`/`after` hooks run to completion, `during` hooks (load
// generators such as k6) run from confirmed injection until revert and are then stopped.
import type { HookSpec } from '../../experiment/model.js';
import type { HookResult } from '../../ports.js';
import { DEFAULT_KILL_GRACE_MS, startHookProcess, type HookContext } from './hook-process.js';

export type { HookContext } from './hook-process.js';

/**
 * Runs a hook to completion. ok = exit status matches `expectExit` (any status when undefined); a
 * timeout, an abort through ctx.signal, a missing command or an unresolved template is never ok.
 */
export function runHook(spec: HookSpec, phase: 'before' | 'after', ctx: HookContext): Promise<HookResult> {
  return startHookProcess(spec, phase, ctx, 'abort').result;
}

export interface DuringHook {
  /**
   * Resolves when the process ends. Ended by itself: ok = exit status matches `expectExit` (default 0).
   * Stopped by chaos (stop() or ctx.signal): the same result stop() gives, stoppedByChaos true, ok true.
   */
  readonly exited: Promise<HookResult>;
  /** SIGTERM to the hook's process group, SIGKILL after `graceMs`; idempotent. */
  stop(graceMs?: number): Promise<HookResult>;
  /** Undefined when the command could not be started. */
  readonly pid: number | undefined;
}

export function startDuringHook(spec: HookSpec, ctx: HookContext): DuringHook {
  const hook = startHookProcess(spec, 'during', ctx, 'stop');
  return {
    exited: hook.result,
    stop: (graceMs = ctx.killGraceMs ?? DEFAULT_KILL_GRACE_MS) => hook.stop(graceMs),
    pid: hook.pid,
  };
}
