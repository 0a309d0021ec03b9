// One poll: every criterion of an experiment queried (or probed) in parallel, one round trip each.
import { evaluateSample, type Evaluation } from '../criteria/evaluate.js';
import type { PlannedCriterion, PlannedExperiment } from './plan.js';
import type { CriterionResult, ExperimentJournal, Sample, SamplePhase } from './journal.js';
import type { RunDeps } from './deps.js';

export function openCriterionResult(c: PlannedCriterion, kind: CriterionResult['kind']): CriterionResult {
  return {
    label: c.label,
    kind,
    metric: c.metric,
    query: c.resolvedQuery,
    op: c.op,
    threshold: c.value,
    display: c.display,
    unit: c.unit,
    when: c.when,
    verdict: 'not-evaluated',
    samples: [],
    source: c.source,
    ...(c.probe ? { probe: c.probe.url } : {}),
    ...(c.alert ? { alert: c.alert.name } : {}),
  };
}

/** The planned criterion behind a journal entry (same order as the plan). */
export interface Tracked {
  /** Replaced once its baseline is known (the threshold is then a number). */
  planned: PlannedCriterion;
  result: CriterionResult;
}

export function trackCriteria(p: PlannedExperiment, ej: ExperimentJournal): { criteria: Tracked[]; aborts: Tracked[]; effects: Tracked[] } {
  const criteria = p.criteria.map((c) => ({ planned: c, result: openCriterionResult(c, c.builtin ? 'builtin' : 'criterion') }));
  const aborts = p.abortWhen.map((c) => ({ planned: c, result: openCriterionResult(c, 'abort') }));
  const effects = (p.expectEffect ?? []).map((c) => ({ planned: c, result: openCriterionResult(c, 'effect') }));
  ej.criteria.push(...criteria.map((t) => t.result), ...aborts.map((t) => t.result), ...effects.map((t) => t.result));
  return { criteria, aborts, effects };
}

/** Sampled each poll: a PromQL query or an HTTP probe (built-ins and unresolvable queries are not). */
export const isSampled = (t: Tracked): boolean => t.planned.resolvedQuery !== undefined || t.planned.probe !== undefined;

/** Queries each tracked criterion once (in parallel) and appends the sample to its result. */
export async function pollCriteria(tracked: Tracked[], phase: SamplePhase, deps: RunDeps, ej: ExperimentJournal): Promise<Sample[]> {
  return Promise.all(
    tracked.filter(isSampled).map(async (t) => {
      const judged = await sampleOnce(t, deps);
      const sample: Sample = { t: deps.clock.now(), phase, state: judged.state };
      if (judged.value !== undefined) sample.value = judged.value;
      if (judged.error !== undefined) sample.error = judged.error;
      if (judged.series !== undefined) sample.series = judged.series;
      if (judged.detail !== undefined) sample.detail = judged.detail;
      t.result.samples.push(sample);
      deps.observer.sample?.(ej.name, t.planned.label, judged.value, judged.state);
      return sample;
    }),
  );
}

async function sampleOnce(t: Tracked, deps: RunDeps): Promise<Evaluation & { detail?: string }> {
  const c = t.planned;
  // A baseline-relative threshold without a baseline cannot be judged: never met (SPEC §10).
  if (c.baseline && t.result.baseline?.value === undefined) return { state: 'no-data', error: `no baseline: ${t.result.baseline?.error ?? 'not read'}` };
  if (c.probe) {
    // A probe that fails to connect or times out is a failed probe: reachability is what it tests.
    const r = await deps.probes.probe(c.probe, { signal: deps.interrupt });
    return { ...evaluateSample(c, { ok: true, series: [{ labels: {}, value: r.ok ? 1 : 0 }] }), detail: r.detail };
  }
  // An interrupt must not wait for a slow Prometheus: the revert comes first.
  return evaluateSample(c, await deps.metrics.query(c.resolvedQuery!, { signal: deps.interrupt }));
}

export const isAlways = (t: Tracked) => t.planned.when === 'always' && !t.planned.builtin && isSampled(t);
