// `chaos run` (the built binary) against the real control plane, a real Prometheus and a metrics app
// that reacts to faults the simulated Chaos Mesh reports as injected. The pod_kill experiment's
// recovery_time is measured on real pod churn: the ReplicaSet controller replaces the killed pod.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ROOT, runChaos } from '../e2e/cli.js';
import { HEALTHY_SERVICES } from '../e2e/world.js';
import { startMetricsApp, type MetricsApp } from '../support/metrics-app.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';
import { chaosResources, startRealCluster, type RealCluster } from '../support/real-cluster.js';

let cluster: RealCluster;
let app: MetricsApp;
let prom: RunningPrometheus;
let dir: string;
let faultActive = false;
let polling = true;
let poller: Promise<void>;

beforeAll(async () => {
  cluster = await startRealCluster();
  // the metrics app asks synchronously on every scrape; keep its answer fresh from the API server
  poller = (async () => {
    while (polling) {
      const objects = await cluster.listChaosObjects().catch(() => []);
      faultActive = objects.some((o: any) => !o.metadata.deletionTimestamp && o.status?.conditions?.some((c: any) => c.type === 'AllInjected' && c.status === 'True'));
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  app = await startMetricsApp({ services: HEALTHY_SERVICES, faultActive: () => faultActive });
  prom = await startPrometheus({ scrapeTargets: [app.target], scrapeIntervalMs: 1000 });
  dir = mkdtempSync(join(tmpdir(), 'chaos-real-run-'));
  cpSync(join(ROOT, 'experiments'), join(dir, 'experiments'), { recursive: true });
  copyFileSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
  const doc = parseDocument(readFileSync(join(dir, 'chaos.config.yml'), 'utf8'));
  doc.setIn(['prometheus', 'url'], prom.url);
  doc.setIn(['kubernetes', 'allowedContexts'], ['chaos-test']);
  doc.setIn(['defaults', 'pollInterval'], '1s');
  doc.setIn(['defaults', 'injectionTimeout'], '20s');
  doc.setIn(['defaults', 'recoveryTimeout'], '60s');
  writeFileSync(join(dir, 'chaos.config.yml'), doc.toString());
  // steady state is judged on rates: wait for two scrapes in the 1m window
  const q = `${prom.url}/api/v1/query?query=${encodeURIComponent('sum(rate(http_requests_total[1m]))')}`;
  for (let i = 0; i < 100; i++) {
    const body = (await (await fetch(q)).json()) as any;
    if (Number(body?.data?.result?.[0]?.value?.[1] ?? 0) > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
}, 60 * 60_000);

afterAll(async () => {
  polling = false;
  await poller;
  await Promise.allSettled([app?.close(), prom?.stop()]);
  await cluster?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const apiPods = async (): Promise<any[]> => (await cluster.kubectlJson(['get', 'pods', '-n', 'materi-production', '-l', 'app=api'])).items;

test("the seed's four experiments pass against the real API server and leave nothing behind", async () => {
  const before = new Set((await apiPods()).map((p) => p.metadata.uid));
  const r = await runChaos(['run', 'experiments/materi.yml', '--duration', '5s', '--yes', '--kubeconfig', cluster.kubeconfigPath, '--report', 'json=out/run.json'], { cwd: dir });
  expect(r.stderr).toMatch(/context chaos-test\s+server https:\/\/127\.0\.0\.1:\d+\s+namespace materi-production/);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const journal = JSON.parse(readFileSync(join(dir, 'out/run.json'), 'utf8'));
  expect(journal.experiments.map((e: any) => e.verdict)).toEqual(['passed', 'passed', 'passed', 'passed']);
  expect(await cluster.listChaosObjects()).toEqual([]);
  const managed = await cluster.kubectl(['get', chaosResources().join(','), '-A', '-l', 'app.kubernetes.io/managed-by=chaos', '-o', 'name']);
  expect(managed.code).toBe(0);
  expect(managed.stdout).toBe('');
  const leases = await cluster.kubectlJson(['get', 'leases', '-n', 'materi-production']);
  expect(leases.items.filter((l: any) => l.spec?.holderIdentity)).toEqual([]);
  // the pod_kill experiment killed one real pod and waited for its replacement to be Ready
  const after = (await apiPods()).filter((p) => p.status.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));
  expect(after).toHaveLength(3);
  expect(after.filter((p) => !before.has(p.metadata.uid))).toHaveLength(1);
  const kill = journal.experiments.find((e: any) => e.faultType === 'pod_kill');
  expect(kill.recoveryMs).toEqual(expect.any(Number));
  // reported, not asserted (timings belong to the benchmarks)
  console.log(`recovery_time on real pod churn: ${kill.recoveryMs} ms`);
});

// A namespaced, least-privilege identity for chaos, as a CI runner would hold it.
const RUNNER_RBAC = `apiVersion: v1
kind: ServiceAccount
metadata: { name: chaos-runner, namespace: materi-production }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: chaos-runner, namespace: materi-production }
rules:
  - apiGroups: [chaos-mesh.org]
    resources: [networkchaos, podchaos, stresschaos, iochaos, httpchaos, dnschaos, timechaos]
    verbs: [get, list, watch, create, patch, delete]
  - apiGroups: [""]
    resources: [pods, events]
    verbs: [get, list, watch]
  - apiGroups: [coordination.k8s.io]
    resources: [leases]
    verbs: [get, create, update, delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: chaos-runner, namespace: materi-production }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: chaos-runner }
subjects: [{ kind: ServiceAccount, name: chaos-runner, namespace: materi-production }]
`;

async function runAsServiceAccount(verbs: string[]): Promise<{ code: number | null; stderr: string; journal: any }> {
  const rbac = RUNNER_RBAC.replace('verbs: [get, list, watch, create, patch, delete]', `verbs: [${verbs.join(', ')}]`);
  const applied = await cluster.kubectl(['apply', '-f', '-'], rbac);
  expect(applied.code, applied.stderr).toBe(0);
  const token = await cluster.kubectl(['create', 'token', 'chaos-runner', '-n', 'materi-production']);
  expect(token.code, token.stderr).toBe(0);
  const kubeconfig = cluster.tokenKubeconfig(token.stdout.trim());
  const report = `out/sa-${verbs.join('-')}.json`;
  const r = await runChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '3s', '--yes', '--kubeconfig', kubeconfig, '--report', `json=${report}`], { cwd: dir });
  return { code: r.code, stderr: r.stderr, journal: JSON.parse(readFileSync(join(dir, report), 'utf8')) };
}

test('with a ServiceAccount token and a least-privilege Role (real RBAC, real SelfSubjectAccessReview) the run passes', async () => {
  const r = await runAsServiceAccount(['get', 'list', 'watch', 'create', 'patch', 'delete']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.journal.experiments.map((e: any) => e.verdict)).toEqual(['passed']);
  expect(await cluster.listChaosObjects()).toEqual([]);
});

test.each([
  // SelfSubjectAccessReview answers "no" before anything is sent
  ['delete', ['get', 'list', 'watch', 'create', 'patch'], /RBAC denies user "token" in namespace materi-production: delete networkchaos\.chaos-mesh\.org/],
  // server-side apply needs patch: asked by SSAR too (the real authorizer answers), before the lock is taken
  ['patch', ['get', 'list', 'watch', 'create', 'delete'], /RBAC denies user "token" in namespace materi-production: patch networkchaos\.chaos-mesh\.org/],
])('without %s on chaos-mesh.org, preflight fails with exit 4 and nothing is applied', async (_missing, verbs, message) => {
  const r = await runAsServiceAccount(verbs);
  expect(r.code, r.stderr).toBe(4);
  expect(r.stderr).toMatch(message);
  const [e] = r.journal.experiments;
  expect(e.verdict).toBe('errored');
  expect(e.applied).toEqual([]);
  expect(e.stages.at(-1).name).toBe('preflight');
  expect(await cluster.listChaosObjects()).toEqual([]);
});
