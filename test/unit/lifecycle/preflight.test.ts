// Preflight asks every verb the run uses (SelfSubjectAccessReview), refuses protected namespaces that only
// the kube context supplied, and refuses a blast radius above policy.maxPods / maxPercentage — all before
// anything is applied (not even the server-side dry run).
import { describe, expect, test } from 'vitest';
import { runExperiment } from '../../../src/lifecycle/run-experiment.js';
import { exitCodeForExperiment } from '../../../src/lifecycle/exit-codes.js';
import { DEFAULT_CONFIG, type Config } from '../../../src/config/model.js';
import { planRun } from '../../../src/lifecycle/plan.js';
import { VirtualClock, ScriptedCluster, ScriptedMetrics, fakeDeps } from '../../support/fakes.js';
import { experiment, planned } from '../../support/experiments.js';

/** Records every SelfSubjectAccessReview and denies the ones listed as "verb resource namespace". */
class ReviewedCluster extends ScriptedCluster {
  reviews: string[] = [];
  deny = new Set<string>();
  // Rest parameters: the base class declares canI without any (it answers the same for all).
  override async canI(...[verb, group, resource, namespace]: string[]) {
    const key = `${verb} ${group ? `${resource}.${group}` : resource} ${namespace}`;
    this.reviews.push(key);
    return !this.deny.has(key);
  }
}

function setup(script = {}) {
  const clock = new VirtualClock();
  const cluster = new ReviewedCluster(clock, script);
  const metrics = new ScriptedMetrics(clock, () => 0.001);
  return { cluster, deps: fakeDeps(clock, cluster, metrics) };
}
const ops = (c: ScriptedCluster) => c.calls.map((x) => x.op);
const withPolicy = (policy: Partial<Config['policy']>): Config => ({ ...DEFAULT_CONFIG, policy: { ...DEFAULT_CONFIG.policy, ...policy } });

describe('preflight RBAC', () => {
  test('asks every verb the run uses: the chaos kind, the lease, pods and events', async () => {
    const { cluster, deps } = setup();
    const ej = await runExperiment(planned(experiment()), deps);
    expect(ej.verdict).toBe('passed');
    expect([...cluster.reviews].sort()).toEqual(
      [
        ...['create', 'patch', 'get', 'list', 'watch', 'delete'].map((v) => `${v} networkchaos.chaos-mesh.org shop`),
        ...['get', 'create', 'update', 'delete'].map((v) => `${v} leases.coordination.k8s.io shop`),
        'list pods shop',
        'list events shop',
      ].sort(),
    );
  });

  test('a dependency in another namespace needs pods there, and create of the kind (Chaos Mesh admission)', async () => {
    const { cluster, deps } = setup();
    const dep = { kind: 'pods' as const, service: 'db', namespace: 'data', selector: { matchLabels: { app: 'db' }, matchExpressions: [] } };
    await runExperiment(planned(experiment({ dependency: dep })), deps);
    expect(cluster.reviews.filter((r) => r.endsWith(' data')).sort()).toEqual(['create networkchaos.chaos-mesh.org data', 'list pods data']);
  });

  test('every denial is named, grouped by namespace; nothing is applied, not even a dry run (exit 4)', async () => {
    const { cluster, deps } = setup();
    cluster.deny = new Set(['patch networkchaos.chaos-mesh.org shop', 'delete leases.coordination.k8s.io shop', 'list events shop']);
    const ej = await runExperiment(planned(experiment()), deps);
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toBe('RBAC denies user "tester" in namespace shop: patch networkchaos.chaos-mesh.org, delete leases.coordination.k8s.io, list events');
    expect(ops(cluster)).not.toContain('apply-dry-run');
    expect(ops(cluster)).not.toContain('apply');
  });
});

describe('preflight policy', () => {
  test('more pods hit than policy.maxPods: exit 4 naming the count, nothing applied', async () => {
    const { cluster, deps } = setup({ pods: { total: 30, ready: 30 } });
    const ej = await runExperiment(planned(experiment(), withPolicy({ maxPods: 20 })), deps);
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toBe('api-latency: the fault would hit 30 of the 30 matching pods (mode all), more than policy.maxPods (20) (app=api in shop); nothing was applied');
    expect(ops(cluster)).toEqual(['checkChaosKinds']);
    expect(cluster.reviews).toEqual([]);
  });

  test('a percentage that hits few enough pods passes maxPods', async () => {
    const { deps } = setup({ pods: { total: 30, ready: 30 } });
    const exp = experiment();
    const ej = await runExperiment(planned({ ...exp, target: { ...exp.target, mode: 'fixed-percent', value: '10' } }, withPolicy({ maxPods: 3 })), deps);
    expect(ej.verdict).toBe('passed');
  });

  test('one pod of one is 100%: above maxPercentage 50 (exit 4)', async () => {
    const { deps } = setup({ pods: { total: 1, ready: 1 } });
    const exp = experiment({ fault: { type: 'pod_failure' } });
    const ej = await runExperiment(planned({ ...exp, target: { ...exp.target, mode: 'one' } }, withPolicy({ maxPercentage: 50 })), deps);
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toMatch(/would hit 1 of the 1 matching pod \(mode one\) = 100%, above policy.maxPercentage \(50%\)/);
  });

  test('a protected namespace that only the kube context supplied is refused before any call', async () => {
    const { cluster, deps } = setup();
    const exp = experiment();
    const { plan } = planRun([{ ...exp, target: { ...exp.target, namespace: undefined } }], DEFAULT_CONFIG, { runId: 'r1234567', defaultNamespace: 'kube-system' });
    const ej = await runExperiment(plan.experiments[0]!, deps);
    expect(exitCodeForExperiment(ej)).toBe(4);
    expect(ej.reason).toMatch(/^api-latency: namespace "kube-system" is protected: no target may be in it/);
    expect(cluster.calls).toEqual([]);
  });
});
