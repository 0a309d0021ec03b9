// `chaos run` (the built binary) on the plain real control plane (no admission webhook): the pod_kill
// experiment's recovery_time is measured on real pod churn (the ReplicaSet controller replaces the killed
// pod), and the shipped deploy/rbac.yaml without `delete` or `patch` is refused by the real authorizer
// before anything is applied. The rest of the run tests are in test/e2e/real-run.test.ts.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos } from '../e2e/cli.js';
import { startRealWorld, type RealWorld } from '../e2e/real-world.js';
import { NS, deployRbacKubeconfig, expectNoChaosLeft, isReady } from '../support/real-cluster-chaos.js';

let world: RealWorld;
beforeAll(async () => {
  world = await startRealWorld();
}, 60 * 60_000);
afterAll(async () => world?.close(), 60_000);

/** Chaos objects ever created in NS: Chaos Mesh puts its finalizer on each (Event FinalizerInited). */
const finalizersInited = async (): Promise<number> => (await world.cluster.kubectlJson(['get', 'events', '-n', NS, '--field-selector', 'reason=FinalizerInited'])).items.length;
const apiPods = async (): Promise<any[]> => (await world.cluster.kubectlJson(['get', 'pods', '-n', NS, '-l', 'app=api'])).items;

test("the seed's four experiments pass against the real API server; pod_kill replaced one real pod", async () => {
  const before = new Set((await apiPods()).map((p) => p.metadata.uid));
  const r = await runChaos(['run', 'experiments/materi.yml', '--duration', '5s', '--yes', '--report', 'json=out/run.json'], { cwd: world.dir, env: world.env });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const journal = JSON.parse(readFileSync(join(world.dir, 'out/run.json'), 'utf8'));
  expect(journal.experiments.map((e: any) => e.verdict)).toEqual(['passed', 'passed', 'passed', 'passed']);
  await expectNoChaosLeft(world.cluster);
  // the pod_kill experiment killed one real pod and waited for its replacement to be Ready
  const after = (await apiPods()).filter(isReady);
  expect(after).toHaveLength(3);
  expect(after.filter((p) => !before.has(p.metadata.uid))).toHaveLength(1);
  const kill = journal.experiments.find((e: any) => e.faultType === 'pod_kill');
  expect(kill.recoveryMs).toEqual(expect.any(Number));
  // reported, not asserted (timings belong to the benchmarks)
  console.log(`recovery_time on real pod churn: ${kill.recoveryMs} ms`);
}, 4 * 60_000);

test.each([
  ['delete on chaos-mesh.org', { 'chaos-mesh.org': ['delete'] }, 'delete networkchaos\\.chaos-mesh\\.org'],
  ['patch on chaos-mesh.org', { 'chaos-mesh.org': ['patch'] }, 'patch networkchaos\\.chaos-mesh\\.org'],
  // refused before the lock is taken, so no lock lingers (the run could not have released it)
  ['delete on leases', { 'coordination.k8s.io': ['delete'] }, 'delete leases\\.coordination\\.k8s\\.io'],
  // every denial named at once (pods and events share one rule in deploy/rbac.yaml: not separable here)
  ['get and update on leases', { 'coordination.k8s.io': ['get', 'update'] }, 'get leases\\.coordination\\.k8s\\.io, update leases\\.coordination\\.k8s\\.io'],
])('deploy/rbac.yaml without %s: the real SelfSubjectAccessReview says no, exit 4, nothing applied, no lock', async (_what, without, denied) => {
  const kubeconfig = await deployRbacKubeconfig(world.cluster, NS, without);
  const before = await finalizersInited();
  const r = await runChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '3s', '--yes', '--kubeconfig', kubeconfig], { cwd: world.dir, env: world.env });
  expect(r.code, r.stderr).toBe(4);
  expect(r.stderr).toMatch(new RegExp(`RBAC denies user "token" in namespace materi-production: ${denied}$`, 'm'));
  const lease = await world.cluster.kubectl(['get', 'lease', 'chaos-lock', '-n', NS]);
  expect(lease.code).toBe(1);
  expect(lease.stderr).toMatch(/NotFound/);
  expect(await finalizersInited()).toBe(before);
  await expectNoChaosLeft(world.cluster);
}, 2 * 60_000);
