import { describe, expect, it } from 'vitest';
import { criterion as shared } from '../../support/experiments.js';
import { compare, evaluateSample, reduce } from '../../../src/criteria/evaluate.js';
import type { Criterion, Op, SeriesRule } from '../../../src/experiment/model.js';
import type { QueryResult } from '../../../src/ports.js';

function criterion(op: Op, value: number, aggregate: SeriesRule = 'max'): Criterion {
  return shared(`m ${op} ${value}`, { metric: 'm', query: 'm', op, value, display: String(value), when: 'always', aggregate });
}

function vector(...values: number[]): QueryResult {
  return { ok: true, series: values.map((value, i) => ({ labels: { pod: `p${i}` }, value })) };
}

/** Like `up`: one series per target, with a name and two labels. */
function targets(...values: number[]): QueryResult {
  return { ok: true, series: values.map((value, i) => ({ labels: { __name__: 'up', job: 'api', instance: `10.0.0.${i}:9100` }, value })) };
}

describe('compare', () => {
  it.each([
    ['<', 1, 2, true],
    ['<', 2, 2, false],
    ['<=', 2, 2, true],
    ['<=', 3, 2, false],
    ['>', 3, 2, true],
    ['>', 2, 2, false],
    ['>=', 2, 2, true],
    ['>=', 1, 2, false],
    ['==', 1, 1, true],
    ['==', 0, 1, false],
    ['!=', 1, 0, true],
    ['!=', 0, 0, false],
    ['<', Infinity, 0.6, false],
    ['>', -Infinity, 0, false],
  ] as const)('%s: %d vs %d → %s', (op, value, threshold, expected) => {
    expect(compare(value, op, threshold)).toBe(expected);
  });
});

describe('reduce', () => {
  it.each([
    ['max', [0.1, 0.7, 0.3], 0.7],
    ['min', [0.1, 0.7, 0.3], 0.1],
    ['sum', [1, 2, 3.5], 6.5],
    ['avg', [1, 2, 6], 3],
    ['count', [5, 5, 5, 5], 4],
  ] as const)('%s of %j = %d', (aggregate, values, expected) => {
    expect(reduce(values, aggregate)).toBe(expected);
  });
});

describe('evaluateSample', () => {
  it('reduces several series with the aggregate, never the first series', () => {
    // The first series satisfies `< 0.5`, the second does not: max must see the second.
    expect(evaluateSample(criterion('<', 0.5, 'max'), vector(0.1, 0.9))).toEqual({ value: 0.9, state: 'breached' });
    expect(evaluateSample(criterion('<', 0.5, 'min'), vector(0.9, 0.1))).toEqual({ value: 0.1, state: 'met' });
    expect(evaluateSample(criterion('<', 1, 'sum'), vector(0.6, 0.6))).toEqual({ value: 1.2, state: 'breached' });
    expect(evaluateSample(criterion('>=', 2, 'count'), vector(0, 0))).toEqual({ value: 2, state: 'met' });
    expect(evaluateSample(criterion('<=', 0.5, 'avg'), vector(0.2, 0.8))).toEqual({ value: 0.5, state: 'met' });
  });

  it('is met or breached by the op against the threshold', () => {
    expect(evaluateSample(criterion('<', 0.01), vector(0.005)).state).toBe('met');
    expect(evaluateSample(criterion('<', 0.01), vector(0.01)).state).toBe('breached');
    expect(evaluateSample(criterion('>', 0.99), vector(0.995)).state).toBe('met');
    expect(evaluateSample(criterion('>', 0.99), vector(0.5)).state).toBe('breached');
  });

  it('handles bool-style criteria (`!= 0` means "the query returns a non-zero sample")', () => {
    expect(evaluateSample(criterion('!=', 0), vector(1))).toEqual({ value: 1, state: 'met' });
    expect(evaluateSample(criterion('!=', 0), vector(0))).toEqual({ value: 0, state: 'breached' });
    expect(evaluateSample(criterion('==', 1), vector(1))).toEqual({ value: 1, state: 'met' });
  });

  it('compares infinities like numbers (histogram_quantile in the +Inf bucket)', () => {
    expect(evaluateSample(criterion('<', 0.6), vector(Infinity))).toEqual({ value: Infinity, state: 'breached' });
  });

  it('turns an empty vector into no-data', () => {
    const r = evaluateSample(criterion('<', 0.01), { ok: true, series: [] });
    expect(r.state).toBe('no-data');
    expect(r.value).toBeUndefined();
    expect(r.error).toMatch(/empty result/);
  });

  it('turns NaN into no-data, even when only one of several series is NaN', () => {
    expect(evaluateSample(criterion('<', 0.01), vector(NaN))).toMatchObject({ state: 'no-data', error: expect.stringMatching(/NaN/) });
    const partial = evaluateSample(criterion('<', 0.01), vector(0.001, NaN, 0.002));
    expect(partial.state).toBe('no-data');
    expect(partial.error).toMatch(/1 of 3 series/);
  });

  it('counts NaN series for `count` (it counts series, not values)', () => {
    expect(evaluateSample(criterion('==', 2, 'count'), vector(NaN, 1))).toEqual({ value: 2, state: 'met' });
  });

  it('every: == holds only when every series satisfies, and names the series that do not (issue 12 item 7)', () => {
    expect(evaluateSample(criterion('==', 1, 'every'), targets(1, 1, 1))).toEqual({ value: 1, state: 'met' });
    // max would say 1 == 1 here: one target down passed before.
    expect(evaluateSample(criterion('==', 1, 'every'), targets(1, 0, 1))).toEqual({ value: 0, state: 'breached', series: ['up{instance="10.0.0.1:9100",job="api"}'] });
    expect(evaluateSample(criterion('==', 1, 'max'), targets(1, 0, 1))).toEqual({ value: 1, state: 'met' });
    const two = evaluateSample(criterion('!=', 0, 'every'), targets(0, 3, 0));
    expect(two).toEqual({ value: 0, state: 'breached', series: ['up{instance="10.0.0.0:9100",job="api"}', 'up{instance="10.0.0.2:9100",job="api"}'] });
  });

  it('every: the value shown is the worst breaching series; a single series is not named', () => {
    expect(evaluateSample(criterion('==', 1, 'every'), targets(1, 0.5, 3))).toMatchObject({ value: 3, state: 'breached' });
    expect(evaluateSample(criterion('==', 1, 'every'), targets(0))).toEqual({ value: 0, state: 'breached' });
  });

  it('every: a NaN series is no-data unless another series already breaches (a known breach is never hidden)', () => {
    expect(evaluateSample(criterion('==', 1, 'every'), targets(1, NaN))).toMatchObject({ state: 'no-data', error: expect.stringMatching(/NaN in 1 of 2 series/) });
    expect(evaluateSample(criterion('==', 1, 'every'), targets(0, NaN))).toMatchObject({ state: 'breached', value: 0 });
  });

  it('any (abort_when): one matching series is enough, and it is named', () => {
    expect(evaluateSample(criterion('==', 0, 'any'), targets(1, 0, 1))).toEqual({ value: 0, state: 'met', series: ['up{instance="10.0.0.1:9100",job="api"}'] });
    expect(evaluateSample(criterion('==', 0, 'any'), targets(1, 1))).toEqual({ value: 1, state: 'breached' });
    expect(evaluateSample(criterion('==', 0, 'any'), targets(NaN, 0))).toMatchObject({ state: 'met' });
    expect(evaluateSample(criterion('==', 0, 'any'), targets(NaN, 1))).toMatchObject({ state: 'no-data' });
  });

  it('names at most ten series per sample and counts the rest', () => {
    const r = evaluateSample(criterion('==', 1, 'every'), targets(...Array.from({ length: 13 }, () => 0)));
    expect(r.series).toHaveLength(11);
    expect(r.series?.at(-1)).toBe('…and 3 more');
  });

  it('turns a failed query into no-data carrying the error', () => {
    const failed: QueryResult = { ok: false, error: 'bad_data: parse error (query: m)', errorType: 'bad_data' };
    expect(evaluateSample(criterion('<', 1), failed)).toEqual({ state: 'no-data', error: 'bad_data: parse error (query: m)' });
  });
});
