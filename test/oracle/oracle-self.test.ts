// The judge itself: it refuses what Chaos Mesh refuses (so the differential tests can fail), and its
// output is what the other tests read.
import { beforeAll, describe, expect, test } from 'vitest';
import { BUILD_TIMEOUT_MS, buildOracle, judge, oracleBinary } from './oracle.js';
import { spawnSync } from 'node:child_process';

beforeAll(() => buildOracle(), BUILD_TIMEOUT_MS);

const podChaos = (spec: Record<string, unknown>, name = 'p') => ({
  apiVersion: 'chaos-mesh.org/v1alpha1',
  kind: 'PodChaos',
  metadata: { name, namespace: 'shop' },
  spec: { action: 'pod-failure', mode: 'all', selector: { namespaces: ['shop'] }, duration: '1m', ...spec },
});

describe('oracle < manifests', () => {
  test('a valid object: accepted, with what Default() changed and the duration Go reads', () => {
    const [v] = judge([{ ...podChaos({}), spec: { action: 'pod-failure', mode: 'all', selector: {}, duration: '1m30s' } }]);
    expect(v).toEqual({
      index: 0, kind: 'PodChaos', name: 'p', accepted: true, durationNs: 90e9,
      defaulted: [{ op: 'add', path: '/spec/selector/namespaces', value: ['shop'] }],
    });
  });

  test('unknown and mistyped fields fail strict decoding, as with kubectl apply', () => {
    const [unknown, mistyped] = judge([podChaos({ typo: 1 }), podChaos({ mode: 'fixed', value: 1 })]);
    expect(unknown).toMatchObject({ accepted: false, stage: 'decode', errors: ['strict decoding error: unknown field "spec.typo"'] });
    expect(mistyped).toMatchObject({ accepted: false, stage: 'decode' });
    expect(mistyped!.errors!.join()).toMatch(/cannot unmarshal number into Go struct field .*value of type string/);
  });

  test('webhook rules: each error listed with its field and reason', () => {
    const [v] = judge([podChaos({ action: 'container-kill', mode: 'fixed-percent', value: '150', duration: '5 min' })]);
    expect(v).toMatchObject({ accepted: false, stage: 'webhook', kind: 'PodChaos', name: 'p' });
    // Upstream walks PodSelector twice here (as ContainerSelector and as its embedded PodSelector).
    expect(v!.errors).toHaveLength(4);
    expect(v!.errors!.join('\n')).toMatch(/value of 150 is invalid, Must be \(0,100\] with mode:fixed-percent/);
    expect(v!.errors!.join('\n')).toMatch(/Spec\.Duration: Invalid value: "5 min": parse duration field error/);
    expect(v!.errors!.join('\n')).toMatch(/the name of container is required on container-kill action/);
  });

  test('v2.8.3 has no NetworkChaos partitionBehavior: the field is unknown and Default() does not add it', () => {
    const net = (spec: Record<string, unknown>) => ({
      apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', metadata: { name: 'n', namespace: 'shop' },
      spec: { action: 'partition', mode: 'all', selector: { namespaces: ['shop'] }, direction: 'to', duration: '1m', ...spec },
    });
    const [plain, withField] = judge([net({}), net({ partitionBehavior: 'drop' })]);
    expect(plain).toMatchObject({ accepted: true });
    expect(plain!.defaulted ?? []).toEqual([]);
    expect(withField).toMatchObject({ accepted: false, stage: 'decode' });
    expect(withField!.errors!.join()).toMatch(/unknown field "spec.partitionBehavior"/);
  });

  test('YAML as kubectl reads it (1.1 booleans), comment-only documents skipped, indices count objects', () => {
    const text = [
      '# plan header', '---',
      'apiVersion: chaos-mesh.org/v1alpha1', 'kind: PodChaos', 'metadata: { name: a, namespace: "on" }',
      'spec: { action: pod-failure, mode: all, selector: { namespaces: ["on"] }, duration: 1m }', '---', '# only a comment', '---',
      'apiVersion: chaos-mesh.org/v1alpha1', 'kind: PodChaos', 'metadata: { name: b, namespace: on }',
      'spec: { action: pod-failure, mode: all, selector: { namespaces: [shop] }, duration: 1m }', '',
    ].join('\n');
    const verdicts = judge(text);
    expect(verdicts.map((v) => [v.index, v.name, v.accepted])).toEqual([[0, 'a', true], [1, 'b', false]]);
    expect(verdicts[1]!.errors!.join()).toMatch(/cannot unmarshal bool .*namespace of type string/);
  });

  test('kinds without a Chaos Mesh webhook and non-objects are refused, and bad usage exits 2', () => {
    const verdicts = judge('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n---\njust text\n');
    expect(verdicts.map((v) => v.accepted)).toEqual([false, false]);
    expect(verdicts[0]!.errors!.join()).toMatch(/no kind "ConfigMap" is registered/);
    const usage = spawnSync(oracleBinary(), ['--bogus'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: oracle/);
  });
});
