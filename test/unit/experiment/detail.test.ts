// The heavy parsers are loaded on demand: a pure parse that meets input needing them throws DetailNeeded
// (never a wrong answer), and withDetail loads them and parses again.
import { describe, expect, it, vi } from 'vitest';

// A fresh module graph: test/setup/detail.ts has loaded the heavy parts into the shared one.
async function fresh() {
  vi.resetModules();
  const detail = await import('../../../src/experiment/detail.js');
  const { parseExperimentSources } = await import('../../../src/lifecycle/parse.js');
  const { defaultConfig } = await import('../../../src/config/parse.js');
  const parse = (text: string) => parseExperimentSources([{ file: 'e.yml', text }], defaultConfig());
  return { ...detail, parse };
}

const VALID = 'name: a\ntarget: { service: api }\nfault: { type: pod_kill }\nduration: 1m\nsuccess_criteria: ["error_rate < 1"]\n';
const CATALOG_FREE = VALID.replace('"error_rate < 1"', '{ query: "up", op: "<", value: 1 }');

describe('detail on demand', () => {
  it('valid plain YAML parses without the heavy parts', async () => {
    const { parse } = await fresh();
    const r = parse(CATALOG_FREE);
    expect(r.issues).toEqual([]);
    expect(r.experiments.map((e) => e.name)).toEqual(['a']);
  });

  it('invalid input throws DetailNeeded until loaded; withDetail loads and explains it', async () => {
    const { parse, withDetail, DetailNeeded } = await fresh();
    const bad = CATALOG_FREE.replace('type: pod_kill', 'type: pod_kill, grace_period: -1');
    expect(() => parse(bad)).toThrow(DetailNeeded);
    const r = await withDetail(() => parse(bad));
    expect(r.issues).toMatchObject([{ line: 3, col: 40, path: 'fault.grace_period', message: 'must be an integer ≥ 0' }]);
  });

  it('YAML beyond the fast subset needs the yaml library, and gets it', async () => {
    const { parse, withDetail, DetailNeeded } = await fresh();
    const anchored = CATALOG_FREE.replace('name: a', 'name: &n a');
    expect(() => parse(anchored)).toThrow(DetailNeeded);
    const r = await withDetail(() => parse(anchored));
    expect(r.issues).toEqual([]);
    expect(r.experiments.map((e) => e.name)).toEqual(['a']);
  });

  it('withDetail passes other errors through and runs the parse once when nothing is needed', async () => {
    const { withDetail } = await fresh();
    let runs = 0;
    await expect(withDetail(() => ++runs)).resolves.toBe(1);
    await expect(withDetail(() => { throw new RangeError('boom'); })).rejects.toThrow(RangeError);
  });
});
