// The seed's chaos/experiments.yml (shipped verbatim as experiments/materi.yml) parses to the model
// every later stage relies on: modes, values, windows, criteria ops/values/units/when.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/parse.js';
import { parseExperimentSources } from '../../../src/lifecycle/parse.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const { config } = parseConfigText('chaos.config.yml', readFileSync(join(ROOT, 'chaos.config.yml'), 'utf8'));
const { experiments, issues } = parseExperimentSources(
  [{ file: 'experiments/materi.yml', text: readFileSync(join(ROOT, 'experiments', 'materi.yml'), 'utf8') }],
  config,
);
const byName = (name: string) => {
  const e = experiments.find((x) => x.name === name);
  if (!e) throw new Error(`no experiment ${name}`);
  return e;
};
const pick = (c: { label: string; op: string; value: number; unit?: string | undefined; when: string; aggregate: string; builtin?: string | undefined }) =>
  ({ label: c.label, op: c.op, value: c.value, unit: c.unit, when: c.when, aggregate: c.aggregate, builtin: c.builtin });

describe('the seed experiments', () => {
  it('parse without issues, in order', () => {
    expect(issues).toEqual([]);
    expect(experiments.map((e) => e.name)).toEqual(['api-latency-injection', 'database-connection-failure', 'redis-partition', 'pod-failure']);
  });

  it('api-latency-injection: 500ms delay on 10% of app=api pods for 5m', () => {
    const e = byName('api-latency-injection');
    expect(e.description).toBe('Inject latency into API responses');
    expect(e.target).toMatchObject({ service: 'api', selector: { matchLabels: { app: 'api' }, matchExpressions: [] }, mode: 'fixed-percent', value: '10' });
    expect(e.target.namespace).toBeUndefined();
    expect(e.dependency).toBeUndefined();
    expect(e.fault).toEqual({ type: 'latency', latency: '500ms' });
    expect(e.durationMs).toBe(5 * 60_000);
    expect(e.faultDurationMs).toBeUndefined();
    expect(e.criteria.map(pick)).toEqual([
      { label: 'error_rate < 0.01', op: '<', value: 0.01, unit: 'ratio', when: 'always', aggregate: 'max', builtin: undefined },
      { label: 'p95_latency < 600ms', op: '<', value: 0.6, unit: 'seconds', when: 'always', aggregate: 'max', builtin: undefined },
    ]);
    expect(e.criteria[0]?.query).toContain('http_requests_total{namespace="{{namespace}}",service="{{service}}",code=~"5.."}');
    expect(e.criteria.map((c) => c.source)).toEqual([
      { file: 'experiments/materi.yml', line: 14, col: 9 },
      { file: 'experiments/materi.yml', line: 15, col: 9 },
    ]);
  });

  it('database-connection-failure: 25% loss toward postgresql for 3m, judged by breaker and fallback', () => {
    const e = byName('database-connection-failure');
    expect(e.target).toMatchObject({ service: 'api', mode: 'all' });
    expect(e.target.value).toBeUndefined();
    expect(e.dependency).toEqual({ kind: 'pods', service: 'postgresql', namespace: undefined, selector: { matchLabels: { app: 'postgresql' }, matchExpressions: [] } });
    expect(e.fault).toEqual({ type: 'connection_failure', loss: '25' });
    expect(e.durationMs).toBe(3 * 60_000);
    expect(e.criteria.map(pick)).toEqual([
      { label: 'circuit_breaker_triggered: true', op: '!=', value: 0, unit: 'bool', when: 'eventually', aggregate: 'every', builtin: undefined },
      { label: 'fallback_activated: true', op: '!=', value: 0, unit: 'bool', when: 'eventually', aggregate: 'every', builtin: undefined },
    ]);
    expect(e.criteria[0]?.query).toBe('max(circuit_breaker_open{namespace="{{namespace}}",service="{{service}}",dependency="{{dependency}}"})');
  });

  it('redis-partition: relay cut off from redis both ways; fault.duration 2m is the window', () => {
    const e = byName('redis-partition');
    expect(e.target).toMatchObject({ service: 'relay', mode: 'all', selector: { matchLabels: { app: 'relay' } } });
    expect(e.dependency).toMatchObject({ kind: 'pods', service: 'redis' });
    expect(e.fault).toEqual({ type: 'network_partition', direction: 'both' });
    expect(e.durationMs).toBe(2 * 60_000);
    expect(e.faultDurationMs).toBe(2 * 60_000);
    expect(e.criteria.map(pick)).toEqual([
      { label: 'websocket_reconnection < 5s', op: '<', value: 5, unit: 'seconds', when: 'end', aggregate: 'max', builtin: undefined },
      { label: 'data_consistency: eventual', op: '!=', value: 0, unit: 'bool', when: 'end', aggregate: 'every', builtin: undefined },
    ]);
    expect(e.criteria[1]?.query).toBe('max(replication_divergence{namespace="{{namespace}}",service="{{service}}"}) == bool 0');
  });

  it('pod-failure: kill one app=api pod in materi-production, observe 10m', () => {
    const e = byName('pod-failure');
    expect(e.target).toEqual({ namespace: 'materi-production', service: 'api', selector: { matchLabels: { app: 'api' }, matchExpressions: [] }, mode: 'fixed', value: '1' });
    expect(e.fault).toEqual({ type: 'pod_kill' });
    expect(e.durationMs).toBe(10 * 60_000);
    expect(e.criteria.map(pick)).toEqual([
      { label: 'recovery_time < 30s', op: '<', value: 30, unit: 'seconds', when: 'end', aggregate: 'max', builtin: 'recovery_time' },
      { label: 'no_data_loss: true', op: '!=', value: 0, unit: 'bool', when: 'end', aggregate: 'every', builtin: undefined },
    ]);
    expect(e.criteria[0]?.query).toBeUndefined();
    expect(e.criteria[1]?.query).toContain('[{{window}}]');
  });

  it('records where each experiment starts and has no hooks by default', () => {
    expect(experiments.map((e) => e.source.line)).toEqual([4, 17, 30, 42]);
    for (const e of experiments) expect(e.hooks).toEqual({ before: [], during: [], after: [] });
  });
});
