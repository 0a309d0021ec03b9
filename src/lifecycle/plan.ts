// The plan stage (SPEC §5): pure. Resolves namespaces, windows, manifests and PromQL for each
// experiment, so `validate`, `run --dry-run` and `run` all act on exactly the same objects.
import { faultWindowMs, renderExperiment } from '../chaos-mesh/render.js';
import type { ChaosObject } from '../chaos-mesh/types.js';
import type { Config, Policy } from '../config/model.js';
import { experimentPolicyIssues } from '../policy/experiment.js';
import { resolveTemplate } from '../criteria/template.js';
import { closest } from '../experiment/suggest.js';
import type { Issue } from '../errors.js';
import { toPromDuration } from '../experiment/duration.js';
import { ONE_SHOT_FAULTS, type Criterion, type Experiment } from '../experiment/model.js';

export interface PlannedCriterion extends Criterion {
  /** The query with every `{{template}}` filled in; absent for built-ins and unresolvable queries. */
  resolvedQuery?: string;
}

export interface PlannedExperiment {
  /** The experiment as it will run (windows already overridden by `--duration`). */
  experiment: Experiment;
  namespace: string;
  /** Where the namespace came from: only a kube-context (or fallback) namespace is left for preflight to check. */
  namespaceFrom: 'target' | 'config' | 'context' | 'default';
  /** What the run may touch (config policy), asked again at preflight with the matched pods. */
  policy: Policy;
  windowMs: number;
  faultWindowMs: number;
  /** Added to spec.duration: Chaos Mesh counts from creation, we observe from confirmation (SPEC §10). */
  faultAllowanceMs: number;
  oneShot: boolean;
  manifests: ChaosObject[];
  criteria: PlannedCriterion[];
  abortWhen: PlannedCriterion[];
  /** expect_effect: at least one must hold at some fault sample. */
  expectEffect: PlannedCriterion[];
  /** How much Prometheus history, ending at injection, baseline-relative criteria are read from. */
  baselineWindowMs: number;
  vars: Record<string, string | undefined>;
}

export interface RunPlan {
  runId: string;
  experiments: PlannedExperiment[];
}

export interface PlanOptions {
  runId: string;
  defaultNamespace?: string | undefined;
  durationOverrideMs?: number | undefined;
  only?: string[] | undefined;
}

/** Beyond the injection allowance, so the last poll of the window still sees the fault in place. */
export const FAULT_MARGIN_MS = 10_000;

const WHY_MISSING: Record<string, string> = {
  service: 'has no target.service (nor a label_selector on the service label)',
  dependency: 'has no dependency',
};

export function planRun(
  experiments: Experiment[],
  config: Config,
  opts: PlanOptions,
): { plan: RunPlan; issues: Issue[] } {
  const issues: Issue[] = [];
  const planned = selectExperiments(experiments, opts.only, issues).map((exp) => planExperiment(exp, config, opts, issues));
  // One config line (a protected kubernetes.namespace) is reported once, not once per experiment.
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = `${i.file}:${i.line}:${i.col}:${i.path}:${i.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { plan: { runId: opts.runId, experiments: planned }, issues: unique };
}

function selectExperiments(experiments: Experiment[], only: string[] | undefined, issues: Issue[]): Experiment[] {
  if (!only) return experiments;
  const names = experiments.map((e) => e.name);
  for (const name of only) {
    if (names.includes(name)) continue;
    const hint = closest(name, names);
    issues.push({
      file: 'command line',
      line: 1,
      col: 1,
      path: '--only',
      message: `no experiment named "${name}"${hint ? `; did you mean "${hint}"?` : ''}`,
    });
  }
  return experiments.filter((e) => only.includes(e.name));
}

function planExperiment(original: Experiment, config: Config, opts: PlanOptions, issues: Issue[]): PlannedExperiment {
  const override = opts.durationOverrideMs;
  const exp: Experiment =
    override === undefined
      ? original
      : { ...original, durationMs: override, faultDurationMs: original.faultDurationMs === undefined ? undefined : override };
  const namespace = exp.target.namespace ?? config.kubernetes.namespace ?? opts.defaultNamespace ?? 'default';
  const namespaceFrom =
    exp.target.namespace !== undefined ? 'target' : config.kubernetes.namespace !== undefined ? 'config' : opts.defaultNamespace !== undefined ? 'context' : 'default';
  const known = namespaceFrom === 'target' || namespaceFrom === 'config' ? namespace : undefined;
  issues.push(...experimentPolicyIssues(exp, known, config.kubernetes.namespaceOrigin, config.policy));
  const vars = templateValues(exp, namespace, config.defaults.serviceLabel);
  const faultAllowanceMs = config.defaults.injectionTimeoutMs + FAULT_MARGIN_MS;
  const prefix = exp.docPath ? `${exp.docPath}.` : '';
  const plan = (list: Criterion[], key: string) => list.map((c, i) => planCriterion(c, `${prefix}${key}[${i}]`, exp, vars, issues));
  return {
    experiment: exp,
    namespace,
    namespaceFrom,
    policy: config.policy,
    windowMs: exp.durationMs,
    faultWindowMs: faultWindowMs(exp),
    faultAllowanceMs,
    oneShot: ONE_SHOT_FAULTS.has(exp.fault.type),
    manifests: renderExperiment(exp, { runId: opts.runId, namespace, allowanceMs: faultAllowanceMs }),
    criteria: plan(exp.criteria, 'success_criteria'),
    abortWhen: plan(exp.abortWhen, 'abort_when'),
    expectEffect: plan(exp.expectEffect ?? [], 'expect_effect'),
    baselineWindowMs: config.defaults.baselineWindowMs,
    vars,
  };
}

function templateValues(exp: Experiment, namespace: string, serviceLabel: string): Record<string, string | undefined> {
  const dep = exp.dependency;
  return {
    namespace,
    // `label_selector: app=api` names the service as surely as `service: api` does.
    service: exp.target.service ?? exp.target.selector.matchLabels[serviceLabel],
    dependency: !dep
      ? undefined
      : dep.kind === 'external'
        ? dep.hosts.join(',')
        : (dep.service ?? dep.selector.matchLabels[serviceLabel]),
    experiment: exp.name,
    window: toPromDuration(exp.durationMs),
  };
}

function planCriterion(
  c: Criterion,
  path: string,
  exp: Experiment,
  vars: Record<string, string | undefined>,
  issues: Issue[],
): PlannedCriterion {
  if (c.query === undefined) return { ...c };
  const { text, missing } = resolveTemplate(c.query, vars);
  const subject = c.metric !== undefined ? `metric "${c.metric}"` : 'the query';
  for (const name of missing) {
    const why = Object.hasOwn(vars, name)
      ? `experiment "${exp.name}" ${WHY_MISSING[name] ?? `has no ${name}`}`
      : `unknown template variable (known: ${Object.keys(vars).join(', ')})`;
    issues.push({
      file: c.source.file,
      line: c.source.line,
      col: c.source.col,
      path,
      message: `{{${name}}} in ${subject} cannot be filled: ${why}`,
    });
  }
  return missing.length === 0 ? { ...c, resolvedQuery: text } : { ...c };
}

