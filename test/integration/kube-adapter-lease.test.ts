// The per-namespace run lock (coordination.k8s.io Lease "chaos-lock") against the fake API server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster } from '../../src/adapters/kubernetes/index.js';
import type { KubeCluster } from '../../src/adapters/kubernetes/index.js';
import { startFakeCluster } from '../fake-kube/index.js';
import { NS, rejection } from './kube-adapter-support.js';

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

const lockIn = (namespace: string) => fake.leases().find((l) => l.metadata.namespace === namespace && l.metadata.name === 'chaos-lock');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('run lock', () => {
  it('acquire, refuse a second run, renew, release', async () => {
    const lease = await cluster.acquireLease(NS, 'run-a', 60_000);
    expect(lease).toEqual({ namespace: NS, name: 'chaos-lock', holder: 'run-a' });
    const stored = lockIn(NS);
    expect(stored?.spec).toMatchObject({ holderIdentity: 'run-a', leaseDurationSeconds: 60 });
    expect(String(stored?.spec?.renewTime)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    const e = await rejection(cluster.acquireLease(NS, 'run-b', 60_000));
    expect(e.message).toMatch(new RegExp(`^namespace ${NS} is locked by run run-a \\(since .+, expires .+\\)$`));
    expect(e.hint).toMatch(/if that run crashed, its lock expires at/);
    expect(lockIn(NS)?.spec?.holderIdentity).toBe('run-a');

    const firstRenew = String(lockIn(NS)?.spec?.renewTime);
    await sleep(20);
    await cluster.renewLease(lease);
    expect(String(lockIn(NS)?.spec?.renewTime)).not.toBe(firstRenew);

    await cluster.releaseLease({ namespace: NS, name: 'chaos-lock', holder: 'run-b' });
    expect(lockIn(NS)?.spec?.holderIdentity).toBe('run-a');
    await cluster.releaseLease(lease);
    expect(lockIn(NS)).toBeUndefined();
    await cluster.releaseLease(lease);
  });

  it('the same run may take its own lock again (several experiments in one namespace)', async () => {
    const ns = 'team-lock-reentrant';
    fake.addPods(ns, { app: 'x' }, 1);
    const lease = await cluster.acquireLease(ns, 'run-c', 60_000);
    await cluster.acquireLease(ns, 'run-c', 60_000);
    expect(lockIn(ns)?.spec?.holderIdentity).toBe('run-c');
    await cluster.releaseLease(lease);
  });

  it('takes over a lock whose holder stopped renewing it (a crashed run)', async () => {
    const ns = 'team-lock-stale';
    fake.addPods(ns, { app: 'x' }, 1);
    await cluster.acquireLease(ns, 'crashed-run', 1_000);
    await sleep(1_500);
    const lease = await cluster.acquireLease(ns, 'run-d', 60_000);
    expect(lease.holder).toBe('run-d');
    expect(lockIn(ns)?.spec).toMatchObject({ holderIdentity: 'run-d', leaseTransitions: 1 });
  });

  it('renewing a lock another run has taken over fails loudly', async () => {
    const ns = 'team-lock-lost';
    fake.addPods(ns, { app: 'x' }, 1);
    const mine = await cluster.acquireLease(ns, 'slow-run', 1_000);
    await sleep(1_500);
    await cluster.acquireLease(ns, 'other-run', 60_000);
    const e = await rejection(cluster.renewLease(mine));
    expect(e.message).toContain('held by other-run');
  });
});
