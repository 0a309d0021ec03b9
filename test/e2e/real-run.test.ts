// The e2e run tests on the real control plane (issue 13): the built binary against kube-apiserver + etcd +
// controllers, with Chaos Mesh's own admission webhook in front of every chaos kind (issue 17 item 3), a real
// Prometheus and the metrics app. One plane for the whole file. After every run, kubectl (a second real
// client) lists no chaos object labelled managed-by=chaos and no held Lease chaos-lock. Exit codes: SPEC §10.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_TIMEOUT_MS } from '../oracle/oracle.js';
import { chaosResources, waitFor } from '../support/real-cluster.js';
import { NS, deployRbacKubeconfig, expectNoChaosLeft, heldLocks } from '../support/real-cluster-chaos.js';
import { runChaos, startChaos } from './cli.js';
import { startRealWorld, type RealWorld } from './real-world.js';

let world: RealWorld;
beforeAll(async () => {
  world = await startRealWorld({ chaosMeshWebhook: true });
}, BUILD_TIMEOUT_MS + 5 * 60_000);
afterAll(async () => world?.close(), 60_000);

const LATENCY = ['run', 'experiments/materi.yml', '--only', 'api-latency-injection'];
/** A run on the real plane (four experiments for the seed) takes longer than vitest's default. */
const RUN_TIMEOUT_MS = 4 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `kind/name` (with its run id) of every chaos object of chaos on the server, by kubectl. */
async function managedObjects(): Promise<{ name: string; runId: string }[]> {
  const list = await world.cluster.kubectlJson(['get', chaosResources().join(','), '-A', '-l', 'app.kubernetes.io/managed-by=chaos']);
  return list.items.map((o: any) => ({ name: `${o.kind}/${o.metadata.name}`, runId: o.metadata.labels['chaos.run/run-id'] }));
}

/** How many chaos objects were ever created in NS: Chaos Mesh puts its finalizer on each (Event FinalizerInited). */
const created = async (): Promise<number> => (await world.cluster.kubectlJson(['get', 'events', '-n', NS, '--field-selector', 'reason=FinalizerInited'])).items.length;

/** A latency run that stays injected for a minute; resolves once Chaos Mesh confirmed the injection. */
async function injectedRun(env: Record<string, string> = {}) {
  const run = startChaos([...LATENCY, '--duration', '60s'], { cwd: world.dir, env: { ...world.env, ...env } });
  await run.waitForStderr(/inject ok/, 60_000);
  const objects = await managedObjects();
  expect(objects.map((o) => o.name)).toEqual([expect.stringMatching(/^NetworkChaos\/api-latency-injection-[a-z0-9]+$/)]);
  return { run, runId: objects[0]!.runId };
}

test("the seed's four experiments pass through Chaos Mesh's webhook: exit 0, pod_kill measured on real pod churn", async () => {
  const r = await runChaos(['run', 'experiments/materi.yml', '--duration', '5s', '--yes', '--report', 'json=out/run.json', '--report', 'junit=out/junit.xml'], { cwd: world.dir, env: world.env });
  expect(r.stderr).toMatch(/context chaos-test\s+server https:\/\/127\.0\.0\.1:\d+\s+namespace materi-production/);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const journal = JSON.parse(readFileSync(join(world.dir, 'out/run.json'), 'utf8'));
  expect(journal.experiments.map((e: any) => e.verdict)).toEqual(['passed', 'passed', 'passed', 'passed']);
  // the metrics app saw the fault through the plane's AllInjected=True: the breaker opened
  const cb = journal.experiments[1].criteria.find((c: any) => c.label.startsWith('circuit_breaker_triggered'));
  expect(cb.verdict).toBe('met');
  expect(readFileSync(join(world.dir, 'out/junit.xml'), 'utf8')).toContain('<testsuite');
  const kill = journal.experiments.find((e: any) => e.faultType === 'pod_kill');
  expect(kill.recoveryMs).toEqual(expect.any(Number));
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);

test('SIGINT mid-run: the fault is reverted, exit 130', async () => {
  const { run } = await injectedRun();
  run.child.kill('SIGINT');
  const r = await run.done;
  expect(r.code, r.stderr).toBe(130);
  expect(r.stderr).toMatch(/SIGINT: stopping and reverting/);
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);

test('SIGTERM then SIGINT 100 ms later: still reverted once, exit 130', async () => {
  const { run } = await injectedRun();
  run.child.kill('SIGTERM');
  await sleep(100);
  run.child.kill('SIGINT');
  const r = await run.done;
  expect(r.code, r.stderr).toBe(130);
  expect(r.stderr).toMatch(/SIGTERM: stopping and reverting/);
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);

test('the namespace lock held by a first run: the second exits 4 with nothing applied', async () => {
  const { run: first, runId } = await injectedRun();
  expect(await heldLocks(world.cluster)).toEqual([`${NS}/${runId}`]);
  const before = await created();
  const second = await runChaos(['run', 'experiments/materi.yml', '--only', 'pod-failure', '--duration', '3s', '--yes'], { cwd: world.dir, env: world.env });
  expect(second.code, second.stderr).toBe(4);
  expect(second.stderr).toMatch(new RegExp(`locked by run ${runId}`));
  expect((await managedObjects()).map((o) => o.runId)).toEqual([runId]);
  expect(await created()).toBe(before);
  first.child.kill('SIGTERM');
  expect((await first.done).code).toBe(130);
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);

test('after a SIGKILLed run, chaos cleanup --run-id removes the leftover (exit 0); a second cleanup has nothing to clean', async () => {
  // a short lock TTL: nobody releases a killed run's lease, it expires
  const { run, runId } = await injectedRun({ CHAOS_LOCK_TTL: '5s' });
  run.child.kill('SIGKILL');
  expect((await run.done).signal).toBe('SIGKILL');
  expect((await managedObjects()).map((o) => o.runId)).toEqual([runId]);
  // Chaos Mesh would end it by itself: the 60 s window + the 20 s injectionTimeout + a 10 s margin
  const [left] = (await world.cluster.kubectlJson(['get', 'networkchaos', '-n', NS, '-l', `chaos.run/run-id=${runId}`])).items;
  expect(left.spec.duration).toBe('1m30s');
  const clean = await runChaos(['cleanup', '--run-id', runId], { cwd: world.dir, env: world.env });
  expect(clean.code, clean.stdout + clean.stderr).toBe(0);
  expect(clean.stdout).toMatch(new RegExp(`removed 1 object of run ${runId}`));
  expect(await managedObjects()).toEqual([]);
  const again = await runChaos(['cleanup', '--run-id', runId], { cwd: world.dir, env: world.env });
  expect(again.code, again.stdout + again.stderr).toBe(0);
  expect(again.stdout).toMatch(/nothing to clean up/);
  await waitFor(`the killed run's lease to expire`, async () => (await heldLocks(world.cluster)).length === 0, 20_000);
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);

test('--dry-run=server exits 0 and creates nothing (no object, not even for a moment)', async () => {
  const before = await created();
  const r = await runChaos(['run', '--dry-run=server', 'experiments/materi.yml'], { cwd: world.dir, env: world.env });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(r.stderr).toMatch(/3 pods match app=api in materi-production/);
  expect(await created()).toBe(before);
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);

async function runWithDeployRbac(withoutVerbs: string[]) {
  const kubeconfig = await deployRbacKubeconfig(world.cluster, NS, { 'chaos-mesh.org': withoutVerbs });
  const report = `out/rbac-${withoutVerbs.join('-') || 'all'}.json`;
  const r = await runChaos([...LATENCY, '--duration', '3s', '--yes', '--kubeconfig', kubeconfig, '--report', `json=${report}`], { cwd: world.dir, env: world.env });
  return { ...r, journal: () => JSON.parse(readFileSync(join(world.dir, report), 'utf8')) };
}

test('with a ServiceAccount token bound by deploy/rbac.yaml itself, the run passes (exit 0)', async () => {
  const r = await runWithDeployRbac([]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.journal().experiments.map((e: any) => e.verdict)).toEqual(['passed']);
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);

test('deploy/rbac.yaml without patch: preflight exits 4 with nothing applied', async () => {
  const before = await created();
  const r = await runWithDeployRbac(['patch']);
  expect(r.code, r.stderr).toBe(4);
  // the real SelfSubjectAccessReview says no before anything is sent (or any lock taken), and the report says why
  expect(r.stderr).toMatch(/preflight failed .* RBAC denies user "token" in namespace materi-production: patch networkchaos\.chaos-mesh\.org/);
  const [e] = r.journal().experiments;
  expect([e.verdict, e.errorExit, e.applied]).toEqual(['errored', 4, []]);
  expect(e.reason).toMatch(/nothing was applied/);
  expect(await created()).toBe(before);
  await expectNoChaosLeft(world.cluster);
}, RUN_TIMEOUT_MS);
