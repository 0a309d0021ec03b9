// Shared helpers for the Kubernetes adapter tests (against the fake API server in test/fake-kube).
import { expect } from 'vitest';
import { CHAOS_API_VERSION, LABELS, MANAGED_BY_VALUE, ANNOTATIONS } from '../../src/chaos-mesh/types.js';
import type { ChaosObject } from '../../src/chaos-mesh/types.js';
import { EnvironmentError } from '../../src/errors.js';

export const NS = 'materi-production';

let seq = 0;
/** A unique, CRD-valid NetworkChaos (delay) aimed at app=api. */
export function networkDelay(opts: { namespace?: string; runId?: string; latency?: string; name?: string } = {}): ChaosObject {
  seq += 1;
  const namespace = opts.namespace ?? NS;
  const runId = opts.runId ?? `r${Date.now().toString(36)}${seq}`;
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'NetworkChaos',
    metadata: {
      name: opts.name ?? `api-latency-${runId}`,
      namespace,
      labels: { [LABELS.managedBy]: MANAGED_BY_VALUE, [LABELS.runId]: runId, [LABELS.experiment]: 'api-latency' },
      annotations: { [ANNOTATIONS.sourceFile]: 'chaos/experiments.yml', [ANNOTATIONS.sourceLine]: '3' },
    },
    spec: {
      action: 'delay',
      mode: 'all',
      selector: { namespaces: [namespace], labelSelectors: { app: 'api' } },
      delay: { latency: opts.latency ?? '500ms' },
      duration: '5m',
    },
  };
}

export function podKill(opts: { namespace: string; runId: string; app: string }): ChaosObject {
  return {
    apiVersion: CHAOS_API_VERSION,
    kind: 'PodChaos',
    metadata: {
      name: `pod-kill-${opts.runId}`,
      namespace: opts.namespace,
      labels: { [LABELS.managedBy]: MANAGED_BY_VALUE, [LABELS.runId]: opts.runId, [LABELS.experiment]: 'pod-kill' },
      annotations: {},
    },
    spec: { action: 'pod-kill', mode: 'one', selector: { namespaces: [opts.namespace], labelSelectors: { app: opts.app } } },
  };
}

export async function rejection(p: Promise<unknown>): Promise<EnvironmentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EnvironmentError);
  return e as EnvironmentError;
}
