// What a run needs from the outside world, and the small helpers every stage shares.
import type { Clock, Cluster, HookRunner, Metrics, Probes, RunObserver, StageName } from '../ports.js';
import type { ExperimentJournal, StageRecord } from './journal.js';

export interface RunSettings {
  pollIntervalMs: number;
  injectionTimeoutMs: number;
  recoveryTimeoutMs: number;
  revertTimeoutMs: number;
  abortOnBreach: boolean;
  /** --dry-run=server: preflight only, nothing applied. */
  serverDryRun: boolean;
  /** How often pod readiness is checked while measuring recovery. */
  recoveryProbeMs: number;
  /** Polls in a row with no data for every criterion and abort condition before the fault is reverted (never blind). */
  blindAbortAfter: number;
  /** RBAC was already checked for every experiment (before the namespace lock was taken). */
  accessChecked?: boolean | undefined;
  /** After an apply with an unknown outcome, how long the sweep keeps looking for the object to appear. */
  uncertainSettleMs?: number | undefined;
}

export interface RunDeps {
  runId: string;
  cluster: Cluster;
  metrics: Metrics;
  /** HTTP probes of `{ http: ... }` criteria and abort conditions. */
  probes: Probes;
  clock: Clock;
  observer: RunObserver;
  hooks: HookRunner;
  /** Aborted on SIGINT/SIGTERM/SIGHUP, a lost lock or a bug. Revert never listens to it: it has its own deadline. */
  interrupt: AbortSignal;
  /** Aborted by the third Ctrl-C: revert stops waiting for objects to disappear (never stops sending DELETEs). */
  stopWaiting?: AbortSignal | undefined;
  settings: RunSettings;
}

/** The interrupt's reason when a bug (uncaught exception, unhandled rejection) stopped the run: exit 70. */
export class InternalFault extends Error {}

export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** Throws Interrupted when the run was interrupted (checked between steps). */
export function checkInterrupt(deps: RunDeps): void {
  if (deps.interrupt.aborted) throw new Interrupted();
}

/** Sleeps, turning an interrupt into Interrupted. */
export async function pause(deps: RunDeps, ms: number): Promise<void> {
  if (ms <= 0) return checkInterrupt(deps);
  try {
    await deps.clock.sleep(ms, deps.interrupt);
  } catch {
    throw new Interrupted();
  }
}

/** Runs one stage, recording it in the journal and telling the observer; rethrows failures. */
export async function stage<T>(ej: ExperimentJournal, name: StageName, deps: RunDeps, work: (rec: StageRecord) => Promise<T>): Promise<T> {
  const rec: StageRecord = { name, startedAt: deps.clock.now() };
  ej.stages.push(rec);
  deps.observer.stageStarted(ej.name, name);
  try {
    const result = await work(rec);
    rec.ok ??= true;
    return result;
  } catch (e) {
    rec.ok = false;
    rec.error = e instanceof Interrupted ? 'interrupted' : e instanceof Error ? e.message : String(e);
    throw e;
  } finally {
    rec.endedAt = deps.clock.now();
    deps.observer.stageFinished(ej.name, name, rec.ok === true, rec.error ?? rec.detail);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
