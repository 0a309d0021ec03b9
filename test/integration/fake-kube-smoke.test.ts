import { afterAll, beforeAll, expect, it } from 'vitest';
import * as k8s from '@kubernetes/client-node';
import { startFakeCluster, type FakeCluster } from '../fake-kube/index.js';

let c: FakeCluster;
beforeAll(async () => { c = await startFakeCluster(); });
afterAll(async () => { await c?.close(); });

it('smoke', async () => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(c.kubeconfigPath);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const pods = await core.listNamespacedPod({ namespace: 'materi-production', labelSelector: 'app=api' });
  console.log(pods.items.map((p) => p.metadata?.name));
  const obj = k8s.KubernetesObjectApi.makeApiClient(kc);
  const res = await obj.patch({ apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', metadata: { name: 'x', namespace: 'materi-production' },
    spec: { action: 'delay', mode: 'all', selector: { labelSelectors: { app: 'api' } }, delay: { latency: '500ms' }, duration: '5m' } } as any,
    undefined, undefined, 'chaos', true, k8s.PatchStrategy.ServerSideApply);
  console.log(JSON.stringify(res, null, 1).slice(0, 1500));
  await new Promise((r) => setTimeout(r, 400));
  console.log(JSON.stringify(c.objects()[0], null, 1));
  expect(pods.items.length).toBe(3);
});
