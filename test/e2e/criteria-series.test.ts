// Issue 12 item 7 with the built binary: `==` / `!=` over several series hold only when EVERY series
// does (unless `aggregate` says otherwise), and the report names the series that broke the rule.
import { afterEach, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos } from './cli.js';
import { startWorld, type World } from './world.js';
import type { ExtraSeries, ValueContext } from '../support/metrics-app.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Three scrape targets of the api, like `up`: a and b always up, c as the test says. */
function targets(c: number | ((ctx: ValueContext) => number)): ExtraSeries[] {
  return ['a', 'b', 'c'].map((t) => ({ name: 'target_up', type: 'gauge', labels: { pod: `api-${t}` }, value: t === 'c' ? c : 1 }));
}

/** The series of pod api-c as Prometheus labels it (its scrape adds instance and job). */
const C = 'target_up\\{instance="127\\.0\\.0\\.1:\\d+",job="[^"]+",pod="api-c"\\}';

/** One experiment judged only by `target_up == 1` (object form; `aggregate` when given). */
async function runWith(extra: ExtraSeries[], criterion: string) {
  world = await startWorld({ extra });
  writeFileSync(
    join(world.dir, 'up.yml'),
    `name: api-targets-up\ntarget: { service: api }\nfault: { type: latency, latency: 100ms }\nduration: 4s\nsuccess_criteria:\n  - ${criterion}\n`,
  );
  const r = await runChaos(['run', 'up.yml', '--report', 'json=out/run.json'], { cwd: world.dir, env: world.env });
  const journal = JSON.parse(readFileSync(join(world.dir, 'out/run.json'), 'utf8'));
  return { r, journal, left: world.cluster.objects() };
}

const EQ_ONE = '{ query: "target_up", op: "==", value: 1 }';

describe('== over several series', () => {
  test('one target down before the fault: not steady (exit 5), the series is named, nothing injected', async () => {
    const { r, journal } = await runWith(targets(0), EQ_ONE);
    expect(r.code, r.stdout + r.stderr).toBe(5);
    expect(journal.experiments[0].verdict).toBe('not-steady');
    expect(journal.experiments[0].reason).toMatch(new RegExp(`^not steady before injection: target_up == 1: observed 0; breaching series: ${C}$`));
    expect(r.stdout).toMatch(new RegExp(`breaching series: ${C}`));
    expect(world!.cluster.everCreated()).toEqual([]);
  });

  test('one target goes down during the fault: failed (exit 1), reverted, the series is named', async () => {
    const { r, journal, left } = await runWith(targets((ctx) => (ctx.faultActive ? 0 : 1)), EQ_ONE);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const [e] = journal.experiments;
    expect(e.verdict).toBe('failed');
    const c = e.criteria.find((x: any) => x.label === 'target_up == 1');
    expect(c.verdict).toBe('breached');
    expect(c.reason).toMatch(new RegExp(`; breaching series: ${C}$`));
    const breached = c.samples.filter((s: any) => s.state === 'breached');
    expect(breached.length).toBeGreaterThan(0);
    for (const s of breached) expect(s.series).toEqual([expect.stringMatching(new RegExp(`^${C}$`))]);
    expect(r.stdout).toMatch(new RegExp(`breaching series: ${C}`));
    expect(left).toEqual([]);
  });

  test('aggregate: max given explicitly keeps the reduced reading: one target down passes (exit 0)', async () => {
    const { r, journal, left } = await runWith(targets((ctx) => (ctx.faultActive ? 0 : 1)), '{ query: "target_up", op: "==", value: 1, aggregate: max }');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(journal.experiments[0].verdict).toBe('passed');
    expect(left).toEqual([]);
  });
});
