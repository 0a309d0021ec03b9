// Differential: one parameter of a valid experiment set to an edge or invalid value (mutations.ts).
// Whatever Chaos Mesh's webhook code rejects, `chaos validate` rejects too, at the parameter's line, saying
// why. When chaos accepts, upstream judges the real rendering; when chaos rejects, upstream judges the
// value as written into the manifest, to count where chaos is stricter.
import { beforeAll, expect, test } from 'vitest';
import { runChaos } from '../e2e/cli.js';
import { experimentsFile } from './experiments-file.js';
import { randomExperiment, type GenExperiment } from './generate.js';
import { makeRand } from './rand.js';
import { MUTATIONS, naive, setPath, type Mutation } from './mutations.js';
import { BUILD_TIMEOUT_MS, buildOracle, judge, type Verdict } from './oracle.js';
import { experimentOf, planned, workspace } from './workspace.js';

const SEED = 4242;
const ROUNDS = 5; // every (parameter, value) pair this many times, each on a different random experiment

interface Case { m: Mutation; value: unknown; base: GenExperiment; mutated: GenExperiment }
interface Issue { file: string; line: number; col: number; path: string; message: string }

beforeAll(() => buildOracle(), BUILD_TIMEOUT_MS);

function cases(): Case[] {
  const r = makeRand(SEED);
  const out: Case[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const m of MUTATIONS)
      for (const value of m.values) {
        const i = out.length;
        const base = randomExperiment(r, `b-${i}`, m.types[(round + i) % m.types.length]);
        m.prepare?.(base, r);
        const mutated: GenExperiment = structuredClone({ ...base, name: `m-${i}` });
        const [scope, key] = m.key.includes('.') ? m.key.split('.') : [undefined, m.key];
        if (scope === 'target') mutated.target[key!] = value;
        else if (scope === 'fault') mutated.fault[key!] = value;
        else mutated.duration = value as string;
        out.push({ m, value, base, mutated });
      }
  return out;
}

test(`generated invalid parameters (seed ${SEED}): whatever upstream rejects, chaos validate rejects at the parameter's line`, async () => {
  const all = cases();
  const ws = workspace();
  const mutatedFile = experimentsFile(all.map((c) => c.mutated));
  ws.write('base.yml', experimentsFile(all.map((c) => c.base)).text);
  ws.write('mutated.yml', mutatedFile.text);

  // chaos's verdict, with every problem's location.
  const v = await runChaos(['validate', '--output', 'json', 'mutated.yml'], { cwd: ws.dir });
  // The seeded cases always include values chaos refuses: exactly exit 3 (invalid), never 0 or a crash.
  expect(v.code, v.stderr).toBe(3);
  const issues = (JSON.parse(v.stdout) as { issues: Issue[] }).issues;
  const byExperiment = new Map<string, Issue[]>();
  for (const issue of issues) {
    const owner = [...mutatedFile.at].find(([, at]) => issue.line >= at.first && issue.line <= at.last)?.[0] ?? '?';
    byExperiment.set(owner, [...(byExperiment.get(owner) ?? []), issue]);
  }
  expect(byExperiment.has('?'), 'an issue outside every experiment').toBe(false);

  // Upstream's verdict: on the real rendering when chaos accepts, else on the value as written.
  const accepted = all.filter((c) => !byExperiment.has(c.mutated.name));
  ws.write('accepted.yml', experimentsFile(accepted.map((c) => c.mutated)).text);
  const dry = await runChaos(['run', '--dry-run', 'accepted.yml'], { cwd: ws.dir });
  expect(dry.code).toBe(0);
  const upstream = new Map<string, Verdict>(judge(dry.stdout).map((verdict) => [experimentOf(verdict.name), verdict]));
  const bases = await planned(ws.dir, 'base.yml');
  const rejected = all.filter((c) => byExperiment.has(c.mutated.name));
  const asWritten = rejected.map((c) => {
    const manifest = structuredClone(bases.get(c.base.name)!.manifests[0]!);
    setPath(manifest, c.m.path(c.base.type), naive(c.m, c.value));
    for (const [path, value] of Object.entries(c.m.also ?? {})) setPath(manifest, path, value);
    return manifest;
  });
  judge(asWritten).forEach((verdict, i) => upstream.set(rejected[i]!.mutated.name, verdict));

  // Tally per parameter; collect disagreements and unlocated rejections.
  const rows = new Map<string, { cases: number; both: number; stricter: number; neither: number; missed: number }>();
  const missed: string[] = [];
  const unlocated: string[] = [];
  for (const c of all) {
    const ours = byExperiment.get(c.mutated.name) ?? [];
    const theirs = upstream.get(c.mutated.name);
    expect(theirs, c.mutated.name).toBeDefined();
    const row = rows.get(c.m.key) ?? { cases: 0, both: 0, stricter: 0, neither: 0, missed: 0 };
    rows.set(c.m.key, row);
    row.cases++;
    const upstreamRejects = !theirs!.accepted;
    if (ours.length > 0 && upstreamRejects) row.both++;
    else if (ours.length > 0) row.stricter++;
    else if (upstreamRejects) {
      row.missed++;
      missed.push(`${c.m.key}=${JSON.stringify(c.value)} (${c.base.type}): upstream says ${(theirs!.errors ?? []).join('; ')}`);
    } else row.neither++;
    if (ours.length > 0) {
      const line = mutatedFile.at.get(c.mutated.name)!.lines.get(c.m.key);
      const here = ours.filter((i) => i.file === 'mutated.yml' && i.line === line && i.col > 0 && i.message.length > 10);
      if (here.length === 0) unlocated.push(`${c.m.key}=${JSON.stringify(c.value)} (line ${line}): ${ours.map((i) => `${i.line}:${i.col} ${i.message}`).join('; ')}`);
    }
  }

  const total = [...rows.values()].reduce((a, r) => ({ both: a.both + r.both, stricter: a.stricter + r.stricter, neither: a.neither + r.neither, missed: a.missed + r.missed }), { both: 0, stricter: 0, neither: 0, missed: 0 });
  const upstreamRejections = total.both + total.missed;
  console.log(
    [
      `oracle: ${all.length} generated parameter cases (seed ${SEED}, ${MUTATIONS.length} parameters × their edge values × ${ROUNDS}):`,
      `  upstream rejects ${upstreamRejections}; chaos validate rejects ${total.both} of them (agreement ${total.both}/${upstreamRejections});`,
      `  both accept ${total.neither}; only chaos rejects (stricter) ${total.stricter}`,
      ...[...rows].map(([key, r]) => `  ${key.padEnd(20)} cases ${r.cases}  both reject ${r.both}  chaos stricter ${r.stricter}  both accept ${r.neither}  missed ${r.missed}`),
    ].join('\n'),
  );
  expect(missed).toEqual([]);
  expect(unlocated).toEqual([]);
  // The pools do hold values upstream rejects, and values both accept: the comparison is not vacuous.
  expect(upstreamRejections).toBeGreaterThan(all.length / 4);
  expect(total.neither).toBeGreaterThan(all.length / 10);
}, 180_000);
