// The seed's four experiments render exactly (SPEC §2, brief): deep equality on whole objects.
import { describe, expect, it } from 'vitest';
import { renderExperiment } from '../../../src/chaos-mesh/render.js';
import { validateAgainstCrd } from '../../support/crd-validator.js';
import { FILE, seedExperiments } from './build.js';
import { referenceViolations } from './reference-rules.js';

const RUN = 'k3x9q2ab';
const ctx = { runId: RUN, namespace: 'staging' };

function meta(name: string, namespace: string, line: number) {
  return {
    name: `${name}-${RUN}`,
    namespace,
    labels: { 'app.kubernetes.io/managed-by': 'chaos', 'chaos.run/run-id': RUN, 'chaos.run/experiment': name },
    annotations: { 'chaos.run/source-file': FILE, 'chaos.run/source-line': String(line) },
  };
}

const bySeedName = () => new Map(seedExperiments().map((e) => [e.name, e]));

describe('seed experiments', () => {
  it('api-latency-injection → NetworkChaos delay 500ms on 10% of app=api for 5m', () => {
    const exp = bySeedName().get('api-latency-injection')!;
    expect(renderExperiment(exp, ctx)).toEqual([
      {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'NetworkChaos',
        metadata: meta('api-latency-injection', 'staging', 3),
        spec: {
          action: 'delay',
          mode: 'fixed-percent',
          value: '10',
          selector: { namespaces: ['staging'], labelSelectors: { app: 'api' } },
          delay: { latency: '500ms', jitter: '0ms', correlation: '0' },
          duration: '5m',
        },
      },
    ]);
  });

  it('database-connection-failure → NetworkChaos loss 25% toward app=postgresql for 3m', () => {
    const exp = bySeedName().get('database-connection-failure')!;
    expect(renderExperiment(exp, ctx)).toEqual([
      {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'NetworkChaos',
        metadata: meta('database-connection-failure', 'staging', 15),
        spec: {
          action: 'loss',
          mode: 'all',
          selector: { namespaces: ['staging'], labelSelectors: { app: 'api' } },
          direction: 'to',
          target: { mode: 'all', selector: { namespaces: ['staging'], labelSelectors: { app: 'postgresql' } } },
          loss: { loss: '25', correlation: '0' },
          duration: '3m',
        },
      },
    ]);
  });

  it('redis-partition → NetworkChaos partition both ways between app=relay and app=redis for 2m', () => {
    const exp = bySeedName().get('redis-partition')!;
    expect(renderExperiment(exp, ctx)).toEqual([
      {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'NetworkChaos',
        metadata: meta('redis-partition', 'staging', 27),
        spec: {
          action: 'partition',
          mode: 'all',
          selector: { namespaces: ['staging'], labelSelectors: { app: 'relay' } },
          direction: 'both',
          target: { mode: 'all', selector: { namespaces: ['staging'], labelSelectors: { app: 'redis' } } },
          duration: '2m',
        },
      },
    ]);
  });

  it('pod-failure → PodChaos pod-kill of one app=api pod in materi-production, 10m', () => {
    const exp = bySeedName().get('pod-failure')!;
    expect(renderExperiment(exp, ctx)).toEqual([
      {
        apiVersion: 'chaos-mesh.org/v1alpha1',
        kind: 'PodChaos',
        metadata: meta('pod-failure', 'materi-production', 37),
        spec: {
          action: 'pod-kill',
          mode: 'fixed',
          value: '1',
          selector: { namespaces: ['materi-production'], labelSelectors: { app: 'api' } },
          duration: '10m',
        },
      },
    ]);
  });

  it('every seed object passes the CRD schema and the admission rules', () => {
    for (const exp of seedExperiments()) {
      for (const obj of renderExperiment(exp, ctx)) {
        expect(validateAgainstCrd(obj as unknown as Record<string, unknown>), exp.name).toEqual([]);
        expect(referenceViolations(obj), exp.name).toEqual([]);
      }
    }
  });
});
