// The run journal: the single record of a run. Stages append to it; verdicts and reports read it.
import type { ChaosObject, ObjectRef } from '../chaos-mesh/types.js';
import type { CriterionVerdict, Sample } from '../criteria/sample.js';
import type { Op, SourceRef, When } from '../experiment/model.js';
import type { ClusterInfo, HookResult, StageName } from '../ports.js';

// Hook results are the HookRunner port's, samples the criteria's: the journal records them as they are.
export type { HookResult } from '../ports.js';
export type { CriterionVerdict, Sample, SamplePhase, SampleState } from '../criteria/sample.js';

export const REPORT_VERSION = 1;

/** The baseline a baseline-relative criterion was judged against (read from Prometheus history before injection). */
export interface BaselineRecord {
  stat: 'median' | 'p95' | 'max' | 'mean';
  windowMs: number;
  factor: number;
  offset: number;
  /** The baseline value, absent when the history had no data (the criterion is then no-data). */
  value?: number | undefined;
  /** How many instants of history it was computed from. */
  points?: number | undefined;
  error?: string | undefined;
}


export interface CriterionResult {
  label: string;
  kind: 'criterion' | 'abort' | 'hook' | 'builtin' | 'effect';
  metric?: string | undefined;
  /** PromQL with templates resolved. */
  query?: string | undefined;
  op: Op;
  threshold: number;
  display: string;
  unit?: string | undefined;
  when: When;
  verdict: CriterionVerdict;
  /** Worst value seen against the threshold, for the summary table. */
  worst?: number | undefined;
  reason?: string | undefined;
  samples: Sample[];
  source?: SourceRef | undefined;
  /** Baseline-relative criteria: the baseline and the threshold derived from it (`threshold`). */
  baseline?: BaselineRecord | undefined;
  /** HTTP probes: the URL probed (criteria and abort conditions sampled by a probe, not a query). */
  probe?: string | undefined;
  /** `{ alert: NAME }`: the alert's name (the query counts its firing instances). */
  alert?: string | undefined;
}

export interface StageRecord {
  name: StageName;
  startedAt: number;
  endedAt?: number | undefined;
  ok?: boolean | undefined;
  detail?: string | undefined;
  error?: string | undefined;
}

export type Verdict = 'passed' | 'failed' | 'not-steady' | 'inconclusive' | 'errored' | 'interrupted' | 'skipped';

/** What a run-id sweep found that the revert had not accounted for, and what became of it. */
export interface SweepRecord {
  scope: 'experiment' | 'run';
  at: number;
  namespaces: string[];
  found: ObjectRef[];
  removed: ObjectRef[];
  left: ObjectRef[];
  /** The list itself failed: nothing could be checked. */
  error?: string | undefined;
}

/** The fault stopped being active during its window (deleted, paused or recovered by someone else). */
export interface FaultLost {
  at: number;
  reason: 'deleted' | 'paused' | 'not-injected' | 'unwatchable';
  detail: string;
  ref: ObjectRef;
}

export interface ExperimentJournal {
  name: string;
  description?: string | undefined;
  source: SourceRef;
  faultType: string;
  namespace: string;
  windowMs: number;
  manifests: ChaosObject[];
  /** Refs recorded before each apply is confirmed, so revert knows everything that may exist. */
  applied: ObjectRef[];
  /** Refs that could not be confirmed removed. */
  leftovers: ObjectRef[];
  stages: StageRecord[];
  criteria: CriterionResult[];
  hooks: HookResult[];
  targets?: { total: number; ready: number; names: string[] } | undefined;
  /** The targets Chaos Mesh recorded as Injected (status.experiment.containerRecords ids). */
  hit?: string[] | undefined;
  /** One-shot faults: what the API showed of the kill (a pod gone or replaced, a restart). */
  killEvidence?: string | undefined;
  /** Set when the fault had no visible effect: inconclusive, never a pass. */
  noEffect?: string | undefined;
  /** When the first apply was sent: Chaos Mesh counts spec.duration from about then. */
  appliedAt?: number | undefined;
  injectedAt?: number | undefined;
  revertedAt?: number | undefined;
  recoveredAt?: number | undefined;
  recoveryMs?: number | undefined;
  abortReason?: string | undefined;
  /** Set when the fault stopped during the window for a reason not ours: never a pass. */
  faultLost?: FaultLost | undefined;
  /** Set when Prometheus gave no data for blindAbortAfter polls in a row: the fault was reverted at once. */
  blindAt?: number | undefined;
  /** An apply timed out or was cut off: the server may have created the object after all. */
  uncertainApply?: boolean | undefined;
  sweep?: SweepRecord | undefined;
  verdict: Verdict;
  /** Why the verdict, in one sentence (error message, breach, missing data). */
  reason?: string | undefined;
  /** Exit code class of an error verdict (4, 5, 6, 70), when errored. */
  errorExit?: number | undefined;
  hint?: string | undefined;
  startedAt: number;
  endedAt?: number | undefined;
}

export interface RunJournal {
  reportVersion: typeof REPORT_VERSION;
  tool: { name: 'chaos'; version: string };
  runId: string;
  startedAt: number;
  endedAt?: number | undefined;
  dryRun: boolean;
  cluster?: ClusterInfo | undefined;
  prometheus?: { url: string } | undefined;
  experiments: ExperimentJournal[];
  interrupted: boolean;
  /** The end-of-run sweep by run id. */
  sweep?: SweepRecord | undefined;
  /** An uncaught exception or unhandled rejection during the run (exit 70 once reverted). */
  fatal?: string | undefined;
  exitCode?: number | undefined;
}
