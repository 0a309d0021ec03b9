// chaos run --parallel N with the built binary: experiments that could act on a common pod never hold
// faults at the same time (read from the API server's request log), disjoint ones do run together,
// SIGINT reverts every running experiment, and nothing is left on the server.
import { afterEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos, startChaos } from './cli.js';
import { startWorld, type World } from './world.js';
import type { LoggedRequest } from '../fake-kube/request-log.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** [apply, delete] times of each experiment's object, from the request log. */
function faultIntervals(reqs: LoggedRequest[]): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const r of reqs) {
    if (!r.path.includes('chaos-mesh.org')) continue;
    const name = r.path.split('/').at(-1)!.replace(/-[a-z0-9]{8}$/, '');
    if (r.method === 'PATCH' && r.query.dryRun === undefined) out.set(name, [r.time, Infinity]);
    if (r.method === 'DELETE' && out.has(name) && out.get(name)![1] === Infinity) out.get(name)![1] = r.time;
  }
  return out;
}
const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

describe('chaos run --parallel', () => {
  test("the seed's four with --parallel 4: the api experiments take turns, relay's runs beside them; all pass, nothing left", async () => {
    world = await startWorld();
    const r = await runChaos(['run', 'experiments/materi.yml', '--parallel', '4', '--duration', '4s', '--report', 'json=out/run.json'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const iv = faultIntervals(world.cluster.requests());
    expect([...iv.keys()].sort()).toEqual(['api-latency-injection', 'database-connection-failure', 'pod-failure', 'redis-partition']);
    // All three act on app=api pods: never two of their faults at once.
    const api = ['api-latency-injection', 'database-connection-failure', 'pod-failure'].map((n) => iv.get(n)!);
    for (const [i, a] of api.entries()) for (const b of api.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
    // relay → redis shares no pod with them: it ran at the same time as one of them.
    expect(api.some((a) => overlaps(a, iv.get('redis-partition')!))).toBe(true);
    const journal = JSON.parse(readFileSync(join(world.dir, 'out/run.json'), 'utf8'));
    expect(journal.experiments.map((e: any) => [e.name, e.verdict])).toEqual([
      ['api-latency-injection', 'passed'],
      ['database-connection-failure', 'passed'],
      ['redis-partition', 'passed'],
      ['pod-failure', 'passed'],
    ]);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('SIGINT reverts every running experiment at once: exit 130, nothing left', async () => {
    world = await startWorld();
    const run = startChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection,redis-partition', '--parallel', '2', '--duration', '60s'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/api-latency-injection: inject ok[\s\S]*redis-partition: inject ok|redis-partition: inject ok[\s\S]*api-latency-injection: inject ok/, 30_000);
    expect(world.cluster.objects()).toHaveLength(2);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    expect(world.cluster.requests({ method: 'DELETE' }).filter((q) => q.path.includes('chaos-mesh.org'))).toHaveLength(2);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('a failed revert stops new injections while --parallel is on: the rest are skipped (exit 6)', async () => {
    world = await startWorld({ cluster: { behaviour: { deleteMode: 'hang' } }, config: [[['defaults', 'revertTimeout'], '2s']] });
    const r = await runChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection,pod-failure', '--parallel', '2', '--duration', '3s', '--output', 'json'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stderr).toBe(6);
    expect(JSON.parse(r.stdout).experiments.map((e: any) => e.verdict)).toEqual(['errored', 'skipped']);
    expect(world.cluster.everCreated()).toHaveLength(1);
  });
});
