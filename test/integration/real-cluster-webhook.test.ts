// Chaos Mesh's own admission webhook (upstream code via test/chaos-mesh-oracle, issue 17 item 3) registered
// on the real control plane: what the CRD schema accepts but Chaos Mesh refuses is denied by the webhook.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REJECTED_BY_WEBHOOK, VALIDATING_WEBHOOK } from '../support/chaos-mesh-webhook.js';
import { BUILD_TIMEOUT_MS } from '../oracle/oracle.js';
import { startRealCluster, type RealCluster } from '../support/real-cluster.js';
import { NS, apply, deleteAndExpectNothingLeft, getChaos } from '../support/real-cluster-chaos.js';

let cluster: RealCluster;
beforeAll(async () => {
  cluster = await startRealCluster({ chaosMeshWebhook: true });
}, BUILD_TIMEOUT_MS + 5 * 60_000);
afterAll(async () => cluster?.close(), 60_000);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test("an object the CRD schema accepts but Chaos Mesh rejects is denied by the webhook, with upstream's message", async () => {
  const r = await cluster.kubectl(['apply', '--server-side', '-f', '-'], REJECTED_BY_WEBHOOK);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`admission webhook "${escape(VALIDATING_WEBHOOK)}" denied the request: .*value of 150 is invalid, Must be \\(0,100\\] with mode:fixed-percent`));
  expect(await cluster.listChaosObjects()).toEqual([]);
});

test("the mutating webhook applies upstream Default() (selector.namespaces), and the spec is immutable afterwards (upstream ValidateUpdate)", async () => {
  const manifest = (app: string) => `apiVersion: chaos-mesh.org/v1alpha1
kind: PodChaos
metadata: { name: webhook-defaults, namespace: ${NS} }
spec: { action: pod-failure, mode: one, duration: 10m, selector: { labelSelectors: { app: ${app} } } }
`;
  await apply(cluster, manifest('relay'));
  const obj = await getChaos(cluster, 'PodChaos', 'webhook-defaults');
  expect(obj.spec.selector.namespaces).toEqual([NS]);
  const changed = await cluster.kubectl(['apply', '--server-side', '--field-manager', 'chaos', '-f', '-'], manifest('api'));
  expect(changed.code).toBe(1);
  expect(changed.stderr).toMatch(new RegExp(`admission webhook "${escape(VALIDATING_WEBHOOK)}" denied the request: Cannot update chaos spec`));
  await deleteAndExpectNothingLeft(cluster, 'PodChaos', 'webhook-defaults');
});

test('the denial is the webhook\'s alone: without the ValidatingWebhookConfiguration the real server accepts the same object', async () => {
  const removed = await cluster.kubectl(['delete', 'validatingwebhookconfiguration', 'chaos-mesh-validation']);
  expect(removed.code, removed.stderr).toBe(0);
  let r = await cluster.kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], REJECTED_BY_WEBHOOK);
  // the API server drops the configuration asynchronously
  for (let i = 0; i < 100 && r.code !== 0; i++) {
    await new Promise((res) => setTimeout(res, 200));
    r = await cluster.kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], REJECTED_BY_WEBHOOK);
  }
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/podchaos\.chaos-mesh\.org\/webhook-probe serverside-applied \(server dry run\)/);
  expect(await cluster.listChaosObjects()).toEqual([]);
});
