// The three criterion forms of SPEC §4, catalog defaults, the built-in recovery_time, and the
// problems each form can have.
import { describe, expect, it } from 'vitest';
import type { MetricDef } from '../../../src/config/model.js';
import { parseCriterion, type CriteriaContext } from '../../../src/criteria/parse.js';
import type { Path } from '../../../src/experiment/problems.js';

const METRICS: Record<string, MetricDef> = {
  error_rate: { query: 'sum(rate(errors{service="{{service}}"}[1m]))', unit: 'ratio' },
  p95_latency: { query: 'histogram_quantile(0.95, x{service="{{service}}"})', unit: 'seconds' },
  throughput: { query: 'sum(rate(requests{service="{{service}}"}[1m]))', aggregate: 'sum' },
  circuit_breaker_triggered: { query: 'max(cb{dependency="{{dependency}}"})', when: 'eventually' },
  no_data_loss: { query: 'sum(increase(lost[{{window}}])) == bool 0', when: 'end' },
  data_consistency: { values: { eventual: { query: 'max(divergence) == bool 0', when: 'end' } } },
};

function run(raw: unknown, opts: { hasDependency?: boolean; abort?: boolean } = {}) {
  const problems: { path: string; message: string; at?: string | undefined }[] = [];
  const ctx: CriteriaContext = {
    metrics: METRICS,
    hasDependency: opts.hasDependency ?? true,
    abort: opts.abort,
    reporter: {
      report: (path: Path, message: string, at?: 'key' | 'value') => problems.push({ path: path.join('.'), message, at }),
      source: (path: Path) => ({ file: 'f.yml', line: path.length, col: 1 }),
    },
  };
  return { criterion: parseCriterion(raw, ['c', 0], ctx), problems };
}

describe('string form "<metric> <op> <value>"', () => {
  it('parses every operator and converts units to base units', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '!=']) expect(run(`error_rate ${op} 1%`).criterion?.op).toBe(op);
    expect(run('p95_latency < 600ms').criterion).toMatchObject({ metric: 'p95_latency', op: '<', value: 0.6, display: '600ms', unit: 'seconds', label: 'p95_latency < 600ms' });
    expect(run('error_rate<0.01').criterion).toMatchObject({ value: 0.01, label: 'error_rate < 0.01' });
  });

  it('applies catalog defaults: query, unit, when (always for thresholds), aggregate by op', () => {
    const c = run('error_rate < 0.01').criterion;
    expect(c).toMatchObject({ query: METRICS.error_rate?.query, unit: 'ratio', when: 'always', aggregate: 'max' });
    expect(run('error_rate >= 0.5').criterion?.aggregate).toBe('min');
    expect(run('throughput > 100').criterion?.aggregate).toBe('sum');
  });

  it('== and != hold for every series (issue 12 item 7), and fire on any one series in abort_when', () => {
    expect(run('error_rate == 0').criterion?.aggregate).toBe('every');
    expect(run('error_rate != 0').criterion?.aggregate).toBe('every');
    expect(run({ circuit_breaker_triggered: true }).criterion).toMatchObject({ op: '!=', aggregate: 'every' });
    expect(run('error_rate == 0', { abort: true }).criterion?.aggregate).toBe('any');
    expect(run({ query: 'up', op: '==', value: 0 }, { abort: true }).criterion?.aggregate).toBe('any');
    // thresholds keep the worst series, in criteria and abort conditions alike
    expect(run('error_rate > 0.5', { abort: true }).criterion?.aggregate).toBe('min');
  });

  it('an aggregate given (object form or catalog) overrides the series-by-series default of == and !=', () => {
    expect(run({ query: 'up', op: '==', value: 1, aggregate: 'max' }).criterion?.aggregate).toBe('max');
    expect(run({ query: 'up', op: '==', value: 0, aggregate: 'min' }, { abort: true }).criterion?.aggregate).toBe('min');
    expect(run('throughput == 100').criterion?.aggregate).toBe('sum');
  });

  it('true/false mean non-zero/zero here too', () => {
    expect(run('circuit_breaker_triggered == true').criterion).toMatchObject({ op: '!=', value: 0, unit: 'bool', label: 'circuit_breaker_triggered == true' });
    expect(run('circuit_breaker_triggered != true').criterion).toMatchObject({ op: '==', value: 0 });
    expect(run('circuit_breaker_triggered == false').criterion).toMatchObject({ op: '==', value: 0 });
    expect(run('circuit_breaker_triggered > false').problems[0]?.message).toBe('true/false can only be compared with == or !=');
  });

  it('reports what is wrong', () => {
    expect(run('error_rate = 0.01').problems[0]?.message).toContain('use == for equality');
    expect(run('error_rate').problems[0]?.message).toContain('expected "<metric> <op> <value>"');
    expect(run('error_rate < lots').problems[0]?.message).toContain('"lots" is not a number or quantity');
    expect(run('p95_latency < 1%').problems[0]?.message).toBe('p95_latency is a duration but 1% is a ratio');
  });
});

describe('{ <metric>: <value> } form', () => {
  it('true means the query returns a non-zero sample; false means zero', () => {
    expect(run({ circuit_breaker_triggered: true }).criterion).toMatchObject({ op: '!=', value: 0, unit: 'bool', when: 'eventually', label: 'circuit_breaker_triggered: true' });
    expect(run({ circuit_breaker_triggered: false }).criterion).toMatchObject({ op: '==', value: 0 });
  });

  it('a number is equality', () => {
    expect(run({ throughput: 0 }).criterion).toMatchObject({ op: '==', value: 0, display: '0' });
  });

  it('a string picks a named query from values (data_consistency: eventual)', () => {
    expect(run({ data_consistency: 'eventual' }).criterion).toMatchObject({
      metric: 'data_consistency', query: 'max(divergence) == bool 0', op: '!=', value: 0, when: 'end', label: 'data_consistency: eventual',
    });
    const bad = run({ data_consistency: 'eventualy' });
    expect(bad.criterion).toBeUndefined();
    expect(bad.problems[0]?.message).toBe('data_consistency has no value "eventualy" (did you mean "eventual"?); one of: eventual');
  });

  it('a metric with only named values cannot be compared directly', () => {
    expect(run('data_consistency == 1').problems[0]?.message).toContain('data_consistency has no query of its own');
  });

  it('needs exactly one key and a scalar value', () => {
    expect(run({ a: true, b: true }).problems[0]?.message).toContain('exactly one key, found 2');
    expect(run({ error_rate: null }).problems[0]?.message).toContain('got nothing');
  });
});

describe('object form { metric | query, op, value, when, for, aggregate }', () => {
  it('overrides catalog defaults', () => {
    expect(run({ metric: 'error_rate', op: '<', value: '2%', when: 'eventually', for: '30s', aggregate: 'avg' }).criterion).toMatchObject({
      metric: 'error_rate', op: '<', value: 0.02, unit: 'ratio', when: 'eventually', forMs: 30_000, aggregate: 'avg',
    });
  });

  it('takes raw PromQL with templates', () => {
    const c = run({ query: 'up{service="{{service}}"}', op: '==', value: 1 }).criterion;
    expect(c).toMatchObject({ query: 'up{service="{{service}}"}', metric: undefined, when: 'always', aggregate: 'every', label: 'up{service="{{service}}"} == 1' });
  });

  it('reports metric/query mistakes at the right key', () => {
    expect(run({ op: '<', value: 1 }).problems).toEqual([{ path: 'c.0', message: 'needs metric (a catalog name) or query (PromQL)', at: undefined }]);
    expect(run({ metric: 'error_rate', query: 'x', op: '<', value: 1 }).problems[0]?.message).toBe('give metric or query, not both');
    expect(run({ query: 'x{a="{{svc}}"}', op: '<', value: 1 }).problems[0]).toMatchObject({ path: 'c.0.query', message: expect.stringContaining('unknown template variable {{svc}}') });
    expect(run({ metric: 'error_rate', op: '<', valu: 1 }).problems.map((p) => p.message)).toEqual(['unknown key "valu" (did you mean "value"?)']);
    expect(run({ metric: 'error_rate', op: '>', value: true }).problems[0]).toMatchObject({ path: 'c.0.op', message: 'true/false can only be compared with == or !=' });
  });
});

describe('catalog and built-ins', () => {
  it('recovery_time is built in: < or <= a duration, judged at the end', () => {
    const c = run('recovery_time < 30s').criterion;
    expect(c).toMatchObject({ builtin: 'recovery_time', op: '<', value: 30, unit: 'seconds', when: 'end' });
    expect(c?.query).toBeUndefined();
    expect(run('recovery_time <= 1m').criterion?.value).toBe(60);
    for (const bad of ['recovery_time > 30s', 'recovery_time < 30', { recovery_time: '30s' }])
      expect(run(bad).problems[0]?.message).toContain('recovery_time is compared with < or <= against a duration');
  });

  it('an unknown metric says how to define it, with a suggestion', () => {
    expect(run('eror_rate < 1').problems[0]?.message).toBe(
      `unknown metric "eror_rate" (did you mean "error_rate"?): define it in chaos.config.yml under metrics: { eror_rate: { query: '<PromQL>' } }`,
    );
    expect(run({ foo: true }).problems[0]).toMatchObject({ path: 'c.0.foo', at: 'key', message: expect.stringContaining('metrics: { foo: { query:') });
  });

  it('a query using {{dependency}} needs a dependency', () => {
    expect(run({ circuit_breaker_triggered: true }, { hasDependency: false }).problems[0]?.message).toBe(
      'circuit_breaker_triggered uses {{dependency}}, but this experiment has no target.dependency',
    );
  });

  it('records where the criterion was written', () => {
    expect(run('error_rate < 1').criterion?.source).toEqual({ file: 'f.yml', line: 2, col: 1 });
    expect(run({ error_rate: 0 }).criterion?.source).toEqual({ file: 'f.yml', line: 2, col: 1 });
  });
});
