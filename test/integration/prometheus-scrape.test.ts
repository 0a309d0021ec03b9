// Live path: metrics-app → real Prometheus scrape → adapter → criterion evaluation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheus, type PrometheusMetrics } from '../../src/adapters/prometheus/index.js';
import { evaluateSample } from '../../src/criteria/evaluate.js';
import type { Criterion } from '../../src/experiment/model.js';
import type { QueryResult } from '../../src/ports.js';
import { startMetricsApp, type MetricsApp } from '../support/metrics-app.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';

const ERROR_RATE =
  'sum(rate(http_requests_total{namespace="shop",service="api",code=~"5.."}[3s])) / sum(rate(http_requests_total{namespace="shop",service="api"}[3s]))';

const errorRateBelow1pct: Criterion = {
  label: 'error_rate < 0.01',
  source: { file: 'e.yml', line: 1, col: 1 },
  metric: 'error_rate',
  query: ERROR_RATE,
  op: '<',
  value: 0.01,
  display: '0.01',
  when: 'always',
  aggregate: 'max',
};

/** Poll until the answer satisfies `done`; the first scrape lands ~5 s after Prometheus starts. */
async function until(p: PrometheusMetrics, q: string, done: (r: QueryResult) => boolean): Promise<QueryResult> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = await p.query(q);
    if (done(r)) return r;
    if (Date.now() > deadline) throw new Error(`gave up waiting on ${q}; last answer ${JSON.stringify(r)}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}
const first = (r: QueryResult): number | undefined => (r.ok ? r.series[0]?.value : undefined);

let app: MetricsApp;
let prom: RunningPrometheus;
let p: PrometheusMetrics;
let faultActive = false;

beforeAll(async () => {
  app = await startMetricsApp({
    services: [
      {
        namespace: 'shop',
        service: 'api',
        dependencies: ['postgresql'],
        values: {
          rps: 50,
          errorRatio: ({ faultActive: active }) => (active ? 0.5 : 0),
          circuitBreakerOpen: ({ faultActive: active, dependency }) => (active && dependency === 'postgresql' ? 1 : 0),
        },
      },
      { namespace: 'shop', service: 'web', values: { rps: 5, errorRatio: 0.2 } },
    ],
    faultActive: () => faultActive,
  });
  prom = await startPrometheus({ scrapeTargets: [app.target], scrapeIntervalMs: 500 });
  p = createPrometheus({ url: prom.url, headers: {}, timeoutMs: 5_000 }, {});
});
afterAll(async () => {
  await prom?.stop();
  await app?.close();
});

describe('live scrape of the metrics app', () => {
  it('sees steady state, then the error rate rising while the fault is active, then recovery', async () => {
    const steady = await until(p, ERROR_RATE, (r) => first(r) !== undefined && !Number.isNaN(first(r)));
    expect(first(steady)).toBe(0);
    expect(evaluateSample(errorRateBelow1pct, steady).state).toBe('met');

    faultActive = true;
    const faulted = await until(p, ERROR_RATE, (r) => (first(r) ?? 0) >= 0.45);
    expect(first(faulted)).toBeLessThanOrEqual(0.5);
    expect(evaluateSample(errorRateBelow1pct, faulted)).toMatchObject({ state: 'breached' });

    faultActive = false;
    const recovered = await until(p, ERROR_RATE, (r) => first(r) === 0);
    expect(evaluateSample(errorRateBelow1pct, recovered).state).toBe('met');
  });

  it('labels gauges per dependency and follows the fault state', async () => {
    const q = 'max(circuit_breaker_open{namespace="shop",service="api",dependency="postgresql"})';
    expect(first(await until(p, q, (r) => first(r) === 0))).toBe(0);
    faultActive = true;
    expect(first(await until(p, q, (r) => first(r) === 1))).toBe(1);
    faultActive = false;
    expect(first(await until(p, q, (r) => first(r) === 0))).toBe(0);
  });

  it('keeps services apart and follows set()', async () => {
    const web = 'sum(rate(http_requests_total{service="web",code="500"}[3s])) / sum(rate(http_requests_total{service="web"}[3s]))';
    const before = await until(p, web, (r) => Math.abs((first(r) ?? 0) - 0.2) < 1e-6);
    expect(first(before)).toBeCloseTo(0.2, 6);
    app.setForService('shop', 'web', { errorRatio: 0 });
    expect(first(await until(p, web, (r) => first(r) === 0))).toBe(0);
    expect(app.scrapes()).toBeGreaterThan(0);
  });

  it('exposes the whole catalog in the text format', async () => {
    const body = await (await fetch(app.url)).text();
    for (const name of [
      'http_requests_total{namespace="shop",service="api",code="500"}',
      'http_request_duration_seconds_bucket{namespace="shop",service="api",le="+Inf"}',
      'circuit_breaker_open{namespace="shop",service="api",dependency="postgresql"}',
      'fallback_active{namespace="shop",service="api",dependency="postgresql"}',
      'websocket_reconnect_duration_seconds{namespace="shop",service="api"}',
      'replication_divergence{namespace="shop",service="web"}',
      'writes_lost_total{namespace="shop",service="web"}',
    ]) {
      expect(body).toContain(name);
    }
  });
});
