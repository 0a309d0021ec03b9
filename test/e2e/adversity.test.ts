// The two promises under adversity (SPEC §10), with the built binary: a failing revert, a slow or
// throttling API, a lost lock, someone else touching our objects, a blind Prometheus. Every test lists
// the chaos objects on the server at the end and asserts the exact exit code.
import { afterEach, describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChaos } from './cli.js';
import { startWorld, type World, type WorldOptions } from './world.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';

let world: World | undefined;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await world?.close();
  world = proxy = undefined;
});

const LATENCY = ['run', 'experiments/materi.yml', '--only', 'api-latency-injection'];
// Asynchronous: the fake API server answers from this very process.
const kubectl = async (w: World, args: string[]) => (await promisify(execFile)('kubectl', ['--kubeconfig', w.cluster.kubeconfigPath, '-n', 'materi-production', ...args])).stdout;
const journalOf = (w: World, file = 'out/run.json') => JSON.parse(readFileSync(join(w.dir, file), 'utf8'));
async function begin(opts: WorldOptions, args: string[], env: Record<string, string> = {}) {
  world = await startWorld(opts);
  return startChaos([...args, '--report', 'json=out/run.json'], { cwd: world.dir, env: { ...world.env, ...env } });
}

describe('never leave a fault behind', () => {
  test('a failed revert stops the run: the next experiment is skipped, never injected (exit 6)', async () => {
    const run = await begin({ cluster: { behaviour: { deleteMode: 'hang' } }, config: [[['defaults', 'revertTimeout'], '2s']] }, ['run', 'experiments/materi.yml', '--only', 'api-latency-injection,redis-partition', '--duration', '3s']);
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(6);
    expect(world!.cluster.everCreated()).toHaveLength(1);
    const j = journalOf(world!);
    expect(j.experiments.map((e: any) => e.verdict)).toEqual(['errored', 'skipped']);
    expect(j.experiments[1].reason).toMatch(/revert of api-latency-injection failed/);
    expect(world!.cluster.objects()).toHaveLength(1); // the hung one, named with the cleanup command
    expect(r.stdout).toMatch(/chaos cleanup --run-id/);
  });

  test('an apply that times out while the server still admits it (slow webhook) is found by the run-id sweep and removed (exit 4)', async () => {
    // Real applies (not the preflight's dry run) are held 2 s, past the client's 1 s timeout, and then stored.
    const hold = { method: 'PATCH', path: /networkchaos/, holdMs: 2000 };
    world = await startWorld();
    const run = startChaos([...LATENCY, '--duration', '3s', '--report', 'json=out/run.json'], { cwd: world.dir, env: { ...world.env, CHAOS_KUBE_TIMEOUT: '1s' } });
    await run.waitForStderr(/preflight ok/, 30_000);
    world.cluster.behaviour.faults.push(hold);
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(world.cluster.everCreated()).toHaveLength(1);
    const [e] = journalOf(world).experiments;
    expect(e.uncertainApply).toBe(true);
    expect(e.sweep.found.map((x: any) => x.kind)).toEqual(['NetworkChaos']);
    expect(e.sweep.removed).toHaveLength(1);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('a throttling API (429 with Retry-After) and a failing one (500) are retried: the run passes, nothing left', async () => {
    const run = await begin({ cluster: { behaviour: { faults: [
      { method: 'PATCH', path: /networkchaos/, status: 429, retryAfterSeconds: 1, times: 2 },
      { method: 'DELETE', path: /networkchaos/, status: 500, times: 2 },
    ] } } }, [...LATENCY, '--duration', '3s']);
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(world!.cluster.requests({ method: 'PATCH' }).filter((q) => q.status === 429)).toHaveLength(2);
    expect(world!.cluster.objects()).toEqual([]);
  });

  test('the namespace lock taken by someone else mid-run ends the experiment: reverted, errored, exit 4', async () => {
    const run = await begin({}, [...LATENCY, '--duration', '60s'], { CHAOS_LOCK_TTL: '3s' });
    await run.waitForStderr(/inject ok/, 30_000);
    await kubectl(world!, ['patch', 'lease', 'chaos-lock', '--type', 'merge', '-p', '{"spec":{"holderIdentity":"someone-else"}}']);
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(4);
    const [e] = journalOf(world!).experiments;
    expect(e.verdict).toBe('errored');
    expect(e.reason).toMatch(/lost the lock on namespace materi-production/);
    expect(world!.cluster.objects()).toEqual([]);
  });

  test('a lock that cannot be renewed before it expires ends the experiment: exit 4, nothing left', async () => {
    const run = await begin({}, [...LATENCY, '--duration', '60s'], { CHAOS_LOCK_TTL: '3s' });
    await run.waitForStderr(/inject ok/, 30_000);
    world!.cluster.behaviour.faults.push({ method: 'PUT', path: /leases/, status: 503 });
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(journalOf(world!).experiments[0].reason).toMatch(/could not be renewed before it expires/);
    expect(world!.cluster.objects()).toEqual([]);
  });
});

describe('never a false pass', () => {
  for (const [how, act] of [
    ['deleted (kubectl delete)', (w: World, name: string) => kubectl(w, ['delete', 'networkchaos', name, '--wait=false'])],
    ['paused (experiment.chaos-mesh.org/pause)', (w: World, name: string) => kubectl(w, ['annotate', 'networkchaos', name, 'experiment.chaos-mesh.org/pause=true'])],
  ] as const) {
    test(`a fault ${how} by someone else during the window is inconclusive (exit 7), never passed`, async () => {
      const run = await begin({}, [...LATENCY, '--duration', '30s']);
      await run.waitForStderr(/inject ok/, 30_000);
      const name = (world!.cluster.objects()[0] as any).metadata.name as string;
      await act(world!, name);
      const r = await run.done;
      expect(r.code, r.stdout + r.stderr).toBe(7);
      const [e] = journalOf(world!).experiments;
      expect(e.verdict).toBe('inconclusive');
      expect(e.faultLost.ref.name).toBe(name);
      expect(e.reason).toMatch(/the fault stopped during the window at \d{4}-\d\d-\d\dT/);
      expect(world!.cluster.objects()).toEqual([]);
    });
  }

  test("the fault's own lifetime covers the observed window even when injection is slow", async () => {
    // Injection takes 2.5 s of a 3 s window: with spec.duration = the window, Chaos Mesh would end the
    // fault before most of the window was observed, and the breaker (open only under the fault) would be missed.
    const run = await begin({ cluster: { behaviour: { injectDelayMs: 2500 } } }, ['run', 'experiments/materi.yml', '--only', 'database-connection-failure', '--duration', '3s']);
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const [created] = world!.cluster.everCreated() as any[];
    expect(created.spec.duration).toBe('18s'); // 3s window + 5s injectionTimeout + 10s margin
    const e = journalOf(world!).experiments[0];
    const endsBy = e.appliedAt + 18_000;
    for (const c of e.criteria) for (const s of c.samples) if (s.phase === 'fault') expect(s.t).toBeLessThanOrEqual(endsBy);
    expect(world!.cluster.objects()).toEqual([]);
  });

  test('Prometheus answering 500 mid-run: after blindAbortAfter polls the fault is reverted at once (exit 7)', async () => {
    world = await startWorld();
    proxy = await startFaultProxy(world.prometheusUrl);
    const run = startChaos([...LATENCY, '--duration', '60s', '--prometheus-url', proxy.url, '--report', 'json=out/run.json'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    proxy.mode = { kind: 'status', code: 500 };
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(7);
    const e = journalOf(world).experiments[0];
    expect(e.blindAt).toBeGreaterThan(e.injectedAt);
    expect(e.revertedAt).toBeLessThan(e.injectedAt + 60_000);
    expect(e.reason).toMatch(/Prometheus gave no data/);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('Prometheus holding every query past the timeout: the fault never runs blind (exit 7), nothing left', async () => {
    world = await startWorld({ config: [[['prometheus', 'timeout'], '1s']] });
    proxy = await startFaultProxy(world.prometheusUrl);
    const run = startChaos([...LATENCY, '--duration', '60s', '--prometheus-url', proxy.url, '--report', 'json=out/run.json'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    proxy.mode = { kind: 'hold' };
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(7);
    expect(journalOf(world).experiments[0].blindAt).toBeDefined();
    expect(world.cluster.objects()).toEqual([]);
  });

  test('Prometheus resetting connections mid-run: exit 7, nothing left', async () => {
    world = await startWorld();
    proxy = await startFaultProxy(world.prometheusUrl);
    const run = startChaos([...LATENCY, '--duration', '60s', '--prometheus-url', proxy.url], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    proxy.mode = { kind: 'reset' };
    const r = await run.done;
    expect(r.code, r.stdout + r.stderr).toBe(7);
    expect(world.cluster.objects()).toEqual([]);
  });
});
