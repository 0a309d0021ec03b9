// target: → selector (service shorthand, label_selector, both ANDed), mode/value, and the service name
// templates get as {{service}}.
import { describe, expect, it } from 'vitest';
import { experiment, only, parse, problems } from './helpers.js';

const target = (t: string, configText?: string) => {
  const text = experiment(t, '{ type: pod_failure }');
  if (configText === undefined) return only(text).target;
  const { experiments, issues } = parse(text, configText);
  expect(issues).toEqual([]);
  return experiments[0]?.target;
};

describe('target', () => {
  it('service is the shorthand for <serviceLabel>=<service>', () => {
    expect(target('{ service: api }')).toEqual({ service: 'api', selector: { matchLabels: { app: 'api' }, matchExpressions: [] }, mode: 'one' });
    const custom = target('{ service: api }', 'defaults: { serviceLabel: app.kubernetes.io/name }\nmetrics: { error_rate: { query: up } }');
    expect(custom?.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'api' });
  });

  it('label_selector alone yields the service from the service label, for {{service}}', () => {
    expect(target('{ namespace: materi-production, label_selector: "app=api,tier!=canary" }')).toEqual({
      namespace: 'materi-production',
      service: 'api',
      selector: { matchLabels: { app: 'api' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['canary'] }] },
      mode: 'one',
    });
    expect(target('{ label_selector: "tier=web" }')?.service).toBeUndefined();
  });

  it('service and label_selector are ANDed, and must agree on the service label', () => {
    expect(target('{ service: api, label_selector: "track=stable" }')?.selector.matchLabels).toEqual({ app: 'api', track: 'stable' });
    expect(problems(experiment('{ service: api, label_selector: "app=web" }', '{ type: pod_failure }'))).toEqual(['target.label_selector: selects app=web but service is "api"']);
  });

  it('checks namespace and service syntax', () => {
    expect(problems(experiment('{ namespace: Materi, service: api }', '{ type: pod_failure }'))[0]).toContain('target.namespace: must be a DNS-1123 label');
    expect(problems(experiment('{ service: "api server" }', '{ type: pod_failure }'))[0]).toContain('target.service: service must be at most 63 letters');
  });

  it('count and percentage are positive integers', () => {
    expect(problems(experiment('{ service: api, count: 0 }', '{ type: pod_failure }'))).toEqual(['target.count: must be an integer ≥ 1']);
    expect(problems(experiment('{ service: api, percentage: 12.5 }', '{ type: pod_failure }'))).toEqual(['target.percentage: must be an integer from 1 to 100 (no %)']);
  });
});
