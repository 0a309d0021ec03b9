// One fixture per kind of defect: each must be reported exactly once, at the offending node,
// with its dotted path and a message that says what is wrong and what is allowed. Experiments go through
// the pass validate and run --dry-run share (parse, then plan: templates and policy).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/parse.js';
import { checkExperiments } from '../../../src/commands/load.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const read = (dir: string, f: string) => ({ file: f, text: readFileSync(join(FIXTURES, dir, f), 'utf8') });
const catalog = parseConfigText('chaos.config.yml', readFileSync(join(FIXTURES, 'chaos.config.yml'), 'utf8'));

/** file(s) → expected [file:line:col, path, message substring] for every issue. */
const EXPERIMENT_CASES: [string[], [string, string, string][]][] = [
  [['yaml-syntax.yml'], [['yaml-syntax.yml:3:1', 'target.service', 'Flow map in block collection must be sufficiently indented']]],
  [['duplicate-key.yml'], [['duplicate-key.yml:5:1', 'duration', 'duplicate key']]],
  [['unknown-key.yml'], [['unknown-key.yml:10:7', 'experiments[1].target.percentag', 'unknown key "percentag" (did you mean "percentage"?)']]],
  [['bad-fault-type.yml'], [['bad-fault-type.yml:4:9', 'fault.type', 'unknown fault type "latncy" (did you mean "latency"?)']]],
  [['percentage-zero.yml'], [['percentage-zero.yml:2:37', 'target.percentage', 'must be an integer from 1 to 100 (no %)']]],
  [['percentage-101.yml'], [['percentage-101.yml:2:37', 'target.percentage', 'must be an integer from 1 to 100']]],
  [['percentage-string.yml'], [['percentage-string.yml:4:15', 'target.percentage', '(no %)']]],
  [['percentage-and-count.yml'], [['percentage-and-count.yml:2:25', 'target.percentage', 'give percentage or count, not both']]],
  [['bad-latency.yml'], [['bad-latency.yml:5:12', 'fault.latency', 'must be a duration like 500ms']]],
  [['bad-duration.yml'], [['bad-duration.yml:4:11', 'duration', 'must be a duration like 500ms, 30s, 5m or 1m30s']]],
  [['zero-duration.yml'], [['zero-duration.yml:4:11', 'duration', 'above zero']]],
  [['missing-duration.yml'], [['missing-duration.yml:1:1', 'duration', 'missing duration']]],
  [['bad-label-selector.yml'], [['bad-label-selector.yml:3:19', 'target.label_selector', '"tier in canary" is not a requirement']]],
  [['bad-label-value.yml'], [['bad-label-value.yml:3:19', 'target.label_selector', 'label value "-api"']]],
  [['target-without-selector.yml'], [['target-without-selector.yml:3:3', 'target', 'target needs service or label_selector']]],
  [['connection-failure-no-dependency.yml'], [['connection-failure-no-dependency.yml:4:9', 'fault.type', 'connection_failure needs target.dependency']]],
  [['direction-without-dependency.yml'], [['direction-without-dependency.yml:5:14', 'fault.direction', 'direction "from" needs target.dependency']]],
  [['dependency-on-pod-fault.yml'], [['dependency-on-pod-fault.yml:4:3', 'target.dependency', 'dependency only applies to network faults, not pod_kill']]],
  [['bad-host.yml'], [['bad-host.yml:5:31', 'target.dependency.hosts[1]', 'must be an IPv4 address, a CIDR or a DNS name']]],
  [['container-kill-no-containers.yml'], [['container-kill-no-containers.yml:4:3', 'fault.containers', 'missing required key "containers"']]],
  [['workers-zero.yml'], [['workers-zero.yml:5:12', 'fault.workers', 'must be an integer from 1 to 8192']]],
  [['bad-memory-size.yml'], [['bad-memory-size.yml:5:9', 'fault.size', 'must be a size like 256MB']]],
  [['bad-rate.yml'], [['bad-rate.yml:5:9', 'fault.rate', 'must be an integer with a unit']]],
  [['http-code-on-request.yml'], [['http-code-on-request.yml:6:3', 'fault.code', 'set target: Response']]],
  [['http-missing-port.yml'], [['http-missing-port.yml:4:3', 'fault.port', 'missing required key "port"']]],
  [['bad-baseline.yml'], [['bad-baseline.yml:6:5', 'success_criteria[0]', '"1.5y baseline" is not a baseline-relative value: write "<N>x baseline"']]],
  [['http-probe-without-url.yml'], [['http-probe-without-url.yml:6:11', 'success_criteria[0].http.url', 'missing required key "url"']]],
  [['alert-without-name.yml'], [['alert-without-name.yml:7:14', 'abort_when[0].alert', 'must be an alert name']]],
  [['empty-expect-effect.yml'], [['empty-expect-effect.yml:6:16', 'expect_effect', 'no conditions: list at least one effect']]],
  [['io-errno-zero.yml'], [['io-errno-zero.yml:6:10', 'fault.errno', 'must be an integer from 1 to 4294967295']]],
  [['time-skew-bad-offset.yml'], [['time-skew-bad-offset.yml:5:11', 'fault.offset', 'must be a signed duration like -10m']]],
  [['fault-outlasts-window.yml'], [['fault-outlasts-window.yml:5:13', 'fault.duration', 'the fault (10m) cannot outlast the experiment duration (5m)']]],
  [['unknown-metric.yml'], [['unknown-metric.yml:6:5', 'success_criteria[0]', `unknown metric "error_rat" (did you mean "error_rate"?): define it in chaos.config.yml under metrics: { error_rat: { query: '<PromQL>' } }`]]],
  [['no-criteria.yml'], [['no-criteria.yml:1:1', 'success_criteria', 'missing success_criteria: an experiment without criteria proves nothing']]],
  [['empty-criteria.yml'], [['empty-criteria.yml:5:19', 'success_criteria', 'proves nothing']]],
  [['bad-criterion.yml'], [['bad-criterion.yml:7:5', 'success_criteria[1]', 'cannot read criterion "error_rate = 0.01" (use == for equality)']]],
  [['unit-mismatch.yml'], [['unit-mismatch.yml:6:5', 'success_criteria[0]', 'p95_latency is a duration but 1% is a ratio']]],
  [['recovery-time-op.yml'], [['recovery-time-op.yml:6:5', 'success_criteria[0]', 'recovery_time is compared with < or <= against a duration']]],
  [['unknown-named-value.yml'], [['unknown-named-value.yml:6:23', 'success_criteria[0].data_consistency', 'data_consistency has no value "strong"; one of: eventual']]],
  [['dependency-template-without-dependency.yml'], [['dependency-template-without-dependency.yml:6:5', 'success_criteria[0].circuit_breaker_triggered', 'uses {{dependency}}, but this experiment has no target.dependency']]],
  [['criterion-object-bad-op.yml'], [['criterion-object-bad-op.yml:7:9', 'success_criteria[0].op', '"=>" is not allowed (did you mean ">"?)']]],
  [['criterion-two-keys.yml'], [['criterion-two-keys.yml:6:5', 'success_criteria[0]', 'exactly one key, found 2']]],
  [['bad-name.yml'], [['bad-name.yml:1:7', 'name', 'must be a DNS-1123 label']]],
  [['long-name.yml'], [['long-name.yml:1:7', 'name', 'at most 54 characters: chaos appends a 9-character -<runid> suffix']]],
  [['status-present.yml'], [['status-present.yml:6:1', 'status', '"status" is not allowed']]],
  [['hook-shell-syntax.yml'], [['hook-shell-syntax.yml:8:7', 'hooks.before[0]', 'uses shell syntax (|): set shell: true or write an argv list']]],
  [['not-a-mapping.yml'], [['not-a-mapping.yml:1:1', '(root)', 'expected a mapping']]],
  [['empty.yml'], [['empty.yml:1:1', '(root)', 'file is empty']]],
  [['service-template-set-selector.yml'], [['service-template-set-selector.yml:6:5', 'success_criteria[0]', '{{service}} in metric "error_rate" cannot be filled: experiment "set-selector" has no target.service']]],
  [['protected-namespace.yml'], [['protected-namespace.yml:3:14', 'target.namespace', 'namespace "kube-system" is protected: no target may be in it. To allow it, list policy.protectedNamespaces in chaos.config.yml without it (policy.protectedNamespaces: [] lifts the protection)']]],
  [['protected-dependency.yml'], [['protected-dependency.yml:5:46', 'target.dependency', 'namespace "kube-system" is protected: no dependency may be in it']]],
  [['percentage-over-policy.yml'], [['percentage-over-policy.yml:2:37', 'target.percentage', 'hits 60% of the matching pods, above policy.maxPercentage (50%)']]],
  [['duplicate-name-a.yml', 'duplicate-name-b.yml'], [['duplicate-name-b.yml:7:11', 'experiments[1].name', 'duplicate experiment name "same-name": first defined at duplicate-name-a.yml:1:7']]],
];

const CONFIG_CASES: [string, [string, string, string][]][] = [
  ['unknown-template-var.yml', [['unknown-template-var.yml:3:12', 'metrics.error_rate.query', 'unknown template variable {{svc}}; allowed: {{namespace}} {{service}}']]],
  ['literal-password.yml', [['literal-password.yml:5:5', 'prometheus.basicAuth.password', 'secrets never live in this file; use passwordEnv: <ENV_VAR_NAME>']]],
  ['literal-token.yml', [['literal-token.yml:3:3', 'prometheus.token', 'use bearerTokenEnv: <ENV_VAR_NAME>']]],
  ['unknown-key.yml', [['unknown-key.yml:2:3', 'prometheus.urll', 'unknown key "urll" (did you mean "url"?)']]],
  ['bad-poll-interval.yml', [['bad-poll-interval.yml:3:17', 'defaults.pollInterval', 'must be a duration like 500ms']]],
  ['authorization-header.yml', [['authorization-header.yml:5:5', 'prometheus.headers.Authorization', 'use bearerTokenEnv or basicAuth']]],
  ['url-credentials.yml', [['url-credentials.yml:2:8', 'prometheus.url', 'credentials in the URL']]],
  ['metric-without-query.yml', [['metric-without-query.yml:2:3', 'metrics.error_rate', 'needs query (PromQL) or values']]],
  ['recovery-time-metric.yml', [['recovery-time-metric.yml:2:3', 'metrics.recovery_time', 'recovery_time is built in']]],
  ['bad-metric-name.yml', [['bad-metric-name.yml:2:3', 'metrics.error-rate', 'metric names are letters, digits and _']]],
  ['env-not-a-name.yml', [['env-not-a-name.yml:3:19', 'prometheus.bearerTokenEnv', 'must be the NAME of an environment variable']]],
  ['url-and-service.yml', [['url-and-service.yml:3:3', 'prometheus.service', 'set url or service, not both']]],
];

const VALID_SIBLINGS: Record<string, string[]> = {
  'unknown-key.yml': ['ok-one'],
  'duplicate-name-a.yml,duplicate-name-b.yml': ['same-name', 'other'],
  // Parsed fine; the plan (shared with run --dry-run) finds what is wrong.
  'service-template-set-selector.yml': ['set-selector'],
  'protected-namespace.yml': ['dns-latency'],
  'protected-dependency.yml': ['dns-partition'],
  'percentage-over-policy.yml': ['half-and-more'],
};

const located = (issues: { file: string; line: number; col: number; path: string; message: string }[]) =>
  issues.map((i) => [`${i.file}:${i.line}:${i.col}`, i.path, i.message] as const);

describe('invalid experiment fixtures', () => {
  it('the fixture catalog itself is valid', () => expect(catalog.issues).toEqual([]));

  it('every fixture in test/fixtures/invalid has a case', () => {
    const covered = new Set(EXPERIMENT_CASES.flatMap(([files]) => files));
    expect(readdirSync(join(FIXTURES, 'invalid')).filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each(EXPERIMENT_CASES)('%s', (files, expected) => {
    const { experiments, issues } = checkExperiments(files.map((f) => read('invalid', f)), catalog.config, { runId: 'abcdefgh' });
    const got = located(issues);
    expect(got.map(([where, path]) => [where, path])).toEqual(expected.map(([where, path]) => [where, path]));
    expected.forEach(([, , message], i) => expect(got[i]?.[2]).toContain(message));
    // Only the valid siblings of a broken experiment come back.
    expect(experiments.map((e) => e.name)).toEqual(VALID_SIBLINGS[files.join()] ?? []);
  });
});

describe('invalid config fixtures', () => {
  it('every fixture in test/fixtures/invalid-config has a case', () => {
    const covered = new Set(CONFIG_CASES.map(([f]) => f));
    expect(readdirSync(join(FIXTURES, 'invalid-config')).filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each(CONFIG_CASES)('%s', (file, expected) => {
    const { text } = read('invalid-config', file);
    const got = located(parseConfigText(file, text).issues);
    expect(got.map(([where, path]) => [where, path])).toEqual(expected.map(([where, path]) => [where, path]));
    expected.forEach(([, , message], i) => expect(got[i]?.[2]).toContain(message));
  });

  it('never echoes a secret value in a message', () => {
    for (const file of ['literal-password.yml', 'literal-token.yml', 'url-credentials.yml', 'authorization-header.yml', 'env-not-a-name.yml']) {
      const messages = parseConfigText(file, read('invalid-config', file).text).issues.map((i) => i.message).join('\n');
      for (const secret of ['hunter2', 'abc123', 's3cr3tPW', 'Bearer abc', 'eyJhbGciOi']) expect(messages).not.toContain(secret);
    }
  });
});
