// One poll: every criterion of an experiment queried in parallel, one round trip each.
import { evaluateSample } from '../criteria/evaluate.js';
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
  };
}

/** The planned criterion behind a journal entry (same order as the plan). */
export interface Tracked {
  planned: PlannedCriterion;
  result: CriterionResult;
}

export function trackCriteria(p: PlannedExperiment, ej: ExperimentJournal): { criteria: Tracked[]; aborts: Tracked[] } {
  const criteria = p.criteria.map((c) => ({ planned: c, result: openCriterionResult(c, c.builtin ? 'builtin' : 'criterion') }));
  const aborts = p.abortWhen.map((c) => ({ planned: c, result: openCriterionResult(c, 'abort') }));
  ej.criteria.push(...criteria.map((t) => t.result), ...aborts.map((t) => t.result));
  return { criteria, aborts };
}

/** Queries each tracked criterion once (in parallel) and appends the sample to its result. */
export async function pollCriteria(tracked: Tracked[], phase: SamplePhase, deps: RunDeps, ej: ExperimentJournal): Promise<Sample[]> {
  const withQuery = tracked.filter((t) => t.planned.resolvedQuery !== undefined);
  return Promise.all(
    withQuery.map(async (t) => {
      // An interrupt must not wait for a slow Prometheus: the revert comes first.
      const answer = await deps.metrics.query(t.planned.resolvedQuery!, { signal: deps.interrupt });
      const judged = evaluateSample(t.planned, answer);
      const sample: Sample = { t: deps.clock.now(), phase, state: judged.state };
      if (judged.value !== undefined) sample.value = judged.value;
      if (judged.error !== undefined) sample.error = judged.error;
      if (judged.series !== undefined) sample.series = judged.series;
      t.result.samples.push(sample);
      deps.observer.sample?.(ej.name, t.planned.label, judged.value, judged.state);
      return sample;
    }),
  );
}

export const isAlways = (t: Tracked) => t.planned.when === 'always' && !t.planned.builtin && t.planned.resolvedQuery !== undefined;
