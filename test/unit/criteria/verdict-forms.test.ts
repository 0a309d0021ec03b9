// SPEC §10 "new verdict inputs": baseline-relative thresholds, { alert }, { http } — parsed into
// ordinary criteria, with located problems for malformed forms.
import { describe, expect, it } from 'vitest';
import type { MetricDef } from '../../../src/config/model.js';
import { parseCriterion, type CriteriaContext } from '../../../src/criteria/parse.js';
import { parseBaselineExpr, thresholdFrom } from '../../../src/criteria/baseline-expr.js';
import type { Path } from '../../../src/experiment/problems.js';

const METRICS: Record<string, MetricDef> = {
  error_rate: { query: 'sum(rate(errors{service="{{service}}"}[1m]))', unit: 'ratio' },
  p95_latency: { query: 'histogram_quantile(0.95, x{service="{{service}}"})', unit: 'seconds' },
};

function run(raw: unknown, opts: { abort?: boolean } = {}) {
  const problems: { path: string; message: string; at?: string | undefined }[] = [];
  const ctx: CriteriaContext = {
    metrics: METRICS,
    hasDependency: false,
    abort: opts.abort,
    reporter: {
      report: (path: Path, message: string, at?: 'key' | 'value') => problems.push({ path: path.join('.'), message, at }),
      source: (path: Path) => ({ file: 'f.yml', line: path.length, col: 1 }),
    },
  };
  return { criterion: parseCriterion(raw, ['c', 0], ctx), problems };
}

describe('baseline-relative thresholds', () => {
  it('reads "<N>x baseline" and "baseline ± c", and derives the threshold from a baseline', () => {
    expect(parseBaselineExpr('1.5x baseline')).toMatchObject({ factor: 1.5, offset: 0, display: '1.5x baseline' });
    expect(parseBaselineExpr('2 x baseline')).toMatchObject({ factor: 2, offset: 0 });
    expect(parseBaselineExpr('baseline + 0.01')).toMatchObject({ factor: 1, offset: 0.01, display: 'baseline + 0.01' });
    expect(parseBaselineExpr('baseline - 50ms')).toMatchObject({ factor: 1, offset: -0.05, offsetQ: { unit: 'seconds' } });
    expect(parseBaselineExpr('600ms')).toBeUndefined();
    expect(thresholdFrom({ factor: 1.5, offset: 0, stat: 'median' }, 0.2)).toBeCloseTo(0.3);
    expect(thresholdFrom({ factor: 1, offset: -0.01, stat: 'median' }, 0.05)).toBeCloseTo(0.04);
  });

  it('string form: median by default, the threshold left for the baseline stage', () => {
    const { criterion, problems } = run('p95_latency < 1.5x baseline');
    expect(problems).toEqual([]);
    expect(criterion).toMatchObject({ metric: 'p95_latency', op: '<', label: 'p95_latency < 1.5x baseline', display: '1.5x baseline', baseline: { factor: 1.5, offset: 0, stat: 'median' }, when: 'always', aggregate: 'max' });
    expect(run('error_rate < baseline + 0.01').criterion?.baseline).toEqual({ factor: 1, offset: 0.01, stat: 'median' });
  });

  it('object form: value "1.5x baseline" with baseline: p95|max|mean', () => {
    const { criterion, problems } = run({ metric: 'p95_latency', op: '<', value: '1.5x baseline', baseline: 'p95' });
    expect(problems).toEqual([]);
    expect(criterion).toMatchObject({ label: 'p95_latency < 1.5x baseline (p95)', baseline: { factor: 1.5, offset: 0, stat: 'p95' } });
    expect(run({ query: 'up', op: '>', value: 'baseline - 1', baseline: 'max' }).criterion?.baseline).toEqual({ factor: 1, offset: -1, stat: 'max' });
  });

  it('malformed forms are located problems, never criteria', () => {
    const bad = run('p95 < 1.5y baseline');
    expect(bad.criterion).toBeUndefined();
    expect(bad.problems).toEqual([{ path: 'c.0', message: expect.stringContaining('"1.5y baseline" is not a baseline-relative value: write "<N>x baseline"'), at: undefined }]);
    expect(run({ metric: 'p95_latency', op: '<', value: 'baseline * 2' }).problems[0]).toMatchObject({ path: 'c.0.value' });
    expect(run({ metric: 'p95_latency', op: '<', value: '600ms', baseline: 'p95' }).problems[0]).toMatchObject({ path: 'c.0.baseline', message: expect.stringContaining('applies to a value relative to the baseline') });
    expect(run({ metric: 'p95_latency', op: '<', value: '2x baseline', baseline: 'p50' }).problems[0]).toMatchObject({ path: 'c.0.baseline' });
    expect(run('p95_latency < baseline + 1%').problems[0]?.message).toBe('p95_latency is a duration but baseline + 1% is a ratio');
    expect(run('recovery_time < 2x baseline').problems[0]?.message).toContain('has no Prometheus baseline');
    expect(run('p95_latency < 0x baseline').problems[0]?.message).toContain('the factor must be above 0');
  });
});

describe('{ alert: NAME }', () => {
  it('as a criterion: ALERTS counted, must stay 0 at every sample (steady state too)', () => {
    const { criterion, problems } = run({ alert: 'HighErrorRate' });
    expect(problems).toEqual([]);
    expect(criterion).toMatchObject({
      label: 'alert HighErrorRate',
      query: 'count(ALERTS{alertname="HighErrorRate",alertstate="firing"}) or vector(0)',
      op: '==',
      value: 0,
      when: 'always',
      alert: { name: 'HighErrorRate', labels: {} },
    });
  });

  it('in abort_when: fires when any matching alert fires; labels narrow it and are PromQL-escaped', () => {
    const { criterion } = run({ alert: 'HighErrorRate', labels: { service: 'api', team: 'a"b' } }, { abort: true });
    expect(criterion).toMatchObject({
      label: 'alert HighErrorRate{service="api",team="a\\"b"}',
      query: 'count(ALERTS{alertname="HighErrorRate",alertstate="firing",service="api",team="a\\"b"}) or vector(0)',
      op: '>',
      value: 0,
    });
  });

  it('an alert without a name, or with unknown keys, is a located problem', () => {
    expect(run({ alert: '' }).problems).toEqual([expect.objectContaining({ path: 'c.0.alert', message: expect.stringContaining('alert name') })]);
    expect(run({ alert: 'X', label: { a: 'b' } }).problems[0]).toMatchObject({ path: 'c.0.label' });
    expect(run({ labels: { service: 'api' } }).problems[0]).toMatchObject({ path: 'c.0', message: expect.stringContaining('needs its name') });
  });
});

describe('{ http: { url, ... } }', () => {
  it('as a criterion: the probe must answer as expected (1) every poll; defaults: any 2xx, 2s', () => {
    const { criterion, problems } = run({ http: { url: 'http://api/health', body_contains: 'ok', headers: { Authorization: { env: 'TOKEN' }, 'X-Team': 'a' } } });
    expect(problems).toEqual([]);
    expect(criterion).toMatchObject({
      label: 'http http://api/health',
      op: '==',
      value: 1,
      when: 'always',
      probe: { url: 'http://api/health', status: undefined, timeoutMs: 2000, bodyContains: 'ok', headers: { Authorization: { env: 'TOKEN' }, 'X-Team': 'a' } },
    });
    expect(criterion?.query).toBeUndefined();
  });

  it('in abort_when: fires on a failing probe (0), for: sustains it', () => {
    const { criterion } = run({ http: { url: 'https://api/health', status: 204, timeout: '500ms' }, for: '10s' }, { abort: true });
    expect(criterion).toMatchObject({ op: '==', value: 0, forMs: 10_000, probe: { status: 204, timeoutMs: 500 } });
  });

  it('a probe without url, with a bad url, status or timeout is a located problem', () => {
    expect(run({ http: { status: 200 } }).problems).toEqual([expect.objectContaining({ path: 'c.0.http.url' })]);
    expect(run({ http: { url: 'api/health' } }).problems[0]).toMatchObject({ path: 'c.0.http.url', message: 'must be an http:// or https:// URL' });
    expect(run({ http: { url: 'http://a', status: 99 } }).problems[0]).toMatchObject({ path: 'c.0.http.status' });
    expect(run({ http: { url: 'http://a', timeout: 'soon' } }).problems[0]).toMatchObject({ path: 'c.0.http.timeout' });
    expect(run({ http: { url: 'http://a', headers: { Authorization: { secret: 'X' } } } }).problems[0]?.path).toMatch(/^c\.0\.http\.headers\.Authorization/);
  });
});
