// Everything chaos ships or its tests feed the renderer is accepted by Chaos Mesh's own webhook code:
// `run --dry-run` of experiments/*.yml (the seed included) and of the benchmark files, and the render
// tables of the unit tests (every fault type with every optional parameter and dependency form).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { cycledExperiments, latencyExperiments } from '../../bench/generate.js';
import { renderExperiment } from '../../src/chaos-mesh/render.js';
import type { Dependency, Experiment } from '../../src/experiment/model.js';
import { ROOT, runChaos } from '../e2e/cli.js';
import { experiment, FAULTS, faultTypes, podsDependency, seedExperiments } from '../unit/chaos-mesh/build.js';
import { examples } from './examples.js';
import { BUILD_TIMEOUT_MS, buildOracle, describeVerdict, judge } from './oracle.js';
import { workspace } from './workspace.js';

beforeAll(() => buildOracle(), BUILD_TIMEOUT_MS);


test('run --dry-run of every shipped example: each manifest accepted upstream, one per experiment', async () => {
  const validated = await runChaos(['validate', '--output', 'json', ...examples()]);
  expect(validated.code).toBe(0);
  const names = (JSON.parse(validated.stdout) as { experiments: string[] }).experiments;
  const r = await runChaos(['run', '--dry-run', ...examples()]);
  expect(r.code).toBe(0);
  const verdicts = judge(r.stdout);
  console.log(`oracle: experiments/ → ${verdicts.length} manifests, ${verdicts.filter((v) => v.accepted).length} accepted upstream`);
  expect(verdicts.map((v) => v.name?.replace(/-[a-z0-9]{8}$/, ''))).toEqual(names);
  expect(verdicts.filter((v) => !v.accepted).map(describeVerdict)).toEqual([]);
  // Every kind chaos renders is among them, so each kind's webhook code has judged a shipped example.
  expect(new Set(verdicts.map((v) => v.kind))).toEqual(new Set(['NetworkChaos', 'PodChaos', 'StressChaos', 'HTTPChaos', 'IOChaos', 'DNSChaos', 'TimeChaos']));
});

test('run --dry-run of the benchmark files (the seed cycled, back-to-back latency): accepted upstream', async () => {
  const ws = workspace();
  ws.write('cycled.yml', cycledExperiments(readFileSync(join(ROOT, 'experiments', 'materi.yml'), 'utf8'), 40));
  ws.write('latency.yml', latencyExperiments(20));
  const r = await runChaos(['run', '--dry-run', 'cycled.yml', 'latency.yml'], { cwd: ws.dir });
  expect(r.code).toBe(0);
  const verdicts = judge(r.stdout);
  expect(verdicts).toHaveLength(60);
  expect(verdicts.filter((v) => !v.accepted).map(describeVerdict)).toEqual([]);
});

test('the unit tests\' render tables (every fault type × dependency form, minimal faults, the seed): accepted upstream', () => {
  const ctx = { runId: 'a1b2c3d4', namespace: 'shop' };
  const dependencies: Array<Dependency | undefined> = [undefined, podsDependency('postgresql', 'data'), { kind: 'external', hosts: ['api.stripe.com', '10.0.0.0/8:443'] }];
  const network = new Set(['latency', 'connection_failure', 'network_partition', 'packet_loss', 'corrupt', 'duplicate', 'bandwidth']);
  const exps: Experiment[] = [
    ...faultTypes().flatMap((type) => (network.has(type) ? dependencies : [undefined]).map((dependency, i) =>
      experiment(`x-${type.replace(/_/g, '-')}-${i}`, FAULTS[type], { dependency }))),
    experiment('a', { type: 'latency', latency: '1s' }),
    experiment('b', { type: 'bandwidth', rate: '10mbit', limit: 1000, buffer: 1000, peakrate: 5 }),
    experiment('c', { type: 'cpu_stress', workers: 1 }),
    experiment('d', { type: 'http_abort', port: 80, target: 'Request' }),
    experiment('e', { type: 'io_fault', volumePath: '/v', errno: 28 }),
    experiment('f', { type: 'dns_error' }),
    experiment('g', { type: 'time_skew', offset: '1h' }),
    ...seedExperiments(),
  ];
  const verdicts = judge(exps.flatMap((e) => renderExperiment(e, ctx)));
  expect(verdicts).toHaveLength(exps.length);
  expect(verdicts.filter((v) => !v.accepted).map(describeVerdict)).toEqual([]);
});
