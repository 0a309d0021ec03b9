// Every fault type renders a CRD-valid object that keeps chaos's own rules (reference-rules.ts); Chaos Mesh's
// webhook code judges the same table in test/oracle/shipped.test.ts.
import { describe, expect, it } from 'vitest';
import { renderExperiment, renderers } from '../../../src/chaos-mesh/render.js';
import type { Dependency, Experiment, FaultType } from '../../../src/experiment/model.js';
import { validateAgainstCrd } from '../../support/crd-validator.js';
import { FAULTS, experiment, faultTypes, labels, podsDependency, service } from './build.js';
import { referenceViolations } from './reference-rules.js';

const ctx = { runId: 'a1b2c3d4', namespace: 'shop' };
const NETWORK: FaultType[] = ['latency', 'connection_failure', 'network_partition', 'packet_loss', 'corrupt', 'duplicate', 'bandwidth'];
const DEPENDENCIES: Array<[string, Dependency | undefined]> = [
  ['no dependency', undefined],
  ['a pod dependency', podsDependency('postgresql', 'data')],
  ['an external dependency', { kind: 'external', hosts: ['api.stripe.com', '10.0.0.0/8:443'] }],
];

function only(exp: Experiment) {
  const objs = renderExperiment(exp, ctx);
  expect(objs).toHaveLength(1);
  return objs[0]!;
}

describe('renderExperiment: every fault type', () => {
  it('the renderer table covers exactly the fault types of the model', () => {
    expect(Object.keys(renderers).sort()).toEqual(faultTypes().sort());
  });

  for (const type of faultTypes()) {
    const deps = NETWORK.includes(type) ? DEPENDENCIES : DEPENDENCIES.slice(0, 1);
    for (const [what, dependency] of deps) {
      it(`${type} with ${what}: CRD-valid, admission rules hold`, () => {
        const obj = only(experiment(`x-${type.replace(/_/g, '-')}`, FAULTS[type], { dependency }));
        expect(validateAgainstCrd(obj as unknown as Record<string, unknown>)).toEqual([]);
        expect(referenceViolations(obj)).toEqual([]);
      });
    }
  }

  it('a minimal fault of each type (no optional parameters) is CRD-valid too', () => {
    const minimal: Experiment[] = [
      experiment('a', { type: 'latency', latency: '1s' }),
      experiment('b', { type: 'bandwidth', rate: '10mbit', limit: 1000, buffer: 1000, peakrate: 5 }),
      experiment('c', { type: 'cpu_stress', workers: 1 }),
      experiment('d', { type: 'http_abort', port: 80, target: 'Request' }),
      experiment('e', { type: 'io_fault', volumePath: '/v', errno: 28 }),
      experiment('f', { type: 'dns_error' }),
      experiment('g', { type: 'time_skew', offset: '1h' }),
    ];
    for (const exp of minimal) {
      const obj = only(exp);
      expect(validateAgainstCrd(obj as unknown as Record<string, unknown>), exp.name).toEqual([]);
      expect(referenceViolations(obj), exp.name).toEqual([]);
    }
  });
});

describe('renderExperiment: fault parameters', () => {
  it('latency toward a dependency: direction to, target selector in the dependency namespace, mode all', () => {
    const spec = only(experiment('lat', FAULTS.latency, { dependency: podsDependency('postgresql', 'data') })).spec;
    expect(spec.action).toBe('delay');
    expect(spec.delay).toEqual({ latency: '250ms', jitter: '10ms', correlation: '25' });
    expect(spec.direction).toBe('to');
    expect(spec.target).toEqual({ mode: 'all', selector: { namespaces: ['data'], labelSelectors: { app: 'postgresql' } } });
  });

  it('external hosts become externalTargets with direction to for tc actions, no target', () => {
    const hosts = ['api.stripe.com', '10.0.0.0/8:443'];
    for (const type of ['latency', 'connection_failure', 'packet_loss', 'bandwidth'] as const) {
      const spec = only(experiment('ext', FAULTS[type], { dependency: { kind: 'external', hosts } })).spec;
      expect(spec.externalTargets, type).toEqual(hosts);
      expect(spec.direction, type).toBe('to');
      expect(spec.target, type).toBeUndefined();
    }
  });

  it('a partition keeps its own direction, also with external hosts', () => {
    const spec = only(
      experiment('part', { type: 'network_partition', direction: 'both' }, { dependency: { kind: 'external', hosts: ['1.2.3.4'] } }),
    ).spec;
    expect(spec).toMatchObject({ action: 'partition', direction: 'both', externalTargets: ['1.2.3.4'] });
  });

  it('never emits an empty externalTargets list', () => {
    const spec = only(experiment('ext', FAULTS.latency, { dependency: { kind: 'external', hosts: [] } })).spec;
    expect('externalTargets' in spec).toBe(false);
  });

  it('bandwidth: peakrate/minburst only as a pair', () => {
    const withPair = only(experiment('bw', FAULTS.bandwidth)).spec.bandwidth;
    expect(withPair).toEqual({ rate: '1mbit', limit: 20_971_520, buffer: 10_000, peakrate: 2_000_000, minburst: 1_500 });
    const half = only(experiment('bw', { type: 'bandwidth', rate: '1mbit', limit: 100, buffer: 200, peakrate: 5 })).spec.bandwidth;
    expect(half).toEqual({ rate: '1mbit', limit: 100, buffer: 200 });
  });

  it('pod faults: grace period, pod-failure, container-kill with containerNames', () => {
    expect(only(experiment('k', FAULTS.pod_kill)).spec).toMatchObject({ action: 'pod-kill', gracePeriod: 5 });
    expect(only(experiment('k', { type: 'pod_kill' })).spec).not.toHaveProperty('gracePeriod');
    expect(only(experiment('f', FAULTS.pod_failure)).spec).toMatchObject({ action: 'pod-failure' });
    const kill = only(experiment('c', FAULTS.container_kill));
    expect(kill.kind).toBe('PodChaos');
    expect(kill.spec).toMatchObject({ action: 'container-kill', containerNames: ['api', 'sidecar'] });
  });

  it('stress, http, io, dns and time parameters land in their Chaos Mesh fields', () => {
    expect(only(experiment('s', FAULTS.cpu_stress)).spec).toMatchObject({ containerNames: ['api'], stressors: { cpu: { workers: 2, load: 80 } } });
    expect(only(experiment('m', FAULTS.memory_stress)).spec).toMatchObject({ stressors: { memory: { workers: 1, size: '256MB' } } });
    expect(only(experiment('h', FAULTS.http_abort)).spec).toMatchObject({ target: 'Request', port: 8080, path: '/api/*', method: 'GET', code: 200, abort: true });
    const delay = only(experiment('h', FAULTS.http_delay)).spec;
    expect(delay).toMatchObject({ target: 'Response', delay: '2s' });
    expect(delay).not.toHaveProperty('abort');
    expect(only(experiment('i', FAULTS.io_latency)).spec).toMatchObject({ action: 'latency', volumePath: '/data', delay: '100ms', percent: 50, methods: ['read', 'write'], containerNames: ['db'] });
    expect(only(experiment('i', FAULTS.io_fault)).spec).toMatchObject({ action: 'fault', errno: 5 });
    expect(only(experiment('d', FAULTS.dns_error)).spec).toMatchObject({ action: 'error', patterns: ['google.com', 'chaos-mesh.*'] });
    expect(only(experiment('d', FAULTS.dns_random)).spec).toMatchObject({ action: 'random' });
    expect(only(experiment('t', FAULTS.time_skew)).spec).toMatchObject({ timeOffset: '-10m', clockIds: ['CLOCK_REALTIME'], containerNames: ['api'] });
  });
});

describe('renderExperiment: selection, duration, metadata', () => {
  it('expression selectors are kept; Exists carries no values; value is omitted for mode all', () => {
    const target = {
      selector: labels({ app: 'api' }, [
        { key: 'tier', operator: 'NotIn' as const, values: ['canary'] },
        { key: 'track', operator: 'Exists' as const, values: [] },
      ]),
      mode: 'all' as const,
      value: '3',
    };
    const obj = only(experiment('sel', FAULTS.pod_failure, { target }));
    expect(obj.spec.selector).toEqual({
      namespaces: ['shop'],
      labelSelectors: { app: 'api' },
      expressionSelectors: [{ key: 'tier', operator: 'NotIn', values: ['canary'] }, { key: 'track', operator: 'Exists' }],
    });
    expect(obj.spec).not.toHaveProperty('value');
    expect(validateAgainstCrd(obj as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('target.namespace wins over the context namespace for the object and the selector', () => {
    const obj = only(experiment('ns', FAULTS.pod_failure, { target: service('api', { namespace: 'prod' }) }));
    expect(obj.metadata.namespace).toBe('prod');
    expect(obj.spec.selector).toMatchObject({ namespaces: ['prod'] });
  });

  it('a pod dependency without a namespace is looked up in the target namespace', () => {
    const obj = only(experiment('dep', FAULTS.latency, { target: service('api', { namespace: 'prod' }), dependency: podsDependency('redis') }));
    expect(obj.spec.target).toMatchObject({ selector: { namespaces: ['prod'] } });
  });

  it('spec.duration is the fault window when set, else the experiment window, as a Go duration', () => {
    expect(only(experiment('d', FAULTS.pod_failure, { durationMs: 90_000 })).spec.duration).toBe('1m30s');
    expect(only(experiment('d', FAULTS.network_partition, { durationMs: 600_000, faultDurationMs: 45_000 })).spec.duration).toBe('45s');
  });

  it('refuses to render a zero window (Chaos Mesh would read it as "forever")', () => {
    expect(() => renderExperiment(experiment('z', FAULTS.pod_failure, { durationMs: 0 }), ctx)).toThrow(/positive/);
  });

  it('labels and annotations identify the run, the experiment and its source', () => {
    const obj = only(experiment('meta', FAULTS.pod_failure, { source: { file: 'x/y.yml', line: 42, col: 3 } }));
    expect(obj.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'chaos', 'chaos.run/run-id': 'a1b2c3d4', 'chaos.run/experiment': 'meta' });
    expect(obj.metadata.annotations).toEqual({ 'chaos.run/source-file': 'x/y.yml', 'chaos.run/source-line': '42' });
    expect(obj.metadata.name).toBe('meta-a1b2c3d4');
  });

  it('long names are shortened to 63 chars, stay DNS-1123, and stay distinct', () => {
    const base = 'a-very-long-experiment-name-that-goes-on-and-on-and-on-x';
    const names = [`${base}1`, `${base}2`, 'b'.repeat(63)].map((n) => only(experiment(n, FAULTS.pod_failure)).metadata.name);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(63);
      expect(n).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(n.endsWith('-a1b2c3d4')).toBe(true);
    }
    expect(new Set(names).size).toBe(3);
  });

  it('is pure: the same input renders the same output and the manifest shares no arrays with the experiment', () => {
    const exp = experiment('p', FAULTS.container_kill, { dependency: podsDependency('db') });
    const a = only(exp);
    expect(only(exp)).toEqual(a);
    (a.spec.containerNames as string[]).push('mutated');
    expect(FAULTS.container_kill.containers).toEqual(['api', 'sidecar']);
  });
});
