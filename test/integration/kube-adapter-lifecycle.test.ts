// The Kubernetes adapter against the fake API server and its simulated Chaos Mesh controller:
// confirming injection, deleting (with retries) and waiting until the object is gone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectCluster } from '../../src/adapters/kubernetes/index.js';
import type { KubeCluster } from '../../src/adapters/kubernetes/index.js';
import { refOf } from '../../src/chaos-mesh/types.js';
import { startFakeCluster, waitUntil } from '../fake-kube/index.js';
import { DEFAULT_BEHAVIOUR } from '../fake-kube/behaviour.js';
import { NS, networkDelay, rejection } from './kube-adapter-support.js';

type Fake = Awaited<ReturnType<typeof startFakeCluster>>;
let fake: Fake;
let cluster: KubeCluster;

beforeAll(async () => {
  fake = await startFakeCluster();
  cluster = await connectCluster({ kubeconfig: fake.kubeconfigPath, env: {} });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  Object.assign(fake.behaviour, DEFAULT_BEHAVIOUR);
});

const stored = (name: string) => fake.objects('NetworkChaos').find((o) => o.metadata.name === name);
const objectPath = (name: string) => `/apis/chaos-mesh.org/v1alpha1/namespaces/${NS}/networkchaos/${name}`;

describe('waitForInjection', () => {
  it('resolves once Selected and AllInjected are True, by watching rather than polling', async () => {
    fake.behaviour.injectDelayMs = 300;
    const obj = networkDelay();
    const ref = await cluster.apply(obj);
    const outcome = await cluster.waitForInjection(ref, { timeoutMs: 10_000 });
    expect(outcome.ok).toBe(true);
    expect(outcome.status).toMatchObject({ selected: true, allInjected: true });
    const conditions = (stored(obj.metadata.name)?.status?.conditions ?? []) as { type: string; status: string }[];
    expect(conditions.find((c) => c.type === 'AllInjected')?.status).toBe('True');
    const watches = fake.requests({ method: 'GET', path: `/apis/chaos-mesh.org/v1alpha1/namespaces/${NS}/networkchaos`, query: { watch: 'true' } });
    expect(watches.some((w) => w.query.fieldSelector === `metadata.name=${obj.metadata.name}`)).toBe(true);
    expect(fake.requests({ method: 'GET', path: objectPath(obj.metadata.name) }).length).toBeLessThanOrEqual(2);
  });

  it('times out with the controller\'s "no pod is selected" event when nothing is selected', async () => {
    fake.behaviour.injection = 'select-nothing';
    const ref = await cluster.apply(networkDelay());
    const outcome = await cluster.waitForInjection(ref, { timeoutMs: 1_500 });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toBe('timeout');
    expect(outcome.status?.selected).toBe(false);
    expect(outcome.status?.failures.join('\n')).toContain('no pod is selected');
  });

  it('times out when pods are selected but never injected', async () => {
    fake.behaviour.injection = 'never';
    const ref = await cluster.apply(networkDelay());
    const outcome = await cluster.waitForInjection(ref, { timeoutMs: 1_500 });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout', status: { selected: true, allInjected: false } });
  });

  it('reports an object that does not exist as gone', async () => {
    const ref = refOf(networkDelay());
    expect(await cluster.waitForInjection(ref, { timeoutMs: 2_000 })).toMatchObject({ ok: false, reason: 'gone' });
  });

  it('rejects with the abort reason when the signal fires', async () => {
    fake.behaviour.injection = 'never';
    const ref = await cluster.apply(networkDelay());
    const ac = new AbortController();
    const waiting = cluster.waitForInjection(ref, { timeoutMs: 30_000, signal: ac.signal });
    setTimeout(() => ac.abort(new Error('interrupted by test')), 200);
    await expect(waiting).rejects.toThrow('interrupted by test');
  });
});

describe('delete and waitForGone', () => {
  it('deletes, then sees the object disappear once Chaos Mesh recovered it', async () => {
    const obj = networkDelay();
    const ref = await cluster.apply(obj);
    await cluster.waitForInjection(ref, { timeoutMs: 10_000 });
    await cluster.delete(ref);
    expect(await cluster.waitForGone(ref, { timeoutMs: 10_000 })).toBe(true);
    expect(stored(obj.metadata.name)).toBeUndefined();
    expect(fake.requests({ method: 'DELETE', path: objectPath(obj.metadata.name) })).toHaveLength(1);
  });

  it('treats an object that is already gone as deleted', async () => {
    const ref = refOf(networkDelay());
    await cluster.delete(ref);
    expect(await cluster.waitForGone(ref, { timeoutMs: 1_000 })).toBe(true);
  });

  it('retries DELETE through 500s', async () => {
    const obj = networkDelay();
    const ref = await cluster.apply(obj);
    fake.behaviour.failDeletes = 2;
    await cluster.delete(ref);
    const deletes = fake.requests({ method: 'DELETE', path: objectPath(obj.metadata.name) });
    expect(deletes.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(await cluster.waitForGone(ref, { timeoutMs: 10_000 })).toBe(true);
  });

  it('returns false at the deadline when the object hangs in Terminating', async () => {
    fake.behaviour.deleteMode = 'hang';
    const obj = networkDelay();
    const ref = await cluster.apply(obj);
    // Chaos Mesh adds its finalizer asynchronously; only then does a delete leave the object Terminating.
    await waitUntil(() => stored(obj.metadata.name)?.metadata.finalizers?.length, 'the chaos-mesh/records finalizer');
    await cluster.delete(ref);
    expect(await cluster.waitForGone(ref, { timeoutMs: 1_000 })).toBe(false);
    expect(stored(obj.metadata.name)?.metadata.deletionTimestamp).toBeDefined();
  });

  it('a forbidden DELETE is an EnvironmentError naming the verb and is not retried', async () => {
    const obj = networkDelay();
    const ref = await cluster.apply(obj);
    fake.behaviour.rbacDeny = true;
    const e = await rejection(cluster.delete(ref));
    expect(e.message).toContain('may not delete networkchaos.chaos-mesh.org');
    expect(e.message).toContain(obj.metadata.name);
    expect(fake.requests({ method: 'DELETE', path: objectPath(obj.metadata.name) })).toHaveLength(1);
  });
});
