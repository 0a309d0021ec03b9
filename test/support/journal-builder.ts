// Builds run journals from a plan (criteria as value series, how the run ends) with stages, samples
// and verdicts consistent with each other, worded as the lifecycle words them. Fixed times, so
// reports are reproducible. The named journals live in journals.ts.
import type { ChaosKind, ChaosObject, ObjectRef } from '../../src/chaos-mesh/types.js';
import { exitCodeForRun } from '../../src/lifecycle/exit-codes.js';
import type { Op, When } from '../../src/experiment/model.js';
import type {
  CriterionResult,
  CriterionVerdict,
  ExperimentJournal,
  HookResult,
  RunJournal,
  Sample,
  SamplePhase,
  StageRecord,
  Verdict,
} from '../../src/lifecycle/journal.js';
import type { StageName } from '../../src/ports.js';

export const T0 = Date.UTC(2025, 0, 15, 3, 0, 0);
export const RUN_ID = 'k7x2m9';
export const NAMESPACE = 'materi-production';
export const SOURCE_FILE = 'chaos/experiments.yml';
const POLL_MS = 10_000;

/** A value per poll; `null` is a poll that returned no data. */
export type Series = (i: number) => number | null;

export interface CriterionPlan {
  label: string;
  metric?: string;
  query?: string;
  op: Op;
  threshold: number;
  display: string;
  unit?: 'seconds' | 'ratio' | 'bytes' | 'bool';
  when: When;
  kind?: CriterionResult['kind'];
  baseline?: Series;
  fault?: Series;
  recovery?: Series;
  end?: number | null;
  /** The error recorded on no-data samples. */
  error?: string;
}

export interface ExperimentPlan {
  name: string;
  line: number;
  faultType: string;
  kind: ChaosKind;
  windowMs: number;
  criteria: CriterionPlan[];
  description?: string;
  /** Abort this long after injection (a breach stops the fault early). */
  abortAfterMs?: number;
  abortReason?: string;
  recoveryMs?: number;
  hooks?: HookResult[];
  /** Stop in preflight with this error (nothing injected). */
  preflightError?: string;
  notSteady?: string;
  revertError?: string;
  interruptedAfterMs?: number;
  hint?: string;
}

function holds(v: number, op: Op, t: number): boolean {
  return { '<': v < t, '<=': v <= t, '>': v > t, '>=': v >= t, '==': v === t, '!=': v !== t }[op];
}

function sampleAt(c: CriterionPlan, t: number, phase: SamplePhase, v: number | null): Sample {
  if (v === null) return { t, phase, state: 'no-data', error: c.error ?? 'query returned an empty result' };
  return { t, phase, value: v, state: holds(v, c.op, c.threshold) ? 'met' : 'breached' };
}

function series(c: CriterionPlan, f: Series | undefined, from: number, to: number, phase: SamplePhase): Sample[] {
  const out: Sample[] = [];
  if (!f) return out;
  for (let i = 0, t = from; t <= to; i++, t += POLL_MS) out.push(sampleAt(c, t, phase, f(i)));
  return out;
}

function judge(c: CriterionPlan, samples: Sample[]): { verdict: CriterionVerdict; worst?: number; reason?: string } {
  const judged = samples.filter((s) => s.phase !== 'baseline');
  const values = judged.flatMap((s) => (s.value === undefined ? [] : [s.value]));
  const worst = values.length === 0 ? undefined : c.op.startsWith('>') || c.op === '==' ? Math.min(...values) : Math.max(...values);
  const noData = judged.filter((s) => s.state === 'no-data');
  if (judged.length === 0) return { verdict: 'not-evaluated' };
  if (c.when === 'eventually') {
    // like criteria/judge.ts: for `eventually` the figure shown is the best value, how close it came
    const best = values.find((v) => holds(v, c.op, c.threshold)) ?? (c.op.startsWith('<') ? Math.min(...values) : Math.max(...values));
    if (judged.some((s) => s.state === 'met')) return { verdict: 'met', worst: best };
    if (noData.length === judged.length) return { verdict: 'no-data', reason: noData[0]?.error };
    return { verdict: 'breached', worst: best, reason: `never reached ${c.op} ${c.display} during the fault or recovery` };
  }
  const breaches = judged.filter((s) => s.state === 'breached').length;
  if (breaches > 0) return { verdict: 'breached', worst, reason: `breached in ${breaches} of ${judged.length} samples during the fault` };
  if (noData.length > 0) return { verdict: 'no-data', worst, reason: noData[0]?.error };
  return { verdict: 'met', worst };
}

function manifest(p: ExperimentPlan): ChaosObject {
  const spec: Record<string, unknown> =
    p.kind === 'PodChaos'
      ? { action: 'pod-kill', mode: 'fixed', value: '1', selector: { namespaces: [NAMESPACE], labelSelectors: { app: 'api' } } }
      : {
          action: 'delay',
          mode: 'fixed-percent',
          value: '10',
          selector: { namespaces: [NAMESPACE], labelSelectors: { app: 'api' } },
          delay: { latency: '500ms' },
          duration: `${p.windowMs / 1000}s`,
        };
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: p.kind,
    metadata: {
      name: `${p.name}-${RUN_ID}`,
      namespace: NAMESPACE,
      labels: { 'app.kubernetes.io/managed-by': 'chaos', 'chaos.run/run-id': RUN_ID, 'chaos.run/experiment': p.name },
      annotations: { 'chaos.run/source-file': SOURCE_FILE, 'chaos.run/source-line': String(p.line) },
    },
    spec,
  };
}

/** One experiment run from `start`: stages, samples and verdict consistent with each other. */
export function experimentJournal(p: ExperimentPlan, start: number): ExperimentJournal {
  const stages: StageRecord[] = [];
  let t = start;
  const stage = (name: StageName, ms: number, ok = true, error?: string): number => {
    stages.push({ name, startedAt: t, endedAt: t + ms, ok, ...(error ? { error } : {}) });
    t += ms;
    return t;
  };
  const obj = manifest(p);
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: NAMESPACE, name: obj.metadata.name };
  const base: ExperimentJournal = {
    name: p.name,
    description: p.description,
    source: { file: SOURCE_FILE, line: p.line, col: 5 },
    faultType: p.faultType,
    namespace: NAMESPACE,
    windowMs: p.windowMs,
    manifests: [obj],
    applied: [],
    leftovers: [],
    stages,
    criteria: [],
    hooks: p.hooks ?? [],
    targets: { total: 3, ready: 3, names: ['api-7d9f-a', 'api-7d9f-b', 'api-7d9f-c'] },
    verdict: 'passed',
    startedAt: start,
  };
  const notEvaluated = (reason: string): CriterionResult[] =>
    p.criteria.map((c) => ({ ...criterionShape(c), verdict: 'not-evaluated', reason, samples: [] }));
  if (p.preflightError) {
    stage('preflight', 900, false, p.preflightError);
    return { ...base, criteria: notEvaluated('nothing was injected'), verdict: 'errored', reason: p.preflightError, errorExit: 4, hint: p.hint, endedAt: t };
  }
  stage('preflight', 1200);
  const baselineStart = t;
  stage('baseline', 2 * POLL_MS, !p.notSteady, p.notSteady);
  const baselineSamples = p.criteria.map((c) => series(c, c.baseline, baselineStart, baselineStart + 2 * POLL_MS, 'baseline'));
  if (p.notSteady) {
    const criteria = p.criteria.map((c, i) => ({ ...criterionShape(c), verdict: 'not-evaluated' as const, reason: 'not steady', samples: baselineSamples[i] ?? [] }));
    return { ...base, criteria, verdict: 'not-steady', reason: p.notSteady, endedAt: t };
  }
  const injectedAt = stage('inject', 1500);
  const observed = p.interruptedAfterMs ?? p.abortAfterMs ?? p.windowMs;
  stage('observe', observed, p.abortAfterMs === undefined && p.interruptedAfterMs === undefined);
  const faultEnd = t;
  const revertedAt = stage('revert', p.revertError ? 120_000 : 800, !p.revertError, p.revertError);
  const recoveryMs = p.recoveryMs ?? 8_000;
  const recoveredAt = p.interruptedAfterMs === undefined ? stage('recover', recoveryMs) : undefined;
  const criteria: CriterionResult[] = p.criteria.map((c, i) => {
    const samples = [
      ...(baselineSamples[i] ?? []),
      ...series(c, c.fault, injectedAt + POLL_MS, faultEnd, 'fault'),
      ...(recoveredAt === undefined ? [] : series(c, c.recovery, revertedAt + 2000, recoveredAt, 'recovery')),
      ...(c.end === undefined || recoveredAt === undefined ? [] : [sampleAt(c, recoveredAt, c.metric === 'recovery_time' ? 'recovery' : 'end', c.end)]),
    ];
    return { ...criterionShape(c), ...judge(c, samples), samples };
  });
  criteria.push(...base.hooks.map(hookCriterion));
  if (recoveredAt !== undefined) stage('conclude', 5);
  // the verdict and its reason as lifecycle/verdict.ts words them
  const breached = criteria.filter((c) => c.verdict === 'breached');
  const noData = criteria.filter((c) => c.verdict === 'no-data');
  let verdict: Verdict = 'passed';
  let reason = `${criteria.length} criteria met`;
  if (p.interruptedAfterMs !== undefined) [verdict, reason] = ['interrupted', 'interrupted by SIGINT; the fault was reverted'];
  else if (p.abortReason || breached.length > 0) [verdict, reason] = ['failed', p.abortReason ? `aborted: ${p.abortReason}` : `breached: ${breached.map((c) => c.label).join(', ')}`];
  else if (noData.length > 0) [verdict, reason] = ['inconclusive', `no data for: ${noData.map((c) => c.label).join(', ')} (nothing proven)`];
  else if (p.revertError) [verdict, reason] = ['errored', 'the fault could not be removed'];
  return {
    ...base,
    applied: [ref],
    leftovers: p.revertError ? [ref] : [],
    criteria,
    injectedAt,
    revertedAt,
    ...(recoveredAt === undefined ? {} : { recoveredAt, recoveryMs }),
    abortReason: p.abortReason,
    verdict,
    reason,
    hint: p.hint,
    endedAt: t,
  };
}

/** Every hook result is also a criterion, labelled as lifecycle/hooks.ts does. */
function hookCriterion(h: HookResult): CriterionResult {
  return {
    label: `hook ${h.phase} ${h.name}`,
    kind: 'hook',
    op: '==',
    threshold: 0,
    display: 'exit 0',
    when: 'end',
    verdict: h.ok ? 'met' : 'breached',
    worst: typeof h.exitCode === 'number' ? h.exitCode : undefined,
    reason: h.ok ? undefined : h.timedOut ? 'timed out' : `exit ${h.exitCode ?? h.signal ?? 'unknown'}`,
    samples: [],
  };
}

function criterionShape(c: CriterionPlan): Omit<CriterionResult, 'verdict' | 'samples'> {
  return {
    label: c.label,
    kind: c.kind ?? (c.metric === 'recovery_time' ? 'builtin' : 'criterion'),
    metric: c.metric,
    query: c.query,
    op: c.op,
    threshold: c.threshold,
    display: c.display,
    unit: c.unit,
    when: c.when,
    source: { file: SOURCE_FILE, line: 1, col: 1 },
  };
}

/** A run of the given experiments one after another, exit code as the CLI would compute it. */
export function runJournal(plans: ExperimentPlan[], opts: { interrupted?: boolean } = {}): RunJournal {
  const experiments: ExperimentJournal[] = [];
  let t = T0 + 300;
  for (const p of plans) {
    const e = experimentJournal(p, t);
    experiments.push(e);
    t = (e.endedAt ?? t) + 50;
  }
  const j: RunJournal = {
    reportVersion: 1,
    tool: { name: 'chaos', version: '0.1.0' },
    runId: RUN_ID,
    startedAt: T0,
    endedAt: t,
    dryRun: false,
    cluster: { context: 'staging', server: 'https://10.0.0.1:6443', namespace: NAMESPACE },
    prometheus: { url: 'http://prometheus.monitoring:9090' },
    experiments,
    interrupted: opts.interrupted ?? false,
  };
  return { ...j, exitCode: exitCodeForRun(j) };
}
