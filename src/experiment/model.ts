// The validated, normalised experiment: what every later stage (render, plan, run) consumes.
// Produced by lifecycle/parse.ts from the raw YAML (whose shape lives in experiment/schema/experiment.ts).

export interface SourceRef {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

/** A parsed Kubernetes label selector (`app=api,tier!=canary`, `env in (a,b)`). */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelExpression[];
}
export interface LabelExpression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** Chaos Mesh pod selection mode; `value` is always a string (CRD type string). */
export type SelectionMode = 'one' | 'all' | 'fixed' | 'fixed-percent';

export interface Target {
  /** Explicit namespace; when absent, plan resolves config → kube context. */
  namespace?: string | undefined;
  service?: string | undefined;
  selector: LabelSelector;
  mode: SelectionMode;
  value?: string | undefined;
}

/** Where the parts policy judges are written, so its problems point at them. */
export interface TargetLocations {
  namespace?: SourceRef | undefined;
  dependencyNamespace?: SourceRef | undefined;
  /** `percentage` / `count`, else the target itself (mode all or one). */
  mode: SourceRef;
}

export type Dependency =
  | { kind: 'pods'; service?: string | undefined; namespace?: string | undefined; selector: LabelSelector }
  | { kind: 'external'; hosts: string[] };

export type NetworkDirection = 'to' | 'from' | 'both';

/** Fault parameters, normalised to the Chaos Mesh field they fill (strings where the CRD wants strings). */
export type Fault =
  | { type: 'latency'; latency: string; jitter?: string; correlation?: string }
  | { type: 'connection_failure'; loss: string; correlation?: string }
  | { type: 'network_partition'; direction: NetworkDirection }
  | { type: 'packet_loss'; loss: string; correlation?: string }
  | { type: 'corrupt'; corrupt: string; correlation?: string }
  | { type: 'duplicate'; duplicate: string; correlation?: string }
  | { type: 'bandwidth'; rate: string; limit: number; buffer: number; peakrate?: number; minburst?: number }
  | { type: 'pod_kill'; gracePeriod?: number }
  | { type: 'pod_failure' }
  | { type: 'container_kill'; containers: string[] }
  | { type: 'cpu_stress'; workers: number; load?: number; containers?: string[] }
  | { type: 'memory_stress'; workers: number; size: string; containers?: string[] }
  | { type: 'http_abort'; port: number; target: 'Request' | 'Response'; path?: string; method?: string; code?: number }
  | { type: 'http_delay'; port: number; target: 'Request' | 'Response'; delay: string; path?: string; method?: string; code?: number }
  | { type: 'io_latency'; volumePath: string; delay: string; path?: string; percent?: number; methods?: string[]; containers?: string[] }
  | { type: 'io_fault'; volumePath: string; errno: number; path?: string; percent?: number; methods?: string[]; containers?: string[] }
  | { type: 'dns_error'; patterns?: string[]; containers?: string[] }
  | { type: 'dns_random'; patterns?: string[]; containers?: string[] }
  | { type: 'time_skew'; offset: string; clockIds?: string[]; containers?: string[] };

export type FaultType = Fault['type'];

/** One-shot faults: Chaos Mesh hits each target once; the window is observation after the kill. */
export const ONE_SHOT_FAULTS: ReadonlySet<FaultType> = new Set(['pod_kill', 'container_kill']);

export type Op = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type When = 'always' | 'eventually' | 'end';
export type Aggregate = 'max' | 'min' | 'avg' | 'sum' | 'count';
/**
 * How a query answering several series is judged: reduced to one value by an Aggregate, or series by
 * series — `every` series must satisfy (the default of == and != criteria), `any` one suffices (the
 * default of == and != abort conditions: one target down is enough to stop the fault).
 */
export type SeriesRule = Aggregate | 'every' | 'any';

/** A success criterion (or abort condition) as written, with catalog defaults applied. */
export interface Criterion {
  /** Human label, e.g. `error_rate < 0.01`, `circuit_breaker_triggered: true`. */
  label: string;
  source: SourceRef;
  /** Catalog metric name; `recovery_time` is the built-in measured by chaos itself. */
  metric?: string | undefined;
  /** PromQL with `{{templates}}` unresolved (from the catalog or the object form). Absent for built-ins. */
  query?: string | undefined;
  op: Op;
  /** Threshold in base units (seconds for durations, ratio for %). */
  value: number;
  /** How to show the threshold back to people, e.g. `600ms`, `1%`, `true`. */
  display: string;
  unit?: 'seconds' | 'ratio' | 'bytes' | 'bool' | undefined;
  when: When;
  /** Sustained: the condition must hold (or breach) for this long before it counts. */
  forMs?: number | undefined;
  aggregate: SeriesRule;
  builtin?: 'recovery_time' | undefined;
  /** Baseline-relative threshold (SPEC §10): `value` = factor × baseline + offset, set by the baseline stage. */
  baseline?: BaselineRef | undefined;
  /** An HTTP probe instead of a query (SPEC §10): sampled each poll; a failure is a breach (in abort_when: fires). */
  probe?: HttpProbe | undefined;
  /** `{ alert: NAME }`: the query reads ALERTS; shown as the alert's name. */
  alert?: { name: string; labels: Record<string, string> } | undefined;
}

export type BaselineStat = 'median' | 'p95' | 'max' | 'mean';

export interface BaselineRef {
  factor: number;
  offset: number;
  stat: BaselineStat;
}

/** A header value, or the name of the env var that holds it (a secret, never in the file). */
export type HeaderValue = string | { env: string };

export interface HttpProbe {
  url: string;
  /** Expected status; absent: any 2xx. */
  status?: number | undefined;
  timeoutMs: number;
  bodyContains?: string | undefined;
  headers: Record<string, HeaderValue>;
}

export interface HookSpec {
  name: string;
  /** argv; argv[0] is the program. With shell: true, a single string run by /bin/sh -c. */
  run: string[];
  shell: boolean;
  env: Record<string, string>;
  cwd?: string | undefined;
  timeoutMs?: number | undefined;
  /** Expected exit status, or undefined when the exit status is not a criterion. */
  expectExit?: number | undefined;
  source: SourceRef;
}

export interface Hooks {
  before: HookSpec[];
  during: HookSpec[];
  after: HookSpec[];
}

export interface Experiment {
  name: string; // DNS-1123 label, unique across the run
  description?: string | undefined;
  source: SourceRef; // where the experiment starts (its `name:` key / list item)
  /** Its path in the file (`experiments[1]`; '' for a file holding one experiment), prefixed to later problems' paths. */
  docPath?: string | undefined;
  target: Target;
  dependency?: Dependency | undefined;
  /** Set by the parser; absent for experiments built in code (problems then point at `source`). */
  at?: TargetLocations | undefined;
  fault: Fault;
  /** Fault window (active + observed) for lasting faults; observation window after the kill for one-shot. */
  durationMs: number;
  /** Set when `fault.duration` (partition) overrides the experiment window for the fault's own length. */
  faultDurationMs?: number | undefined;
  criteria: Criterion[];
  abortWhen: Criterion[];
  /** At least one must hold at some fault sample, else the fault had no visible effect (inconclusive). */
  expectEffect?: Criterion[] | undefined;
  hooks: Hooks;
}
