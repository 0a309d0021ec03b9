// The edges the run lifecycle talks through. Real adapters live in src/adapters/; tests pass fakes.
import type { ChaosObject, ObjectRef } from './chaos-mesh/types.js';
import type { HookSpec, HttpProbe, LabelSelector } from './experiment/model.js';

export interface ClusterInfo {
  context: string;
  server: string;
  namespace: string; // the context's default namespace ('default' when unset)
  user?: string | undefined;
}

export interface PodCount {
  total: number;
  ready: number;
  names: string[];
  /** Identity and restarts of each pod: the evidence that a kill really happened. */
  pods?: PodIdentity[] | undefined;
}

export interface PodIdentity {
  name: string;
  uid: string;
  /** Sum of the containers' restartCount. */
  restarts: number;
}

/** Chaos Mesh condition snapshot of one object, as last seen. */
export interface ChaosStatus {
  selected: boolean;
  allInjected: boolean;
  allRecovered: boolean;
  desiredPhase?: string | undefined;
  /** status.experiment.containerRecords: one per selected pod (or container), with its phase. */
  records: { id: string; phase: string }[];
  /** Failed record events and Warning events, newest last, for error messages. */
  failures: string[];
}

/** Injected for real: Chaos Mesh's conditions *and* a record in phase Injected for every selected target (SPEC §10). */
export function isReallyInjected(s: ChaosStatus): boolean {
  return s.selected && s.allInjected && s.records.length > 0 && s.records.every((r) => r.phase === 'Injected');
}

export type InjectionOutcome =
  | { ok: true; status: ChaosStatus }
  | { ok: false; reason: 'timeout' | 'gone'; status?: ChaosStatus | undefined };

/** Why a fault stopped being active during its window (someone deleted or paused it, or Chaos Mesh recovered it). */
export interface FaultLoss {
  reason: 'deleted' | 'paused' | 'not-injected' | 'unwatchable';
  detail: string;
}

export interface Lease {
  namespace: string;
  name: string;
  holder: string;
}

export interface Cluster {
  info(): ClusterInfo;
  /** Throws EnvironmentError("is Chaos Mesh installed?") when a kind's CRD is not served. */
  checkChaosKinds(kinds: readonly string[]): Promise<void>;
  namespaceExists(namespace: string): Promise<boolean>;
  countPods(namespace: string, selector: LabelSelector): Promise<PodCount>;
  /** SelfSubjectAccessReview. */
  canI(verb: string, group: string, resource: string, namespace: string): Promise<boolean>;
  /** Server-side apply, field manager `chaos`. */
  apply(obj: ChaosObject, opts?: { dryRun?: boolean }): Promise<ObjectRef>;
  /** Watch (not poll) until Selected and AllInjected are true, or the timeout / abort. */
  waitForInjection(ref: ObjectRef, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<InjectionOutcome>;
  /** DELETE; resolves when the API accepted it ('deleted') or it did not exist ('absent'). Retries 5xx with backoff. */
  delete(ref: ObjectRef, opts?: { signal?: AbortSignal }): Promise<'deleted' | 'absent'>;
  /**
   * Watches an injected object until it is deleted, paused or no longer injected (resolves with why),
   * or until the signal aborts (resolves undefined: still injected).
   */
  watchInjected(ref: ObjectRef, opts: { signal: AbortSignal }): Promise<FaultLoss | undefined>;
  /** Watch until the object is gone (NotFound). Returns false at the deadline. */
  waitForGone(ref: ObjectRef, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<boolean>;
  /** Objects carrying the given labels, in one namespace or all (namespace undefined). */
  listManaged(labels: Record<string, string>, namespace: string | undefined): Promise<ObjectRef[]>;
  /** coordination.k8s.io Lease per namespace; throws EnvironmentError when another live run holds it. */
  acquireLease(namespace: string, holder: string, ttlMs: number): Promise<Lease>;
  renewLease(lease: Lease): Promise<void>;
  releaseLease(lease: Lease): Promise<void>;
}

/** One instant-query answer, already reduced to numbers. */
export type QueryResult =
  | { ok: true; series: { labels: Record<string, string>; value: number }[] }
  | { ok: false; error: string; errorType?: string | undefined };

/** One range-query answer (query_range), already reduced to numbers. */
export type RangeResult =
  | { ok: true; series: { labels: Record<string, string>; values: { t: number; value: number }[] }[] }
  | { ok: false; error: string; errorType?: string | undefined };

export interface RangeQuery {
  startMs: number;
  endMs: number;
  stepMs: number;
  signal?: AbortSignal | undefined;
}

export interface Metrics {
  /** Instant query at now. Never throws for query/transport problems: returns ok:false. */
  query(promql: string, opts?: { signal?: AbortSignal }): Promise<QueryResult>;
  /** History (query_range): the baseline of baseline-relative criteria. Never throws: returns ok:false. */
  queryRange(promql: string, range: RangeQuery): Promise<RangeResult>;
}

/** One HTTP probe: `ok` when it answered as expected; otherwise why not (status, body, timeout, refused). */
export interface ProbeResult {
  ok: boolean;
  status?: number | undefined;
  detail: string;
}

export interface Probes {
  /** Never throws: a connection failure or timeout is `ok: false` (reachability is what a probe tests). */
  probe(spec: HttpProbe, opts?: { signal?: AbortSignal }): Promise<ProbeResult>;
  /** The env vars a probe's headers name that are unset: preflight refuses the run (exit 4). */
  missingEnv(spec: HttpProbe): string[];
}

export interface Clock {
  now(): number; // epoch ms
  /** Resolves after ms; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type StageName =
  | 'preflight'
  | 'baseline'
  | 'inject'
  | 'observe'
  | 'revert'
  | 'recover'
  | 'conclude';

/** Progress callbacks: the UI observes, it never drives. */
export interface RunObserver {
  stageStarted(experiment: string, stage: StageName, detail?: string): void;
  stageFinished(experiment: string, stage: StageName, ok: boolean, detail?: string): void;
  info(message: string): void;
  warn(message: string): void;
  sample?(experiment: string, criterion: string, value: number | undefined, state: string): void;
  /** The experiment has ended (with --parallel, several run at once). */
  experimentFinished?(experiment: string): void;
}

/** How one hook ended: what the HookRunner returns and the journal records. */
export interface HookResult {
  name: string;
  phase: 'before' | 'during' | 'after';
  command: string[];
  exitCode?: number | null | undefined;
  signal?: string | null | undefined;
  timedOut: boolean;
  stoppedByChaos: boolean;
  durationMs: number;
  /** Last lines of output, redacted. */
  outputTail: string;
  ok: boolean;
}

/** A `during` hook in flight (a load generator): it ends by itself or is stopped at revert. */
export interface DuringHookHandle {
  readonly exited: Promise<HookResult>;
  stop(graceMs?: number): Promise<HookResult>;
}

export interface HookRunner {
  run(spec: HookSpec, phase: 'before' | 'after', vars: Record<string, string | undefined>): Promise<HookResult>;
  start(spec: HookSpec, vars: Record<string, string | undefined>): DuringHookHandle;
}

// The process edges main() gives every command (cli/io.ts implements them), so commands never touch `process`.
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Terminal width; 0 or undefined when unknown (a pipe, or a terminal without a size). */
  readonly columns?: number;
}

export interface CliIO {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Registers interrupt handlers (SIGINT/SIGTERM/SIGHUP); returns an unregister function. */
  onSignal(handler: (signal: StopSignal) => void): () => void;
  /** Catches an uncaught exception or unhandled rejection (a bug) instead of dying with a fault applied. */
  onFatal(handler: (error: unknown) => void): () => void;
  /** Asks a yes/no question on the terminal; undefined when there is no TTY to ask on. */
  confirm?(question: string): Promise<boolean>;
  /** Secrets learnt later (those the config names): masked in everything written from now on. */
  addSecrets?(values: readonly string[]): void;
}

// SIGHUP: an SSH session to a bastion dropping must revert like a CI cancel does.
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
