// The Kubernetes adapter against the fake API server: discovery, pods, RBAC, server-side apply, listing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectCluster } from '../../src/adapters/kubernetes/index.js';
import type { KubeCluster } from '../../src/adapters/kubernetes/index.js';
import { LABELS } from '../../src/chaos-mesh/types.js';
import { startFakeCluster } from '../fake-kube/index.js';
import { DEFAULT_BEHAVIOUR } from '../fake-kube/behaviour.js';
import { NS, networkDelay, podKill, rejection } from './kube-adapter-support.js';

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

const sel = (matchLabels: Record<string, string>, matchExpressions: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values: string[] }[] = []) => ({
  matchLabels,
  matchExpressions,
});

describe('connection and discovery', () => {
  it('info() describes the fake cluster from its kubeconfig', () => {
    const info = cluster.info();
    expect(info.server).toBe(fake.url);
    expect(info.namespace).toBe(NS);
    expect(info.context).not.toBe('');
  });

  it('checkChaosKinds accepts the served kinds and names a missing one', async () => {
    await cluster.checkChaosKinds(['NetworkChaos', 'PodChaos', 'StressChaos', 'HTTPChaos', 'IOChaos', 'DNSChaos', 'TimeChaos']);
    const e = await rejection(cluster.checkChaosKinds(['NetworkChaos', 'BogusChaos']));
    expect(e.message).toContain('BogusChaos');
    expect(e.message).not.toContain('NetworkChaos');
  });

  it('checkChaosKinds says "is Chaos Mesh installed?" when the group is not served, even after earlier success', async () => {
    fake.behaviour.noCrds = true;
    const e = await rejection(cluster.checkChaosKinds(['NetworkChaos']));
    expect(e.message).toBe(`Chaos Mesh CRDs not found (NetworkChaos) on ${fake.url}`);
    expect(e.hint).toMatch(/is Chaos Mesh installed\?.*helm install chaos-mesh/);
  });

  it('namespaceExists', async () => {
    expect(await cluster.namespaceExists(NS)).toBe(true);
    expect(await cluster.namespaceExists('no-such-namespace')).toBe(false);
  });
});

describe('countPods', () => {
  it('counts matching pods and only Ready ones as ready', async () => {
    const before = await cluster.countPods(NS, sel({ app: 'api' }));
    expect(before.total).toBe(3);
    expect(before.ready).toBe(3);
    const [first] = before.names;
    fake.setPodReady(NS, first!, false);
    try {
      const after = await cluster.countPods(NS, sel({ app: 'api' }));
      expect(after.total).toBe(3);
      expect(after.ready).toBe(2);
    } finally {
      fake.setPodReady(NS, first!, true);
    }
  });

  it('sends set-based expressions as a label selector', async () => {
    const both = await cluster.countPods(NS, sel({}, [{ key: 'app', operator: 'In', values: ['api', 'relay'] }]));
    expect(both.total).toBe(5);
    const notApi = await cluster.countPods(NS, sel({}, [{ key: 'app', operator: 'NotIn', values: ['api'] }, { key: 'app', operator: 'Exists', values: [] }]));
    expect(notApi.names.length).toBe(notApi.total);
    expect(notApi.total).toBe(fake.pods(NS).length - 3);
    expect(await cluster.countPods(NS, sel({ app: 'nothing-here' }))).toEqual({ total: 0, ready: 0, names: [], pods: [] });
  });

  it('reports each pod with its UID and restarts, the evidence of a kill', async () => {
    const { pods } = await cluster.countPods(NS, sel({ app: 'api' }));
    const server = fake.pods(NS).filter((p: any) => p.metadata.labels?.app === 'api');
    expect(pods!.map((p) => [p.name, p.uid]).sort()).toEqual(server.map((p: any) => [p.metadata.name, p.metadata.uid]).sort());
    expect(pods!.every((p) => p.restarts === 0)).toBe(true);
  });
});

describe('canI', () => {
  it('answers from SelfSubjectAccessReview', async () => {
    expect(await cluster.canI('create', 'chaos-mesh.org', 'networkchaos', NS)).toBe(true);
    fake.behaviour.rbacDeny = true;
    expect(await cluster.canI('create', 'chaos-mesh.org', 'networkchaos', NS)).toBe(false);
    expect(await cluster.canI('list', '', 'pods', NS)).toBe(true);
    const reviews = fake.requests({ method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' });
    expect(reviews.length).toBeGreaterThanOrEqual(3);
  });
});

describe('apply', () => {
  it('server-side applies with field manager chaos and force', async () => {
    const obj = networkDelay();
    const ref = await cluster.apply(obj);
    expect(ref).toEqual({ apiVersion: obj.apiVersion, kind: 'NetworkChaos', namespace: NS, name: obj.metadata.name });
    const patch = fake.requests({ method: 'PATCH', path: `/apis/chaos-mesh.org/v1alpha1/namespaces/${NS}/networkchaos/${obj.metadata.name}` });
    expect(patch).toHaveLength(1);
    expect(patch[0]!.contentType).toBe('application/apply-patch+yaml');
    expect(patch[0]!.query).toMatchObject({ fieldManager: 'chaos', force: 'true' });
    expect(patch[0]!.query.dryRun).toBeUndefined();
    expect(fake.objects('NetworkChaos').some((o) => o.metadata.name === obj.metadata.name)).toBe(true);
  });

  it('dryRun=All reaches the server and stores nothing', async () => {
    const obj = networkDelay();
    const ref = await cluster.apply(obj, { dryRun: true });
    expect(ref.name).toBe(obj.metadata.name);
    const patch = fake.requests({ method: 'PATCH', path: new RegExp(`/networkchaos/${obj.metadata.name}$`) });
    expect(patch[0]!.query.dryRun).toBe('All');
    expect(fake.everCreated('NetworkChaos').some((o) => o.metadata.name === obj.metadata.name)).toBe(false);
  });

  it('403 names the verb, the resource, the namespace and the user', async () => {
    fake.behaviour.rbacDeny = true;
    const obj = networkDelay();
    const e = await rejection(cluster.apply(obj));
    expect(e.message).toContain('may not patch networkchaos.chaos-mesh.org');
    expect(e.message).toContain(`namespace "${NS}"`);
    expect(e.message).toContain(`user "${cluster.info().user}"`);
    expect(e.message).toMatch(/forbidden/i);
    expect(e.hint).toContain('verbs: ["patch"]');
    expect(fake.everCreated('NetworkChaos').some((o) => o.metadata.name === obj.metadata.name)).toBe(false);
  });

  it('422 carries the server message, its causes and the source location', async () => {
    const obj = networkDelay({ latency: 'fast' });
    const e = await rejection(cluster.apply(obj));
    expect(e.message).toContain('spec.delay.latency');
    expect(e.message).toContain('fast');
    expect(e.message).toContain('chaos/experiments.yml:3');
  });

  it('a missing CRD on apply asks whether Chaos Mesh is installed', async () => {
    fake.behaviour.noCrds = true;
    const fresh = await connectCluster({ kubeconfig: fake.kubeconfigPath, env: {} });
    const e = await rejection(fresh.apply(networkDelay()));
    expect(e.message).toContain('Chaos Mesh CRDs not found (NetworkChaos)');
    expect(e.hint).toContain('is Chaos Mesh installed?');
  });
});

describe('listManaged', () => {
  it('finds objects by label in one namespace or across all', async () => {
    const runId = `list${Date.now().toString(36)}`;
    fake.addPods('team-b', { app: 'worker' }, 1);
    await cluster.apply(networkDelay({ runId }));
    await cluster.apply(podKill({ namespace: 'team-b', runId, app: 'worker' }));
    await cluster.apply(networkDelay({ runId: `${runId}other` }));
    const all = await cluster.listManaged({ [LABELS.runId]: runId }, undefined);
    expect(all.map((r) => `${r.namespace}/${r.kind}/${r.name}`)).toEqual([
      `${NS}/NetworkChaos/api-latency-${runId}`,
      `team-b/PodChaos/pod-kill-${runId}`,
    ]);
    const one = await cluster.listManaged({ [LABELS.runId]: runId }, 'team-b');
    expect(one).toEqual([{ apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', namespace: 'team-b', name: `pod-kill-${runId}` }]);
  });

  it('reports missing Chaos Mesh instead of "nothing found"', async () => {
    fake.behaviour.noCrds = true;
    const e = await rejection(cluster.listManaged({ [LABELS.runId]: 'x' }, undefined));
    expect(e.hint).toContain('is Chaos Mesh installed?');
  });
});
