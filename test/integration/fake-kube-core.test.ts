// Kubeconfig contexts, core objects and raw protocol details of the fake API server.
import * as k8s from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeCluster, waitUntil, type FakeCluster } from '../fake-kube/index.js';
import { clients, type Clients, NS, rawRequest } from '../fake-kube/test-clients.js';

let c: FakeCluster;
let k: Clients;
let dir: string;

beforeAll(async () => {
  c = await startFakeCluster({ contexts: ['fake', 'prod-cluster'], behaviour: { podRestartMs: 20 } });
  k = clients(c);
  dir = mkdtempSync(join(tmpdir(), 'fake-kube-core-'));
});
afterAll(async () => {
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('writes a kubeconfig with the CA, the token and every context on the same server', async () => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(c.kubeconfigPath);
  expect(kc.getCurrentContext()).toBe('fake');
  expect(kc.getContexts().map((x) => [x.name, x.namespace])).toEqual([['fake', NS], ['prod-cluster', NS]]);
  expect(kc.getCurrentCluster()).toMatchObject({ server: c.url, caData: Buffer.from(c.caPem).toString('base64') });
  kc.setCurrentContext('prod-cluster');
  const ns = await kc.makeApiClient(k8s.CoreV1Api).readNamespace({ name: NS });
  expect(ns.status?.phase).toBe('Active');
  const other = new k8s.KubeConfig();
  other.loadFromFile(c.writeKubeconfig(dir, [{ name: 'staging', namespace: 'default' }, 'kind-dev'], 'kind-dev'));
  expect([other.getCurrentContext(), other.getContextObject('staging')?.namespace]).toEqual(['kind-dev', 'default']);
});

it('accepts an apply body written as YAML and creates with POST', async () => {
  const yaml = [
    'apiVersion: chaos-mesh.org/v1alpha1', 'kind: PodChaos', 'metadata:', '  name: yaml-body', `  namespace: ${NS}`,
    'spec:', '  action: pod-failure', '  mode: one', '  selector:', '    labelSelectors:', '      app: redis', '',
  ].join('\n');
  const path = `/apis/chaos-mesh.org/v1alpha1/namespaces/${NS}/podchaos/yaml-body?fieldManager=chaos`;
  const res = await rawRequest(c, 'PATCH', path, { body: yaml, contentType: 'application/apply-patch+yaml' });
  expect(res.status).toBe(201);
  expect(res.body.spec.selector).toEqual({ labelSelectors: { app: 'redis' }, namespaces: [NS] });
  const created = await k.custom.createNamespacedCustomObject({
    group: 'chaos-mesh.org', version: 'v1alpha1', namespace: NS, plural: 'podchaos',
    body: { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', metadata: { name: 'posted' }, spec: { action: 'pod-failure', mode: 'all', selector: {} } },
  });
  expect(created.metadata.generation).toBe(1);
  expect(c.everCreated('PodChaos').map((o) => o.metadata.name)).toEqual(['yaml-body', 'posted']);
  const wrong = await rawRequest(c, 'PATCH', path, { body: '{}', contentType: 'application/strategic-merge-patch+json' });
  expect(wrong.body).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
});

it('deletes pods by label selector; their ReplicaSet brings new ones; Leases delete to a Status', async () => {
  const before = c.pods(NS).filter((p) => p.metadata.labels?.app === 'relay').map((p) => p.metadata.name);
  await k.core.deleteCollectionNamespacedPod({ namespace: NS, labelSelector: 'app=relay' });
  const fresh = await waitUntil(() => {
    const now = c.pods(NS).filter((p) => p.metadata.labels?.app === 'relay');
    return now.length === 2 && now.every((p) => !before.includes(p.metadata.name)) ? now : undefined;
  }, 'two new relay pods');
  expect(fresh.map((p) => p.metadata.ownerReferences?.[0]?.kind)).toEqual(['ReplicaSet', 'ReplicaSet']);
  const leases = k.kc.makeApiClient(k8s.CoordinationV1Api);
  await leases.createNamespacedLease({ namespace: NS, body: { metadata: { name: 'l1' }, spec: { holderIdentity: 'a', leaseDurationSeconds: 5 } } });
  const status = await rawRequest(c, 'DELETE', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases/l1`);
  expect(status.body).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'l1', group: 'coordination.k8s.io', kind: 'leases' } });
  expect(c.leases()).toEqual([]);
});
