// The real control plane of scripts/test-cluster.sh: a real kube-apiserver validates and stores, real
// controllers replace killed pods, Chaos Mesh's own admission webhook (upstream code) defaults and validates
// every chaos object, and the simulated Chaos Mesh drives chaos objects as a client.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runChaos } from '../e2e/cli.js';
import { DEFAULT_SIM_BEHAVIOUR, startRealCluster, waitFor, type RealCluster } from '../support/real-cluster.js';
import { apply, condition, deleteAndExpectNothingLeft, getChaos, isReady, networkDelay, NS, podChaos, podsOf } from '../support/real-cluster-chaos.js';

let cluster: RealCluster;
// a cold start builds kube-apiserver & co. (and the webhook) from source first (.ci/run does it before the tests)
beforeAll(async () => {
  cluster = await startRealCluster({ chaosMeshWebhook: true });
}, 60 * 60_000);
afterAll(async () => cluster?.close(), 60_000);

test('the API server is ready and is a real kube-apiserver', async () => {
  const readyz = await cluster.kubectl(['get', '--raw', '/readyz']);
  expect(readyz.code).toBe(0);
  expect(readyz.stdout).toBe('ok');
  const version = await cluster.kubectlJson(['version']);
  expect(version.serverVersion.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
});

test('materi-production has Ready pods of api ×3, relay ×2, postgresql ×1, redis ×1, run by ReplicaSets', async () => {
  const pods = (await cluster.kubectlJson(['get', 'pods', '-n', NS])).items;
  const ready = pods.filter(isReady);
  const count: Record<string, number> = {};
  for (const p of ready) count[p.metadata.labels.app] = (count[p.metadata.labels.app] ?? 0) + 1;
  expect(count).toEqual({ api: 3, relay: 2, postgresql: 1, redis: 1 });
  for (const p of ready) {
    expect(p.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'ReplicaSet', controller: true })]);
    expect(p.spec.nodeName).toMatch(/^fake-node-\d$/);
    expect(p.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
  }
});

test("the real API server accepts every run --dry-run manifest (CRD structural validation and Chaos Mesh's webhook) and rejects a bad one", async () => {
  const examples = readdirSync(join(ROOT, 'experiments')).filter((f) => f.endsWith('.yml')).map((f) => `experiments/${f}`);
  const dry = await runChaos(['run', '--dry-run', ...examples]);
  expect(dry.code).toBe(0);
  const documents = dry.stdout.split(/^---$/m).filter((d) => d.trim() !== '').length;
  const r = await cluster.kubectl(['apply', '--server-side', '--dry-run=server', '--field-manager', 'chaos', '-f', '-'], dry.stdout);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(documents);
  for (const l of lines) expect(l).toMatch(/^\w+\.chaos-mesh\.org\/\S+ serverside-applied \(server dry run\)$/);

  const bad = await cluster.kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], networkDelay('bad').replace('mode: all', 'mode: sometimes'));
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('spec.mode: Unsupported value: "sometimes"');
  expect(await cluster.listChaosObjects()).toEqual([]);
});

test('a NetworkChaos gets the finalizer, its records and AllInjected=True from the simulated Chaos Mesh', async () => {
  await apply(cluster, networkDelay('net-delay'));
  let obj: any;
  await waitFor('NetworkChaos AllInjected=True', async () => condition((obj = await getChaos(cluster, 'networkchaos', 'net-delay')), 'AllInjected') === 'True');
  expect(obj.metadata.finalizers).toEqual(['chaos-mesh/records']);
  expect(condition(obj, 'Selected')).toBe('True');
  expect(obj.status.experiment.desiredPhase).toBe('Run');
  const apiPods = (await podsOf(cluster, 'api')).map((p) => `${NS}/${p.metadata.name}`).sort();
  expect(obj.status.experiment.containerRecords.map((r: any) => r.id).sort()).toEqual(apiPods);
  expect(obj.status.experiment.containerRecords.every((r: any) => r.phase === 'Injected')).toBe(true);
  const events = await cluster.kubectlJson(['get', 'events', '-n', NS, '--field-selector', 'involvedObject.name=net-delay']);
  expect(events.items.map((e: any) => e.reason)).toEqual(expect.arrayContaining(['FinalizerInited', 'Started', 'Applied']));
  await deleteAndExpectNothingLeft(cluster, 'networkchaos', 'net-delay');
});

test('a PodChaos pod-kill deletes a pod and the ReplicaSet controller replaces it with a new Ready pod', async () => {
  const before = new Set((await podsOf(cluster, 'api')).map((p) => p.metadata.uid));
  expect(before.size).toBe(3);
  await apply(cluster, podChaos('kill-one-api', 'pod-kill', 'api'));
  let killed: string | undefined;
  await waitFor('pod-kill to be injected', async () => {
    const o = await getChaos(cluster, 'podchaos', 'kill-one-api');
    killed = o?.status?.experiment?.containerRecords?.[0]?.phase === 'Injected' ? o.status.experiment.containerRecords[0].id : undefined;
    return killed !== undefined;
  });
  let after: any[] = [];
  await waitFor('three Ready api pods again, one of them new', async () => {
    after = (await podsOf(cluster, 'api')).filter(isReady);
    return after.length === 3 && after.some((p) => !before.has(p.metadata.uid));
  }, 60_000);
  expect(after.map((p) => `${NS}/${p.metadata.name}`)).not.toContain(killed);
  expect(after.filter((p) => !before.has(p.metadata.uid))).toHaveLength(1);
  await deleteAndExpectNothingLeft(cluster, 'podchaos', 'kill-one-api');
});

test('injection=never keeps AllInjected False with a Warning; deleteMode=hang keeps a deleted object Terminating', async () => {
  await cluster.setSimBehaviour({ injection: 'never', deleteMode: 'hang' });
  try {
    await apply(cluster, networkDelay('never-injected'));
    await waitFor('the Warning "Failed to apply chaos"', async () => {
      const ev = await cluster.kubectlJson(['get', 'events', '-n', NS, '--field-selector', 'involvedObject.name=never-injected,type=Warning']);
      return ev.items.some((e: any) => e.message.startsWith('Failed to apply chaos'));
    });
    const obj = await getChaos(cluster, 'networkchaos', 'never-injected');
    expect(condition(obj, 'Selected')).toBe('True');
    expect(condition(obj, 'AllInjected')).toBe('False');
    expect(obj.status.experiment.containerRecords.map((r: any) => r.phase)).toEqual(['Not Injected', 'Not Injected', 'Not Injected']);

    const del = await cluster.kubectl(['delete', 'networkchaos.chaos-mesh.org', 'never-injected', '-n', NS, '--wait=false']);
    expect(del.code).toBe(0);
    await waitFor('desiredPhase Stop after the delete', async () => (await getChaos(cluster, 'networkchaos', 'never-injected'))?.status.experiment.desiredPhase === 'Stop');
    const stuck = await cluster.listChaosObjects();
    expect(stuck).toHaveLength(1);
    expect(stuck[0].metadata.deletionTimestamp).toBeDefined();
    expect(stuck[0].metadata.finalizers).toEqual(['chaos-mesh/records']);
    // Chaos Mesh's documented way out of a stuck delete
    const forced = await cluster.kubectl(['annotate', '-n', NS, 'networkchaos.chaos-mesh.org', 'never-injected', 'chaos-mesh.chaos-mesh.org/cleanFinalizer=forced']);
    expect(forced.code).toBe(0);
    await waitFor('the forced object to be gone', async () => (await cluster.listChaosObjects()).length === 0);
    expect(await cluster.listChaosObjects()).toEqual([]);
  } finally {
    await cluster.setSimBehaviour(DEFAULT_SIM_BEHAVIOUR);
  }
});
