// The fake API server's admission (test/fake-kube/admission.ts: defaults, then webhook rules) against Chaos
// Mesh's own webhook code, on real renderings and on every edge/invalid parameter value of mutations.ts.
// The e2e tests meet the fake's answers: they must be upstream's.
import { beforeAll, expect, test } from 'vitest';
import { defaultChaos, webhookValidate } from '../fake-kube/admission.js';
import type { KObj } from '../fake-kube/store.js';
import { experimentsFile } from './experiments-file.js';
import { randomExperiment } from './generate.js';
import { MUTATIONS, naive, setPath } from './mutations.js';
import { BUILD_TIMEOUT_MS, buildOracle, judge } from './oracle.js';
import { makeRand } from './rand.js';
import { planned, workspace } from './workspace.js';

const SEED = 99;

beforeAll(() => buildOracle(), BUILD_TIMEOUT_MS);

function fakeAccepts(obj: Record<string, unknown>): { ok: boolean; message: string } {
  const o = structuredClone(obj) as unknown as KObj;
  try {
    defaultChaos(o);
    webhookValidate(o, undefined);
    return { ok: true, message: '' };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

test(`fake-kube admission agrees with Chaos Mesh's webhook code (seed ${SEED})`, async () => {
  const r = makeRand(SEED);
  const bases = MUTATIONS.flatMap((m) => m.types.map((type, i) => ({ m, e: randomExperiment(r, `b-${m.key.replace(/[._]/g, '-')}-${i}`, type) })));
  for (const { m, e } of bases) m.prepare?.(e, r);
  const ws = workspace();
  ws.write('bases.yml', experimentsFile(bases.map((b) => b.e)).text);
  const rendered = await planned(ws.dir, 'bases.yml');
  const objects: Array<{ what: string; obj: Record<string, unknown> }> = [];
  for (const { m, e } of bases) {
    const manifest = rendered.get(e.name)!.manifests[0]!;
    objects.push({ what: `${e.type} as rendered`, obj: manifest });
    for (const value of m.values) {
      const obj = structuredClone(manifest);
      setPath(obj, m.path(e.type), naive(m, value));
      for (const [path, v] of Object.entries(m.also ?? {})) setPath(obj, path, v);
      objects.push({ what: `${e.type} ${m.key}=${JSON.stringify(value)}`, obj });
    }
  }
  const verdicts = judge(objects.map((o) => o.obj));
  // Only what decodes: type errors are the CRD schema's business (crd-errors.ts), before any webhook.
  const compared = verdicts.map((v, i) => ({ v, ...objects[i]! })).filter(({ v }) => v.stage !== 'decode');
  const disagree = compared.flatMap(({ v, what, obj }) => {
    const fake = fakeAccepts(obj);
    return fake.ok === v.accepted ? [] : [`${what}: upstream ${v.accepted ? 'accepts' : `rejects (${v.errors!.join('; ')})`}, fake ${fake.ok ? 'accepts' : `rejects (${fake.message})`}`];
  });
  const rejected = compared.filter(({ v }) => !v.accepted).length;
  console.log(`oracle: fake-kube admission vs upstream on ${compared.length} objects (${rejected} rejected upstream): ${compared.length - disagree.length} agree`);
  expect(disagree).toEqual([]);
  expect(rejected).toBeGreaterThan(compared.length / 5);
}, 120_000);
