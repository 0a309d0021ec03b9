// One poll → one sample: reduce the query answer to a number and compare it with the threshold.
// SPEC §1: anything we cannot turn into a trustworthy number is `no-data`, never `met`.
import type { Aggregate, Criterion, Op } from '../experiment/model.js';
import type { SampleState } from './sample.js';
import type { QueryResult } from '../ports.js';
import { extreme } from './judge.js';

export interface Evaluation {
  value?: number | undefined;
  state: SampleState;
  error?: string | undefined;
  /** Several series judged one by one: those that decided (breaching ones; for `any`, matching ones). */
  series?: string[] | undefined;
}

export function compare(value: number, op: Op, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/** Reduce several series to one number. `count` counts series; the others need every value known. */
export function reduce(values: readonly number[], aggregate: Aggregate): number {
  switch (aggregate) {
    case 'count':
      return values.length;
    case 'max':
      return values.reduce((a, b) => Math.max(a, b), -Infinity);
    case 'min':
      return values.reduce((a, b) => Math.min(a, b), Infinity);
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
  }
}

export function evaluateSample(c: Criterion, r: QueryResult): Evaluation {
  if (!r.ok) return { state: 'no-data', error: r.error };
  if (r.series.length === 0) return { state: 'no-data', error: 'empty result: no series matched the query' };
  if (c.aggregate === 'every' || c.aggregate === 'any') return seriesBySeries(c, r.series, c.aggregate);
  const values = r.series.map((s) => s.value);
  if (c.aggregate !== 'count') {
    const nan = values.filter((v) => Number.isNaN(v)).length;
    // A NaN series is a series we know nothing about (typically 0/0): it could hide a breach.
    if (nan > 0) return { state: 'no-data', error: nanError(nan, values.length) };
  }
  const value = reduce(values, c.aggregate);
  return { value, state: compare(value, c.op, c.value) ? 'met' : 'breached' };
}

type Series = { labels: Record<string, string>; value: number };

/**
 * `every`: one series that does not satisfy is a breach (even when others are NaN: a known breach is
 * never hidden); otherwise a NaN series is no-data. `any` (abort_when): one series that satisfies is
 * enough. The value shown is the worst breaching series (every) or the best matching one (any), and
 * the labels of the series that decided are kept for the report.
 */
function seriesBySeries(c: Criterion, all: readonly Series[], rule: 'every' | 'any'): Evaluation {
  const known = all.filter((s) => !Number.isNaN(s.value));
  const nan = all.length - known.length;
  const satisfying = known.filter((s) => compare(s.value, c.op, c.value));
  const failing = known.filter((s) => !compare(s.value, c.op, c.value));
  const several = all.length > 1;
  const decided = (state: 'met' | 'breached', deciding: readonly Series[], which: 'worst' | 'best'): Evaluation => {
    const value = extreme(c.op, c.value, deciding.map((s) => s.value), which)!;
    return { value, state, ...(several ? { series: seriesNames(deciding) } : {}) };
  };
  if (rule === 'every') {
    if (failing.length > 0) return decided('breached', failing, 'worst');
    if (nan > 0) return { state: 'no-data', error: nanError(nan, all.length) };
    return { value: extreme(c.op, c.value, known.map((s) => s.value), 'worst')!, state: 'met' };
  }
  if (satisfying.length > 0) return decided('met', satisfying, 'best');
  if (nan > 0) return { state: 'no-data', error: nanError(nan, all.length) };
  return { value: extreme(c.op, c.value, known.map((s) => s.value), 'best')!, state: 'breached' };
}

function nanError(nan: number, of: number): string {
  return `value is NaN${of === 1 ? '' : ` in ${nan} of ${of} series`} (e.g. 0/0: no traffic in the rate window)`;
}

/** At most this many series are named per sample: enough to act on, bounded in the journal. */
export const MAX_SERIES_NAMED = 10;

/** `name{a="1",b="2"}` as Prometheus prints a series, labels sorted; the rest counted. */
export function seriesNames(series: readonly Series[]): string[] {
  const names = series.slice(0, MAX_SERIES_NAMED).map(({ labels }) => {
    const { __name__: name = '', ...rest } = labels;
    const inner = Object.keys(rest).sort().map((k) => `${k}=${JSON.stringify(rest[k])}`).join(',');
    return `${name}{${inner}}`;
  });
  if (series.length > MAX_SERIES_NAMED) names.push(`…and ${series.length - MAX_SERIES_NAMED} more`);
  return names;
}
