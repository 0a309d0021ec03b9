// chaos cleanup with the built binary (issue 12 item 13): every object is tried and reported, a failed
// DELETE is exit 6, and --all spares the objects of a run that still holds its lease unless --force.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChaos } from './cli.js';
import { startFakeCluster, type FakeCluster } from '../fake-kube/index.js';
import { apply, clients, networkChaos, podChaos, rawRequest, NS } from '../fake-kube/test-clients.js';

let cluster: FakeCluster;
let dir: string;
beforeEach(async () => {
  cluster = await startFakeCluster();
  dir = mkdtempSync(join(tmpdir(), 'chaos-cleanup-'));
});
afterEach(() => cluster.close());

const RUN_ID = 'chaos.run/run-id';
const managed = (runId: string) => ({ 'app.kubernetes.io/managed-by': 'chaos', [RUN_ID]: runId });

/** Objects as a run labels them: one NetworkChaos and two PodChaos of run `runId`. */
async function leaveObjectsOf(runId: string): Promise<void> {
  const { objects } = clients(cluster);
  await apply(objects, networkChaos(`latency-${runId}`, {}, managed(runId)));
  for (const n of ['a', 'b']) {
    const pod = podChaos(`pods-${n}-${runId}`, { action: 'pod-failure', mode: 'one', selector: { labelSelectors: { app: 'api' } }, duration: '5m' });
    pod.metadata.labels = managed(runId);
    await apply(objects, pod);
  }
}

/** The Lease a live run holds on its namespace (holder = its run id), as src/adapters/kubernetes/lease.ts writes it. */
async function holdLease(runId: string, renewedAgoMs: number, durationSeconds: number): Promise<void> {
  const at = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  const body = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'chaos-lock', namespace: NS },
    spec: { holderIdentity: runId, leaseDurationSeconds: durationSeconds, acquireTime: at(Date.now() - renewedAgoMs), renewTime: at(Date.now() - renewedAgoMs) },
  };
  const r = await rawRequest(cluster, 'POST', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases`, { body: JSON.stringify(body), contentType: 'application/json' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

/** What is on the server now: kind/name of every chaos object, terminating ones included. */
const left = () => cluster.objects().map((o: any) => `${o.kind}/${o.metadata.name}`).sort();
const cleanup = (...args: string[]) => runChaos(['cleanup', ...args], { cwd: dir, env: { KUBECONFIG: cluster.kubeconfigPath } });

describe('chaos cleanup', () => {
  test('a DELETE that fails does not stop the others: each object is reported, exit 6, only that one is left', async () => {
    await leaveObjectsOf('r1aaaaaa');
    // NetworkChaos is listed (and was deleted) first; RBAC refuses exactly its DELETE.
    cluster.behaviour.rbacDeny = [{ verb: 'delete', resource: 'networkchaos' }];
    const r = await cleanup('--run-id', 'r1aaaaaa');
    expect(r.code, r.stdout + r.stderr).toBe(6);
    expect(r.stdout).toMatch(/^FAILED +networkchaos\/latency-r1aaaaaa -n materi-production: DELETE failed: .*forbidden/m);
    expect(r.stdout).toMatch(/^removed +podchaos\/pods-a-r1aaaaaa -n materi-production$/m);
    expect(r.stdout).toMatch(/^removed +podchaos\/pods-b-r1aaaaaa -n materi-production$/m);
    expect(r.stdout).toMatch(/✗ removed 2 objects of run r1aaaaaa; 1 could not be removed/);
    expect(r.stderr).toMatch(/hint: a fault may still be active/);
    expect(left()).toEqual(['NetworkChaos/latency-r1aaaaaa']);
  });

  test('a DELETE answered 500 once is retried; forbidden ones are reported with their reason, and the rest still go', async () => {
    await leaveObjectsOf('r2bbbbbb');
    cluster.behaviour.rbacDeny = [{ verb: 'delete', resource: 'podchaos' }];
    cluster.behaviour.failDeletes = 1; // the first DELETE (the NetworkChaos) fails once and is retried
    const r = await cleanup('--all', '-n', NS);
    expect(r.code, r.stdout + r.stderr).toBe(6);
    expect(r.stdout).toMatch(/^removed +networkchaos\/latency-r2bbbbbb/m);
    expect(r.stdout.match(/^FAILED +podchaos\/pods-[ab]-r2bbbbbb -n materi-production: DELETE failed: .*forbidden/gm)).toHaveLength(2);
    expect(left()).toEqual(['PodChaos/pods-a-r2bbbbbb', 'PodChaos/pods-b-r2bbbbbb']);
  });

  test('--all spares the objects of a run that holds a live lease (saying which run, until when); --force removes them', async () => {
    await leaveObjectsOf('livexxxx');
    await leaveObjectsOf('deadyyyy');
    await holdLease('livexxxx', 0, 300);
    const r = await cleanup('--all');
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout).toMatch(/^spared +networkchaos\/latency-livexxxx -n materi-production: run livexxxx is live \(it holds lease chaos-lock in materi-production until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\)$/m);
    expect(r.stdout.match(/^removed +.*deadyyyy/gm)).toHaveLength(3);
    expect(r.stdout).toMatch(/! removed 3 objects of chaos; 3 spared \(live runs; --force removes them\)/);
    expect(r.stderr).toMatch(/add --force/);
    expect(left()).toEqual(['NetworkChaos/latency-livexxxx', 'PodChaos/pods-a-livexxxx', 'PodChaos/pods-b-livexxxx']);

    const forced = await cleanup('--all', '--force');
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/✓ removed 3 objects of chaos$/m);
    expect(left()).toEqual([]);
  });

  test('an expired lease belongs to a crashed run: --all removes its objects (exit 0)', async () => {
    await leaveObjectsOf('crashedz');
    await holdLease('crashedz', 120_000, 60);
    const r = await cleanup('--all');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✓ removed 3 objects of chaos$/m);
    expect(left()).toEqual([]);
  });

  test('--force without --all is a usage error (exit 2), and nothing is touched', async () => {
    await leaveObjectsOf('r3cccccc');
    const r = await cleanup('--run-id', 'r3cccccc', '--force');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--force goes with --all/);
    expect(left()).toHaveLength(3);
  });
});
