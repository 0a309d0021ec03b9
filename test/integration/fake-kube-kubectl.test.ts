// Fidelity check: the machine's kubectl (client-go) is happy with the fake API server.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { conditionOf, DEFAULT_BEHAVIOUR, startFakeCluster, waitUntil, type FakeCluster } from '../fake-kube/index.js';
import { apply, clients, type Clients, networkChaos, NS, podChaos } from '../fake-kube/test-clients.js';

function findKubectl(): string {
  try {
    return execFileSync('which', ['kubectl'], { encoding: 'utf8' }).trim();
  } catch {
    const known = ['/usr/local/bin/kubectl', '/usr/bin/kubectl', '/usr/lib/google-cloud-sdk/bin/kubectl', '/snap/bin/kubectl'];
    const hit = known.find((p) => existsSync(p));
    if (!hit) throw new Error(`kubectl is required for the fake-kube fidelity tests and was not found on PATH or in ${known.join(', ')}`);
    return hit;
  }
}

const KUBECTL = findKubectl();
let c: FakeCluster;
let k: Clients;
let dir: string;

beforeAll(async () => {
  c = await startFakeCluster({ behaviour: { injectDelayMs: 20, recoverDelayMs: 20 } });
  k = clients(c);
  dir = mkdtempSync(join(tmpdir(), 'fake-kube-kubectl-'));
});
afterAll(async () => {
  await c?.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => Object.assign(c.behaviour, DEFAULT_BEHAVIOUR, { injectDelayMs: 20, recoverDelayMs: 20 }));

const baseArgs = (cache = 'cache'): string[] => ['--kubeconfig', c.kubeconfigPath, '--cache-dir', join(dir, cache)];

/** Runs kubectl against the fake; `cache` names the discovery cache dir (a fresh one forgets old kinds). */
function kubectlWith(cache: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, [...baseArgs(cache), ...args], { timeout: 30_000, env: { ...process.env, HOME: dir, KUBECONFIG: '' } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const kubectl = (...args: string[]) => kubectlWith('cache', ...args);

function manifest(name: string, latency = '500ms', value = ''): string {
  const path = join(dir, `${name}-${latency}.yaml`);
  writeFileSync(path, [
    'apiVersion: chaos-mesh.org/v1alpha1', 'kind: NetworkChaos', 'metadata:', `  name: ${name}`, `  namespace: ${NS}`,
    'spec:', '  action: delay', `  mode: ${value ? 'fixed' : 'all'}`, ...(value ? [`  value: ${value}`] : []),
    '  selector:', '    labelSelectors: { app: api }', `  delay: { latency: ${latency} }`, '  duration: 5m', '',
  ].join('\n'));
  return path;
}

it('kubectl apply --server-side creates; get shows the printer columns; a changed spec is refused', async () => {
  const applied = await kubectl('apply', '--server-side', '-f', manifest('k-lat'));
  expect(applied).toMatchObject({ code: 0, stdout: 'networkchaos.chaos-mesh.org/k-lat serverside-applied\n' });
  expect(c.requests({ method: 'PATCH' }).at(-1)!.query).toMatchObject({ fieldManager: 'kubectl', fieldValidation: 'Strict', force: 'false' });
  expect(c.objects('NetworkChaos').find((o) => o.metadata.name === 'k-lat')!.metadata.managedFields![0]).toMatchObject({ manager: 'kubectl', operation: 'Apply' });
  const table = await kubectl('get', 'networkchaos');
  expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+ACTION\s+DURATION$/);
  expect(table.stdout).toMatch(/^k-lat\s+delay\s+5m$/m);
  const changed = await kubectl('apply', '--server-side', '-f', manifest('k-lat', '900ms'));
  expect(changed.code).toBe(1);
  expect(changed.stderr).toContain('Error from server (Forbidden): admission webhook "vnetworkchaos.kb.io" denied the request: Cannot update chaos spec');
  const invalid = await kubectl('apply', '--server-side', '-f', manifest('k-bad', '500ms', '1'));
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toContain('The NetworkChaos "k-bad" is invalid: spec.value: Invalid value: "integer": spec.value in body must be of type string');
});

it('kubectl get -w streams ADDED, MODIFIED and DELETED events', async () => {
  const child = spawn(KUBECTL, [...baseArgs(), 'get', 'networkchaos', '-w', '--output-watch-events'], { env: { ...process.env, HOME: dir, KUBECONFIG: '' } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    await c.waitForRequest((r) => r.query.watch === 'true' && r.path.endsWith('/networkchaos'), 20_000);
    await apply(k.objects, networkChaos('k-watch'));
    await waitUntil(() => conditionOf(c.objects().find((o) => o.metadata.name === 'k-watch'), 'AllInjected') === 'True', 'injected');
    await k.objects.delete({ apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', metadata: { name: 'k-watch', namespace: NS } });
    await waitUntil(() => /^DELETED\s+k-watch/m.test(out), 'DELETED line', 20_000);
  } finally {
    child.kill();
  }
  expect(out).toMatch(/^ADDED\s+k-watch\s+delay\s+5m$/m);
  expect(out).toMatch(/^MODIFIED\s+k-watch\s+delay\s+5m$/m);
});

it('kubectl delete --wait returns once Chaos Mesh has recovered and the object is gone', async () => {
  await apply(k.objects, networkChaos('k-del'));
  await waitUntil(() => conditionOf(c.objects().find((o) => o.metadata.name === 'k-del'), 'AllInjected') === 'True', 'injected');
  c.behaviour.recoverDelayMs = 300;
  const res = await kubectl('delete', 'networkchaos', 'k-del', '--wait');
  expect(res).toMatchObject({ code: 0, stdout: 'networkchaos.chaos-mesh.org "k-del" deleted\n' });
  expect(c.objects().map((o) => o.metadata.name)).not.toContain('k-del');
  expect(c.events(NS).some((e) => e.involvedObject.name === 'k-del' && e.reason === 'Recovered')).toBe(true);
});

it('kubectl get podchaos -o json returns a List with Chaos Mesh status', async () => {
  await apply(k.objects, podChaos('k-kill', { action: 'pod-kill', mode: 'one', selector: { labelSelectors: { app: 'relay' } } }));
  await waitUntil(() => conditionOf(c.objects('PodChaos').find((o) => o.metadata.name === 'k-kill'), 'AllInjected') === 'True', 'injected');
  const res = await kubectl('get', 'podchaos', '-o', 'json');
  const list = JSON.parse(res.stdout);
  expect(list.kind).toBe('List');
  const item = list.items.find((i: any) => i.metadata.name === 'k-kill');
  expect(item).toMatchObject({ kind: 'PodChaos', spec: { action: 'pod-kill' }, status: { experiment: { desiredPhase: 'Run' } } });
  expect(conditionOf(item, 'AllInjected')).toBe('True');
});

it('kubectl auth can-i follows the fake RBAC; without CRDs kubectl does not know the kind', async () => {
  expect((await kubectl('auth', 'can-i', 'create', 'networkchaos.chaos-mesh.org')).stdout.trim()).toBe('yes');
  c.behaviour.rbacDeny = true;
  expect((await kubectl('auth', 'can-i', 'create', 'networkchaos.chaos-mesh.org')).stdout.trim()).toBe('no');
  c.behaviour.rbacDeny = false;
  c.behaviour.noCrds = true;
  const res = await kubectlWith('cache-no-crds', 'get', 'stresschaos');
  expect(res.code).toBe(1);
  expect(res.stderr).toContain('the server doesn\'t have a resource type "stresschaos"');
});
