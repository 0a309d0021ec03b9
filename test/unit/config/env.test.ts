// CHAOS_* variables override the file; bad values are usage errors.
import { describe, expect, it } from 'vitest';
import { applyEnv } from '../../../src/config/env.js';
import { parseConfigText } from '../../../src/config/parse.js';
import { UsageError } from '../../../src/errors.js';

const base = parseConfigText('c.yml', 'kubernetes: { context: staging, namespace: a }\nprometheus: { service: monitoring/prom:9090 }\ndefaults: { pollInterval: 10s }\n').config;

describe('applyEnv', () => {
  it('overrides url, context, namespace and poll interval without touching the input', () => {
    const out = applyEnv(base, { CHAOS_PROMETHEUS_URL: 'http://localhost:9090', CHAOS_CONTEXT: 'kind-chaos', CHAOS_NAMESPACE: 'b', CHAOS_POLL_INTERVAL: '2s' });
    expect(out.prometheus.url).toBe('http://localhost:9090');
    expect(out.prometheus.service).toBeUndefined();
    expect(out.kubernetes).toMatchObject({ context: 'kind-chaos', namespace: 'b' });
    expect(out.defaults.pollIntervalMs).toBe(2000);
    expect(base.kubernetes.context).toBe('staging');
    expect(base.prometheus.service).toBe('monitoring/prom:9090');
  });

  it('ignores unset and empty variables', () => {
    expect(applyEnv(base, { CHAOS_CONTEXT: '', CHAOS_NAMESPACE: undefined })).toEqual(base);
  });

  it('refuses bad values', () => {
    expect(() => applyEnv(base, { CHAOS_POLL_INTERVAL: '10' })).toThrow(UsageError);
    expect(() => applyEnv(base, { CHAOS_POLL_INTERVAL: '0s' })).toThrow('CHAOS_POLL_INTERVAL must be a duration');
    expect(() => applyEnv(base, { CHAOS_PROMETHEUS_URL: 'localhost:9090' })).toThrow('CHAOS_PROMETHEUS_URL must be an http:// or https:// URL');
    expect(() => applyEnv(base, { CHAOS_NAMESPACE: 'Prod' })).toThrow('CHAOS_NAMESPACE must be a namespace name');
  });
});
