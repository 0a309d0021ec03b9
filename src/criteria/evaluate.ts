// One poll → one sample: reduce the query answer to a number and compare it with the threshold.
// SPEC §1: anything we cannot turn into a trustworthy number is `no-data`, never `met`.
import type { Aggregate, Criterion, Op } from '../experiment/model.js';
import type { SampleState } from '../lifecycle/journal.js';
import type { QueryResult } from '../ports.js';

export interface Evaluation {
  value?: number | undefined;
  state: SampleState;
  error?: string | undefined;
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
  const values = r.series.map((s) => s.value);
  if (c.aggregate !== 'count') {
    const nan = values.filter((v) => Number.isNaN(v)).length;
    // A NaN series is a series we know nothing about (typically 0/0): it could hide a breach.
    if (nan > 0) {
      const of = values.length === 1 ? '' : ` in ${nan} of ${values.length} series`;
      return { state: 'no-data', error: `value is NaN${of} (e.g. 0/0: no traffic in the rate window)` };
    }
  }
  const value = reduce(values, c.aggregate);
  return { value, state: compare(value, c.op, c.value) ? 'met' : 'breached' };
}
