// `run --dry-run` output: the exact objects `run` would apply, as `kubectl apply -f -` input or JSON.
import { toYaml } from '../chaos-mesh/to-yaml.js';
import { formatGoDuration } from '../experiment/duration.js';
import type { PlannedCriterion, PlannedExperiment, RunPlan } from '../lifecycle/plan.js';

// Comments are single lines: a multi-line query from the config must not end the comment early.
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function queryText(c: PlannedCriterion, p: PlannedExperiment): string {
  if (c.builtin) return '(measured by chaos)';
  if (c.probe) return `GET ${c.probe.url} (timeout ${formatGoDuration(c.probe.timeoutMs)})`;
  const baseline = c.baseline ? `  (baseline: ${c.baseline.stat} over the ${formatGoDuration(p.baselineWindowMs)} before injection)` : '';
  return oneLine(c.resolvedQuery ?? c.query ?? '') + baseline;
}

function windowText(p: PlannedExperiment): string {
  const window = formatGoDuration(p.windowMs);
  if (p.oneShot) return `${window} (observed after the kill)`;
  return p.faultWindowMs === p.windowMs ? window : `${window} (fault active ${formatGoDuration(p.faultWindowMs)})`;
}

function headerLines(p: PlannedExperiment): string[] {
  const { name, source } = p.experiment;
  const criterion = (key: string) => (c: PlannedCriterion) => `# ${key}: ${oneLine(c.label)}${key === 'expect_effect' ? '' : ` [${c.when}]`}  ${queryText(c, p)}`;
  return [
    `# experiment: ${name} (${source.file}:${source.line})`,
    `# window: ${windowText(p)}; spec.duration adds ${formatGoDuration(p.faultAllowanceMs)} for injection (chaos removes the fault when the window ends)`,
    ...p.criteria.map(criterion('criterion')),
    ...p.abortWhen.map(criterion('abort_when')),
    ...p.expectEffect.map(criterion('expect_effect')),
  ];
}

/** Multi-document YAML for `kubectl apply -f -`, each object under its comment header. */
export function formatPlanYaml(plan: RunPlan): string {
  const docs: string[] = [];
  for (const p of plan.experiments) {
    for (const obj of p.manifests) {
      docs.push(`${headerLines(p).join('\n')}\n${toYaml(obj)}`);
    }
  }
  return docs.join('---\n');
}

function criterionJson(c: PlannedCriterion): Record<string, unknown> {
  return {
    label: c.label,
    source: `${c.source.file}:${c.source.line}:${c.source.col}`,
    metric: c.metric,
    builtin: c.builtin,
    op: c.op,
    value: c.value,
    display: c.display,
    when: c.when,
    aggregate: c.aggregate,
    forMs: c.forMs,
    query: c.resolvedQuery ?? c.query,
    ...(c.baseline ? { baseline: c.baseline } : {}),
    ...(c.probe ? { probe: { url: c.probe.url, status: c.probe.status, timeoutMs: c.probe.timeoutMs, bodyContains: c.probe.bodyContains, headers: Object.keys(c.probe.headers) } } : {}),
  };
}

export function formatPlanJson(plan: RunPlan): string {
  const experiments = plan.experiments.map((p) => ({
    name: p.experiment.name,
    source: `${p.experiment.source.file}:${p.experiment.source.line}`,
    namespace: p.namespace,
    window: formatGoDuration(p.windowMs),
    faultWindow: formatGoDuration(p.faultWindowMs),
    oneShot: p.oneShot,
    manifests: p.manifests,
    criteria: p.criteria.map(criterionJson),
    abortWhen: p.abortWhen.map(criterionJson),
    expectEffect: p.expectEffect.map(criterionJson),
  }));
  return `${JSON.stringify({ runId: plan.runId, experiments }, null, 2)}\n`;
}
