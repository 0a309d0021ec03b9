// Chaos objects on the real control plane: manifests, reads and waits shared by the real-cluster tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../e2e/cli.js';
import { chaosResources, waitFor, type RealCluster } from './real-cluster.js';

export const NS = 'materi-production';

/** A NetworkChaos delaying every api pod. */
export function networkDelay(name: string, opts: { duration?: string; annotations?: Record<string, string> } = {}): string {
  const annotations = opts.annotations ? `, annotations: ${JSON.stringify(opts.annotations)}` : '';
  return `apiVersion: chaos-mesh.org/v1alpha1
kind: NetworkChaos
metadata: { name: ${name}, namespace: ${NS}${annotations} }
spec:
  action: delay
  mode: all
  selector: { namespaces: [${NS}], labelSelectors: { app: api } }
  delay: { latency: 100ms }
  duration: ${opts.duration ?? '10m'}
`;
}

export function podChaos(name: string, action: string, app: string): string {
  return `apiVersion: chaos-mesh.org/v1alpha1
kind: PodChaos
metadata: { name: ${name}, namespace: ${NS} }
spec: { action: ${action}, mode: one, duration: 10m, selector: { namespaces: [${NS}], labelSelectors: { app: ${app} } } }
`;
}

export const condition = (o: any, type: string): string | undefined => o?.status?.conditions?.find((c: any) => c.type === type)?.status;
export const records = (o: any): any[] => o?.status?.experiment?.containerRecords ?? [];
export const isReady = (p: any): boolean => !p.metadata.deletionTimestamp && condition(p, 'Ready') === 'True';

export async function podsOf(cluster: RealCluster, app: string): Promise<any[]> {
  return (await cluster.kubectlJson(['get', 'pods', '-n', NS, '-l', `app=${app}`])).items;
}

export async function apply(cluster: RealCluster, manifest: string): Promise<void> {
  const r = await cluster.kubectl(['apply', '--server-side', '--field-manager', 'chaos', '-f', '-'], manifest);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

export async function getChaos(cluster: RealCluster, kind: string, name: string): Promise<any> {
  const r = await cluster.kubectl(['get', `${kind}.chaos-mesh.org`, name, '-n', NS, '-o', 'json']);
  return r.code === 0 ? JSON.parse(r.stdout) : undefined;
}

/** Waits until the object satisfies check; returns it. */
export async function waitForChaos(cluster: RealCluster, kind: string, name: string, what: string, check: (o: any) => boolean): Promise<any> {
  let obj: any;
  await waitFor(`${kind} ${name}: ${what}`, async () => check((obj = await getChaos(cluster, kind, name))));
  return obj;
}

export async function eventsOf(cluster: RealCluster, name: string): Promise<any[]> {
  return (await cluster.kubectlJson(['get', 'events', '-n', NS, '--field-selector', `involvedObject.name=${name}`])).items;
}

export async function deleteAndExpectNothingLeft(cluster: RealCluster, kind: string, name: string): Promise<void> {
  // kubectl delete waits until the object is gone, i.e. until the simulator removed its finalizer
  const r = await cluster.kubectl(['delete', `${kind}.chaos-mesh.org`, name, '-n', NS, '--timeout=60s']);
  expect(r.code).toBe(0);
  expect(await cluster.listChaosObjects()).toEqual([]);
}

/**
 * What every run test ends with, read by kubectl (a second real client): no object of any chaos kind labelled
 * managed-by=chaos in any namespace, and no live Lease `chaos-lock` (holder set, renewTime + duration ahead).
 */
export async function expectNoChaosLeft(cluster: RealCluster): Promise<void> {
  const managed = await cluster.kubectl(['get', chaosResources().join(','), '-A', '-l', 'app.kubernetes.io/managed-by=chaos', '-o', 'name']);
  expect(managed.stderr).toBe('');
  expect(managed.code).toBe(0);
  expect(managed.stdout).toBe('');
  expect(await heldLocks(cluster)).toEqual([]);
}

/** `namespace/holder` of every Lease chaos-lock that a run holds now (expired ones belong to crashed runs). */
export async function heldLocks(cluster: RealCluster): Promise<string[]> {
  const leases = await cluster.kubectlJson(['get', 'leases', '-A', '--field-selector', 'metadata.name=chaos-lock']);
  return leases.items
    .filter((l: any) => l.spec?.holderIdentity && Date.parse(l.spec.renewTime) + l.spec.leaseDurationSeconds * 1000 > Date.now())
    .map((l: any) => `${l.metadata.namespace}/${l.spec.holderIdentity}`);
}

/**
 * Applies deploy/rbac.yaml itself (the shipped least-privilege Role) for `namespace`, optionally without some
 * verbs (per API group: '' core, 'coordination.k8s.io', 'chaos-mesh.org'), and returns a kubeconfig holding a
 * token of its ServiceAccount.
 */
export async function deployRbacKubeconfig(cluster: RealCluster, namespace: string, without: Record<string, string[]> = {}): Promise<string> {
  let rbac = readFileSync(join(ROOT, 'deploy', 'rbac.yaml'), 'utf8').replaceAll('namespace: materi-production', `namespace: ${namespace}`);
  for (const [group, drop] of Object.entries(without)) {
    const rule = new RegExp(`(apiGroups: \\[${JSON.stringify(group).replaceAll('.', '\\.')}\\]\\n\\s+resources: \\[[^\\]]*\\]\\n\\s+verbs: )\\[([^\\]]*)\\]`);
    expect(rbac, `deploy/rbac.yaml has a rule for apiGroup "${group}"`).toMatch(rule);
    rbac = rbac.replace(rule, (_m, head: string, verbs: string) =>
      `${head}[${verbs.split(',').map((v) => v.trim()).filter((v) => !drop.includes(JSON.parse(v))).join(', ')}]`);
  }
  const applied = await cluster.kubectl(['apply', '-f', '-'], rbac);
  expect(applied.code, applied.stderr).toBe(0);
  const token = await cluster.kubectl(['create', 'token', 'chaos-runner', '-n', namespace]);
  expect(token.code, token.stderr).toBe(0);
  return cluster.tokenKubeconfig(token.stdout.trim());
}
