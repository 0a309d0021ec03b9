// Policy problems found by the plan (shared by validate and run --dry-run): located where they are written.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/parse.js';
import { parseExperimentSources } from '../../../src/lifecycle/parse.js';
import { planRun } from '../../../src/lifecycle/plan.js';

const CATALOG = 'metrics:\n  error_rate: { query: \'sum(rate(x{service="{{service}}"}[1m]))\' }\n';

function check(experiments: string, config = '', defaultNamespace?: string) {
  const cfg = parseConfigText('chaos.config.yml', CATALOG + config);
  expect(cfg.issues).toEqual([]);
  const parsed = parseExperimentSources([{ file: 'e.yml', text: experiments }], cfg.config);
  expect(parsed.issues).toEqual([]);
  const { plan, issues } = planRun(parsed.experiments, cfg.config, { runId: 'abcdefgh', ...(defaultNamespace ? { defaultNamespace } : {}) });
  return { plan, found: issues.map((i) => `${i.file}:${i.line}:${i.col} ${i.path}: ${i.message}`) };
}

const EXP = (target: string, fault = '{ type: latency, latency: 10ms }') =>
  `experiments:\n  - name: one\n    target: ${target}\n    fault: ${fault}\n    duration: 1m\n    success_criteria: [ "error_rate < 1" ]\n`;

describe('protected namespaces in the plan', () => {
  it('a target namespace is refused at its own line', () => {
    const { found } = check(EXP('{ service: coredns, namespace: kube-system, percentage: 10 }'));
    expect(found).toEqual([
      expect.stringMatching(/^e\.yml:3:44 experiments\[0\]\.target\.namespace: namespace "kube-system" is protected: no target may be in it\. .*policy\.protectedNamespaces: \[\] lifts the protection\)$/),
    ]);
  });

  it('a dependency namespace, written as namespace/name or as an object', () => {
    expect(check(EXP('{ service: api, namespace: shop, dependency: kube-system/coredns }')).found).toEqual([
      expect.stringMatching(/^e\.yml:3:58 experiments\[0\]\.target\.dependency: namespace "kube-system" is protected: no dependency/),
    ]);
    expect(check(EXP('{ service: api, namespace: shop, dependency: { service: coredns, namespace: chaos-mesh } }')).found).toEqual([
      expect.stringMatching(/^e\.yml:3:89 experiments\[0\]\.target\.dependency: namespace "chaos-mesh" is protected/),
    ]);
  });

  it('a config namespace is refused once, at the config line, for every experiment that uses it', () => {
    const two = EXP('{ service: api }') + '  - name: two\n    target: { service: api }\n    fault: { type: pod_kill }\n    duration: 1m\n    success_criteria: [ "error_rate < 1" ]\n';
    expect(check(two, 'kubernetes: { namespace: kube-public }\n').found).toEqual([expect.stringMatching(/^chaos\.config\.yml:3:26 kubernetes\.namespace: namespace "kube-public" is protected/)]);
  });

  it('a namespace the kube context supplies is left to preflight; [] lifts the protection', () => {
    expect(check(EXP('{ service: api }'), '', 'kube-system').found).toEqual([]);
    expect(check(EXP('{ service: api }'), '', 'kube-system').plan.experiments[0]).toMatchObject({ namespace: 'kube-system', namespaceFrom: 'context' });
    expect(check(EXP('{ service: api, namespace: kube-system }'), 'policy: { protectedNamespaces: [] }\n').found).toEqual([]);
  });
});

describe('maxPercentage in the plan', () => {
  it('a percentage above it is refused at the percentage; mode all at the target', () => {
    const policy = 'policy: { maxPercentage: 50 }\n';
    expect(check(EXP('{ service: api, namespace: shop, percentage: 60 }'), policy).found).toEqual([
      'e.yml:3:58 experiments[0].target.percentage: hits 60% of the matching pods, above policy.maxPercentage (50%): set target.percentage to at most 50, or target.count',
    ]);
    expect(check(EXP('{ service: api, namespace: shop }'), policy).found).toEqual([expect.stringMatching(/^e\.yml:3:13 experiments\[0\]\.target: hits every matching pod/)]);
    expect(check(EXP('{ service: api, namespace: shop, percentage: 50 }'), policy).found).toEqual([]);
    expect(check(EXP('{ service: api, namespace: shop }', '{ type: pod_kill }'), policy).found).toEqual([]);
  });
});

describe('templates the target cannot fill (found by validate as by run --dry-run)', () => {
  it('{{service}} with a set-based selector', () => {
    expect(check(EXP('{ namespace: shop, label_selector: "app in (api, web)" }')).found).toEqual([
      'e.yml:6:25 experiments[0].success_criteria[0]: {{service}} in metric "error_rate" cannot be filled: experiment "one" has no target.service (nor a label_selector on the service label)',
    ]);
  });
});
