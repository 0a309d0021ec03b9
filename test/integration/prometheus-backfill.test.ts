// The adapter against a real Prometheus loaded with promtool-backfilled data: exact values, real shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheus } from '../../src/adapters/prometheus/index.js';
import type { PrometheusConfig } from '../../src/config/model.js';
import type { QueryResult } from '../../src/ports.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';

const STEP_S = 5;
// Data spans well past "now" on both sides, so an instant query at any moment of the test run sees
// constant rates: rate() extrapolates to the full window and the results are exact.
const FROM = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S - 30 * 60;
const TO = FROM + 90 * 60;

/** One counter/gauge series: value(t) at every step, as OpenMetrics lines. */
function series(name: string, labels: Record<string, string>, value: (elapsedS: number) => number): string[] {
  const l = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const lines: string[] = [];
  for (let t = FROM; t <= TO; t += STEP_S) lines.push(`${name}{${l}} ${value(t - FROM)} ${t}`);
  return lines;
}

const api = { namespace: 'shop', service: 'api' };
const web = { namespace: 'shop', service: 'web' };
// api: 9 ok + 1 error per second → error ratio 0.1; web: 5 ok per second, no errors.
// api latency: every request in the (0.25, 0.5] bucket, 10 per second.
const BUCKETS: [string, number][] = [['0.1', 0], ['0.25', 0], ['0.5', 10], ['1', 10], ['+Inf', 10]];
const OPENMETRICS = [
  '# TYPE http_requests counter',
  ...series('http_requests_total', { ...api, code: '200' }, (s) => 9 * s),
  ...series('http_requests_total', { ...api, code: '500' }, (s) => 1 * s),
  ...series('http_requests_total', { ...web, code: '200' }, (s) => 5 * s),
  ...series('http_requests_total', { ...web, code: '500' }, () => 0),
  '# TYPE http_request_duration_seconds histogram',
  ...BUCKETS.flatMap(([le, perS]) => series('http_request_duration_seconds_bucket', { ...api, le }, (s) => perS * s)),
  ...series('http_request_duration_seconds_count', api, (s) => 10 * s),
  ...series('http_request_duration_seconds_sum', api, (s) => 3 * s),
  '# TYPE circuit_breaker_open gauge',
  ...series('circuit_breaker_open', { ...api, dependency: 'postgresql', pod: 'api-0' }, () => 0),
  ...series('circuit_breaker_open', { ...api, dependency: 'postgresql', pod: 'api-1' }, () => 1),
  '# TYPE writes_lost counter',
  ...series('writes_lost_total', api, () => 0),
  '# EOF',
  '',
].join('\n');

function values(r: QueryResult): number[] {
  if (!r.ok) throw new Error(`query failed: ${r.error}`);
  return r.series.map((s) => s.value);
}

let prom: RunningPrometheus;
let cfg: PrometheusConfig;

beforeAll(async () => {
  prom = await startPrometheus({ blocksFrom: OPENMETRICS });
  cfg = { url: prom.url, headers: {}, timeoutMs: 10_000 };
});
afterAll(async () => {
  await prom?.stop();
});

describe('Prometheus adapter on backfilled data', () => {
  it('computes the error ratio of one service exactly', async () => {
    const p = createPrometheus(cfg, {});
    const ratio = await p.query(
      'sum(rate(http_requests_total{namespace="shop",service="api",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="shop",service="api"}[1m]))',
    );
    const [value] = values(ratio);
    expect(values(ratio)).toHaveLength(1);
    expect(value).toBeCloseTo(1 / (9 + 1), 12);
    const [web] = values(await p.query('sum(rate(http_requests_total{service="web",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="web"}[1m]))'));
    expect(web).toBe(0);
  });

  it('computes a per-second rate and keeps the labels of each series', async () => {
    const r = await createPrometheus(cfg, {}).query('sum by (service) (rate(http_requests_total{namespace="shop"}[1m]))');
    if (!r.ok) throw new Error(r.error);
    const byService = Object.fromEntries(r.series.map((s) => [s.labels.service, s.value]));
    expect(byService.api).toBeCloseTo(10, 9);
    expect(byService.web).toBeCloseTo(5, 9);
  });

  it('interpolates histogram_quantile inside the bucket, as Prometheus does', async () => {
    const [p95] = values(
      await createPrometheus(cfg, {}).query('histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="api"}[1m])))'),
    );
    // All requests sit in (0.25, 0.5]: linear interpolation gives 0.25 + 0.25 * 0.95.
    expect(p95).toBeCloseTo(0.25 + (0.5 - 0.25) * 0.95, 9);
  });

  it('returns every series of a multi-series vector (reduction is the criterion’s job)', async () => {
    const r = await createPrometheus(cfg, {}).query('circuit_breaker_open{service="api"}');
    if (!r.ok) throw new Error(r.error);
    expect(r.series.map((s) => [s.labels.pod, s.value]).sort()).toEqual([
      ['api-0', 0],
      ['api-1', 1],
    ]);
  });

  it('answers `== bool 0` checks with 1 and 0', async () => {
    const p = createPrometheus(cfg, {});
    expect(values(await p.query('sum(increase(writes_lost_total{service="api"}[5m])) == bool 0'))).toEqual([1]);
    expect(values(await p.query('max(circuit_breaker_open{service="api"}) == bool 0'))).toEqual([0]);
  });

  it('parses NaN, +Inf, -Inf and scalars', async () => {
    const p = createPrometheus(cfg, {});
    expect(values(await p.query('vector(0) / vector(0)'))).toEqual([NaN]);
    expect(values(await p.query('vector(1) / vector(0)'))).toEqual([Infinity]);
    expect(values(await p.query('vector(-1) / vector(0)'))).toEqual([-Infinity]);
    const scalar = await p.query('scalar(sum(rate(http_requests_total{service="web"}[1m])))');
    expect(scalar.ok && scalar.series[0]?.labels).toEqual({});
    expect(values(scalar)[0]).toBeCloseTo(5, 9);
  });

  it('returns an empty series list when nothing matches', async () => {
    expect(await createPrometheus(cfg, {}).query('http_requests_total{service="nope"}')).toEqual({ ok: true, series: [] });
  });

  it('refuses a range-vector answer instead of guessing a number', async () => {
    const r = await createPrometheus(cfg, {}).query('http_requests_total{service="api",code="500"}[1m]');
    expect(r).toMatchObject({ ok: false, errorType: 'bad_data' });
    expect(!r.ok && r.error).toMatch(/range vector.*\(query: http_requests_total\{service="api",code="500"\}\[1m\]\)$/);
  });

  it('reports a PromQL syntax error as bad_data with the query', async () => {
    const q = 'sum(rate(http_requests_total[1m])';
    const r = await createPrometheus(cfg, {}).query(q);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errorType).toBe('bad_data');
    expect(!r.ok && r.error).toMatch(/^bad_data: invalid parameter "query": .*parse error.*\(query: sum\(rate\(http_requests_total\[1m\]\)\)$/);
  });

  it('reports an execution error (many-to-many matching) with its errorType', async () => {
    const r = await createPrometheus(cfg, {}).query('http_requests_total / on() http_requests_total');
    expect(r).toMatchObject({ ok: false, errorType: 'execution' });
    expect(!r.ok && r.error).toMatch(/^execution: .*many-to-many/);
  });

  it('sends long queries as a POST form and gets the same answer', async () => {
    const p = createPrometheus(cfg, {});
    const short = 'sum(rate(http_requests_total{service="web"}[1m]))';
    const long = `${short}${' + 0 * vector(1)'.repeat(200)}`;
    expect(long.length).toBeGreaterThan(2000);
    expect(values(await p.query(long))[0]).toBeCloseTo(values(await p.query(short))[0] ?? NaN, 9);
  });

  it('queryRange: history as epoch-ms points per series, inclusive of both ends; errors are answers, not throws', async () => {
    const p = createPrometheus(cfg, {});
    const endMs = Math.floor(Date.now() / 10_000) * 10_000;
    const r = await p.queryRange('sum by (service) (rate(http_requests_total{namespace="shop"}[1m]))', { startMs: endMs - 60_000, endMs, stepMs: 10_000 });
    if (!r.ok) throw new Error(r.error);
    const api = r.series.find((s) => s.labels.service === 'api')!;
    expect(api.values.map((v) => v.t)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => endMs - 60_000 + i * 10_000));
    for (const v of api.values) expect(v.value).toBeCloseTo(10, 9);
    const bad = await p.queryRange('sum(', { startMs: endMs - 60_000, endMs, stepMs: 10_000 });
    expect(bad).toMatchObject({ ok: false, errorType: 'bad_data' });
    const none = await p.queryRange('nothing_here', { startMs: endMs - 60_000, endMs, stepMs: 10_000 });
    expect(none).toEqual({ ok: true, series: [] });
  });
});
