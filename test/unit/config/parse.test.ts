// chaos.config.yml → Config: durations to ms, defaults kept where the file is silent, secrets only
// as env var names, every problem located.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/model.js';
import { parseConfigText } from '../../../src/config/parse.js';

const problems = (text: string) => parseConfigText('c.yml', text).issues.map((i) => `${i.line}:${i.col} ${i.path}: ${i.message}`);

describe('parseConfigText', () => {
  it('an empty file is the defaults, and the defaults are not shared', () => {
    const a = parseConfigText('c.yml', '');
    expect(a).toEqual({ config: DEFAULT_CONFIG, issues: [] });
    a.config.metrics.x = { query: 'up' };
    a.config.hooks.before.push({ name: 'n', run: ['n'], shell: false, env: {}, source: { file: 'f', line: 1, col: 1 } });
    expect(DEFAULT_CONFIG.metrics).toEqual({});
    expect(DEFAULT_CONFIG.hooks.before).toEqual([]);
  });

  it('reads the SPEC §3 example', () => {
    const { config, issues } = parseConfigText('c.yml', `
kubernetes:
  context: staging
  namespace: materi-production
  allowedContexts: [staging, kind-*]
prometheus:
  url: http://prometheus.monitoring:9090
  bearerTokenEnv: PROMETHEUS_TOKEN
  basicAuth: { username: chaos, passwordEnv: PROMETHEUS_PASSWORD }
  tls: { caFile: ca.pem, certFile: c.pem, keyFile: k.pem, insecureSkipVerify: false }
  headers: { X-Scope-OrgID: team-a }
  timeout: 10s
defaults: { serviceLabel: app, pollInterval: 5s, injectionTimeout: 90s, recoveryTimeout: 5m, revertTimeout: 1m30s }
metrics:
  p95_latency: { query: 'histogram_quantile(0.95, x{service="{{service}}"})', unit: seconds, aggregate: max }
  data_consistency: { values: { eventual: { query: 'max(d{service="{{service}}"}) == bool 0', when: end } } }
`);
    expect(issues).toEqual([]);
    expect(config.kubernetes).toEqual({
      context: 'staging',
      namespace: 'materi-production',
      namespaceOrigin: { file: 'c.yml', line: 4, col: 14, path: 'kubernetes.namespace' },
      allowedContexts: ['staging', 'kind-*'],
    });
    expect(config.prometheus).toEqual({
      url: 'http://prometheus.monitoring:9090',
      service: undefined,
      bearerTokenEnv: 'PROMETHEUS_TOKEN',
      basicAuth: { username: 'chaos', passwordEnv: 'PROMETHEUS_PASSWORD' },
      tls: { caFile: 'ca.pem', certFile: 'c.pem', keyFile: 'k.pem', insecureSkipVerify: false },
      headers: { 'X-Scope-OrgID': 'team-a' },
      timeoutMs: 10_000,
    });
    expect(config.defaults).toEqual({
      serviceLabel: 'app',
      pollIntervalMs: 5000,
      injectionTimeoutMs: 90_000,
      recoveryTimeoutMs: 300_000,
      revertTimeoutMs: 90_000,
      blindAbortAfter: 3,
      baselineWindowMs: 300_000,
    });
    expect(config.policy).toEqual({ protectedNamespaces: ['kube-system', 'kube-public', 'kube-node-lease', 'chaos-mesh'], maxPods: undefined, maxPercentage: 100 });
    expect(config.metrics.p95_latency).toMatchObject({ unit: 'seconds', aggregate: 'max' });
    expect(config.metrics.data_consistency?.values?.eventual).toEqual({ query: 'max(d{service="{{service}}"}) == bool 0', when: 'end' });
  });

  it('reads the SPEC §10 policy syntax: server entries, policy, blindAbortAfter, baselineWindow', () => {
    const { config, issues } = parseConfigText('c.yml', `
kubernetes:
  allowedContexts: [staging, kind-*, { server: "https://staging.example:6443" }]
policy:
  protectedNamespaces: [kube-system, openshift-*]
  maxPods: 20
  maxPercentage: 50
defaults:
  blindAbortAfter: 5
  baselineWindow: 10m
`);
    expect(issues).toEqual([]);
    expect(config.kubernetes.allowedContexts).toEqual(['staging', 'kind-*', { server: 'https://staging.example:6443' }]);
    expect(config.policy).toEqual({ protectedNamespaces: ['kube-system', 'openshift-*'], maxPods: 20, maxPercentage: 50 });
    expect(config.defaults).toMatchObject({ blindAbortAfter: 5, baselineWindowMs: 600_000 });
    // [] lifts the protection explicitly; a file without policy keeps the default list.
    expect(parseConfigText('c.yml', 'policy: { protectedNamespaces: [] }\n').config.policy.protectedNamespaces).toEqual([]);
    expect(parseConfigText('c.yml', 'policy: { maxPods: 3 }\n').config.policy).toEqual({ ...DEFAULT_CONFIG.policy, maxPods: 3 });
  });

  it('locates bad policy and allowedContexts entries', () => {
    expect(problems('policy:\n  maxPercentage: 101\n  maxPods: 0\n  protectedNamespaces: [Kube]\nkubernetes:\n  allowedContexts: [{ server: "ftp://x" }, 7]\ndefaults: { blindAbortAfter: 0, baselineWindow: soon }\n')).toEqual([
      '2:18 policy.maxPercentage: must be an integer from 1 to 100',
      '3:12 policy.maxPods: must be an integer ≥ 1',
      '4:25 policy.protectedNamespaces[0]: must be a namespace name or a glob of one (lowercase letters, digits, "-" and *), e.g. kube-system or openshift-*',
      '6:31 kubernetes.allowedContexts[0].server: must be the API server URL a context points at, e.g. https://10.0.0.1:6443 (* matches any run of characters)',
      '6:44 kubernetes.allowedContexts[1]: must be a context name or glob (kind-*), or { server: "https://…" }',
      '7:30 defaults.blindAbortAfter: must be an integer ≥ 1',
      '7:49 defaults.baselineWindow: must be a duration like 500ms, 30s, 5m or 1m30s',
    ]);
  });

  it('keeps defaults for what the file leaves out', () => {
    const { config } = parseConfigText('c.yml', 'defaults: { pollInterval: 2s }\n');
    expect(config.defaults).toEqual({ ...DEFAULT_CONFIG.defaults, pollIntervalMs: 2000 });
    expect(config.prometheus.timeoutMs).toBe(10_000);
  });

  it('reads default hooks', () => {
    const { config, issues } = parseConfigText('c.yml', 'hooks:\n  before: [./warm-up.sh]\n');
    expect(issues).toEqual([]);
    expect(config.hooks.before[0]).toMatchObject({ run: ['./warm-up.sh'], expectExit: 0, source: { file: 'c.yml', line: 2, col: 12 } });
  });

  it('checks template variables in every query', () => {
    expect(problems('metrics:\n  a: { values: { x: { query: "up{a=\\"{{namespce}}\\"}" } } }\n')).toEqual([
      '2:30 metrics.a.values.x.query: unknown template variable {{namespce}}; allowed: {{namespace}} {{service}} {{dependency}} {{experiment}} {{window}}',
    ]);
  });

  it('reports problems with suggestions, and keeps the rest usable', () => {
    const { config, issues } = parseConfigText('c.yml', 'kubernetes: { namespace: Prod }\ndefault: {}\nmetrics:\n  ok: { query: up }\n  bad: { query: up, unit: percent }\n');
    expect([...issues].sort((a, b) => a.line - b.line).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'kubernetes.namespace: must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
      'default: unknown key "default" (did you mean "defaults"?)',
      'metrics.bad.unit: "percent" is not allowed; one of: seconds, ratio, bytes, bool',
    ]);
    expect(config.metrics.ok).toEqual({ query: 'up' });
    expect(Object.keys(config.metrics)).toEqual(['ok', 'bad']);
    expect(config.kubernetes).toEqual({});
  });

  it('a serviceLabel must be a label key; a YAML error is located', () => {
    expect(problems('defaults: { serviceLabel: "my label" }\n')[0]).toContain('defaults.serviceLabel: label key "my label"');
    expect(problems('prometheus:\n  url: [\n')[0]).toMatch(/^3:1 prometheus.url: /);
  });
});
