import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../../src/config/model.js';
import { planRun } from '../../../src/lifecycle/plan.js';
import type { Experiment } from '../../../src/experiment/model.js';
import { FAULTS, criterion, experiment, labels, podsDependency, seedExperiments, service } from '../chaos-mesh/build.js';

const RUN = 'r2d2c3po';

function config(namespace?: string): Config {
  return { ...DEFAULT_CONFIG, kubernetes: { namespace } };
}

function planOne(exp: Experiment, cfg = config(), opts: { defaultNamespace?: string; durationOverrideMs?: number } = {}) {
  const { plan, issues } = planRun([exp], cfg, { runId: RUN, ...opts });
  expect(plan.experiments).toHaveLength(1);
  return { p: plan.experiments[0]!, issues };
}

describe('planRun: namespace precedence', () => {
  const bare = () => experiment('ns', FAULTS.pod_failure);
  it('target.namespace first', () => {
    const exp = experiment('ns', FAULTS.pod_failure, { target: service('api', { namespace: 'from-target' }) });
    const { p } = planOne(exp, config('from-config'), { defaultNamespace: 'from-context' });
    expect(p.namespace).toBe('from-target');
    expect(p.manifests[0]!.metadata.namespace).toBe('from-target');
  });
  it('then the config namespace', () => {
    const { p } = planOne(bare(), config('from-config'), { defaultNamespace: 'from-context' });
    expect(p.namespace).toBe('from-config');
    expect(p.manifests[0]!.spec.selector).toMatchObject({ namespaces: ['from-config'] });
  });
  it('then the kube context namespace', () => {
    expect(planOne(bare(), config(), { defaultNamespace: 'from-context' }).p.namespace).toBe('from-context');
  });
  it('else "default"', () => {
    expect(planOne(bare()).p.namespace).toBe('default');
  });
});

describe('planRun: windows', () => {
  it('keeps the experiment and fault windows and marks one-shot faults', () => {
    const [, , partition, kill] = seedExperiments();
    const part = planOne({ ...partition!, durationMs: 300_000 }).p;
    expect([part.windowMs, part.faultWindowMs, part.oneShot]).toEqual([300_000, 120_000, false]);
    // Chaos Mesh counts spec.duration from creation; the window is observed from confirmation, up to
    // injectionTimeout (60s in this config) later, plus a margin: the fault outlives every fault sample.
    expect(part.faultAllowanceMs).toBe(70_000);
    expect(part.manifests[0]!.spec.duration).toBe('3m10s');
    const k = planOne(kill!).p;
    expect([k.windowMs, k.oneShot]).toEqual([600_000, true]);
  });

  it('--duration replaces every window, in the plan and in the manifests', () => {
    const { plan } = planRun(seedExperiments(), config(), { runId: RUN, durationOverrideMs: 30_000 });
    for (const p of plan.experiments) {
      expect(p.windowMs).toBe(30_000);
      expect(p.faultWindowMs).toBe(30_000);
      expect(p.experiment.durationMs).toBe(30_000);
      expect(p.manifests[0]!.spec.duration).toBe('1m40s'); // 30s + 60s injection allowance + 10s margin
      expect(p.vars.window).toBe('30s');
    }
    const partition = plan.experiments.find((p) => p.experiment.name === 'redis-partition')!;
    expect(partition.experiment.faultDurationMs).toBe(30_000);
    const latency = plan.experiments.find((p) => p.experiment.name === 'api-latency-injection')!;
    expect(latency.experiment.faultDurationMs).toBeUndefined();
  });
});

describe('planRun: --only', () => {
  it('keeps only the named experiments, in file order', () => {
    const { plan, issues } = planRun(seedExperiments(), config(), { runId: RUN, only: ['pod-failure', 'redis-partition'] });
    expect(issues).toEqual([]);
    expect(plan.experiments.map((p) => p.experiment.name)).toEqual(['redis-partition', 'pod-failure']);
  });

  it('an unknown name is an issue with a suggestion', () => {
    const { issues } = planRun(seedExperiments(), config(), { runId: RUN, only: ['redis-partitoin'] });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/no experiment named "redis-partitoin".*did you mean "redis-partition"/);
  });
});

describe('planRun: criteria and template variables', () => {
  it('resolves the seed queries with namespace, service and window', () => {
    const { plan, issues } = planRun(seedExperiments(), config('materi-staging'), { runId: RUN });
    expect(issues).toEqual([]);
    const [latency, , , kill] = plan.experiments;
    expect(latency!.criteria[0]!.resolvedQuery).toBe(
      'sum(rate(http_requests_total{namespace="materi-staging",service="api",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="materi-staging",service="api"}[1m]))',
    );
    // pod-failure names its service only through `label_selector: app=api`.
    expect(kill!.vars).toMatchObject({ namespace: 'materi-production', service: 'api', window: '10m', experiment: 'pod-failure' });
    expect(kill!.criteria[1]!.resolvedQuery).toBe('sum(increase(writes_lost_total{service="api"}[10m])) == bool 0');
    expect(kill!.criteria[0]).not.toHaveProperty('resolvedQuery');
    expect(kill!.criteria[0]!.builtin).toBe('recovery_time');
  });

  it('dependency is the dependency service, its service label, or the external hosts', () => {
    const vars = (exp: Experiment) => planOne(exp).p.vars.dependency;
    expect(vars(experiment('a', FAULTS.latency, { dependency: podsDependency('postgresql') }))).toBe('postgresql');
    expect(vars(experiment('b', FAULTS.latency, { dependency: { kind: 'pods', selector: labels({ app: 'redis', tier: 'cache' }) } }))).toBe('redis');
    expect(vars(experiment('c', FAULTS.latency, { dependency: { kind: 'external', hosts: ['a.example.com', '10.0.0.1'] } }))).toBe('a.example.com,10.0.0.1');
    expect(vars(experiment('d', FAULTS.latency))).toBeUndefined();
  });

  it('uses the configured service label', () => {
    const exp = experiment('lbl', FAULTS.pod_failure, { target: { selector: labels({ 'app.kubernetes.io/name': 'web' }), mode: 'all' } });
    const cfg = { ...config(), defaults: { ...DEFAULT_CONFIG.defaults, serviceLabel: 'app.kubernetes.io/name' } };
    expect(planOne(exp, cfg).p.vars.service).toBe('web');
  });

  it('a query needing a variable the experiment lacks is an issue at the criterion', () => {
    const source = { file: 'exp.yml', line: 12, col: 11 };
    const exp = experiment('nodep', FAULTS.pod_failure, {
      criteria: [criterion('dep_errors < 1', { metric: 'dep_errors', query: 'sum(errors{to="{{dependency}}"})', source })],
      abortWhen: [criterion('x < 1', { query: 'up{a="{{bogus}}"}', source: { ...source, line: 20 } })],
    });
    const { p, issues } = planOne(exp);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ file: 'exp.yml', line: 12, col: 11, path: 'success_criteria[0]' });
    expect(issues[0]!.message).toMatch(/\{\{dependency\}\}.*metric "dep_errors".*has no dependency/);
    expect(issues[1]).toMatchObject({ line: 20, path: 'abort_when[0]' });
    expect(issues[1]!.message).toMatch(/\{\{bogus\}\}.*unknown template variable/);
    expect(p.criteria[0]).not.toHaveProperty('resolvedQuery');
    expect(p.abortWhen).toHaveLength(1);
  });

  it('manifests carry the run id', () => {
    const { plan } = planRun(seedExperiments(), config(), { runId: RUN });
    expect(plan.runId).toBe(RUN);
    for (const p of plan.experiments) expect(p.manifests[0]!.metadata.labels['chaos.run/run-id']).toBe(RUN);
  });
});
