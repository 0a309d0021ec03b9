// Property: every experiment `chaos validate` accepts renders (run --dry-run, the YAML users pipe to kubectl)
// to objects Chaos Mesh's own webhook code accepts: strict decoding, Default(), ValidateCreate().
import { beforeAll, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseDuration } from '../../src/experiment/duration.js';
import { FAULT_TYPES } from '../../src/experiment/fault-types.js';
import { runChaos } from '../e2e/cli.js';
import { validateAgainstCrd } from '../support/crd-validator.js';
import { experimentsFile } from './experiments-file.js';
import { randomExperiment } from './generate.js';
import { makeRand } from './rand.js';
import { BUILD_TIMEOUT_MS, buildOracle, describeVerdict, judge } from './oracle.js';
import { experimentOf, workspace } from './workspace.js';

const SEED = 20260917;
const N = 3000;

beforeAll(() => buildOracle(), BUILD_TIMEOUT_MS);

test(`${N} generated valid experiments (seed ${SEED}, every fault type and target form) are accepted upstream`, async () => {
  const r = makeRand(SEED);
  const exps = Array.from({ length: N }, (_, i) => randomExperiment(r, `g-${i}`, FAULT_TYPES[i % FAULT_TYPES.length]));
  const ws = workspace();
  ws.write('gen.yml', experimentsFile(exps).text);

  const validated = await runChaos(['validate', 'gen.yml'], { cwd: ws.dir });
  expect(validated.stdout + validated.stderr).toMatch(new RegExp(`${N} experiments in 1 file valid`));
  expect(validated.code).toBe(0);
  const dry = await runChaos(['run', '--dry-run', 'gen.yml'], { cwd: ws.dir });
  expect(dry.stderr).toBe('');
  expect(dry.code).toBe(0);

  const verdicts = judge(dry.stdout);
  const rejected = verdicts.filter((v) => !v.accepted);
  const kinds = new Map<string, number>();
  for (const v of verdicts) kinds.set(v.kind ?? '?', (kinds.get(v.kind ?? '?') ?? 0) + 1);
  console.log(
    `oracle: ${N} generated experiments (seed ${SEED}) → ${verdicts.length} manifests; accepted by Chaos Mesh's webhook code: ` +
      `${verdicts.length - rejected.length}/${verdicts.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`,
  );
  expect(verdicts.map((v) => experimentOf(v.name))).toEqual(exps.map((e) => e.name));
  expect(rejected.map(describeVerdict)).toEqual([]);

  // Go reads spec.duration as the fault window the experiment asked for (0 would be "until deleted") plus
  // the injection allowance: the shipped config's injectionTimeout (60s) and a 10s margin (SPEC §10).
  const allowanceMs = 60_000 + 10_000;
  const windows = new Map(exps.map((e) => [e.name, parseDuration(String(e.duration ?? e.fault.duration))! + allowanceMs]));
  const misread = verdicts.filter((v) => {
    const ms = windows.get(experimentOf(v.name))!;
    return v.durationNs === undefined || v.durationNs <= 0 || Math.abs(v.durationNs / 1e6 - ms) > 1e-6 + ms * 1e-12;
  });
  expect(misread.map((v) => `${v.name}: Go reads ${v.durationNs} ns, asked ${windows.get(experimentOf(v.name))} ms`)).toEqual([]);

  // What upstream's Default() adds, and never to a selector: chaos writes namespaces out (chaos-mesh/selector.ts).
  const defaults = new Map<string, number>();
  for (const op of verdicts.flatMap((v) => v.defaulted ?? [])) defaults.set(`${op.op} ${op.path}`, (defaults.get(`${op.op} ${op.path}`) ?? 0) + 1);
  console.log(`oracle: upstream Default() changed: ${[...defaults].map(([k, n]) => `${k} ×${n}`).join(', ') || 'nothing'}`);
  expect([...defaults.keys()].filter((k) => /selector/.test(k))).toEqual([]);

  // The same objects against the CRDs' schemas (the API server's other check).
  const docs = parseAllDocuments(dry.stdout).map((d) => d.toJS() as Record<string, unknown>);
  expect(docs.flatMap((d) => validateAgainstCrd(d).map((e) => `${String((d.metadata as { name: string }).name)}: ${e}`))).toEqual([]);
}, 180_000);

test('the generator covers every fault type and every target form', () => {
  const r = makeRand(SEED);
  const exps = Array.from({ length: N }, (_, i) => randomExperiment(r, `g-${i}`, FAULT_TYPES[i % FAULT_TYPES.length]));
  const seen = new Set(exps.flatMap((e) => [
    e.type,
    ...Object.keys(e.target).map((k) => `target.${k}`),
    ...(e.fault.count !== undefined ? ['fault.count'] : []),
    ...(typeof e.target.dependency === 'string' ? ['dependency:string'] : []),
    ...(e.target.dependency && typeof e.target.dependency === 'object' ? Object.keys(e.target.dependency).map((k) => `dependency.${k}`) : []),
  ]));
  const forms = ['target.namespace', 'target.service', 'target.label_selector', 'target.percentage', 'target.count', 'fault.count',
    'target.dependency', 'dependency:string', 'dependency.service', 'dependency.namespace', 'dependency.label_selector', 'dependency.hosts'];
  expect([...FAULT_TYPES, ...forms].filter((f) => !seen.has(f))).toEqual([]);
});
