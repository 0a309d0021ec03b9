// The built binary against the fake cluster and a real Prometheus: terminals, failing criteria, exit codes, nothing left.
// The seed's passing run is on the real control plane (real-run.test.ts).
import { afterEach, describe, expect, test } from 'vitest';
import { runChaos, runOnTerminal, startChaos } from './cli.js';
import { startWorld, HEALTHY_SERVICES, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const chaosDeletes = (w: World) => w.cluster.requests({ method: 'DELETE' }).filter((r) => r.path.includes('chaos-mesh.org'));

describe('chaos run (fake cluster, real Prometheus)', () => {
  test('on a terminal: a spinner (ora) shows progress, colours are on, and the run passes', async () => {
    world = await startWorld();
    const { code, out } = await runOnTerminal(['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '3s', '--yes'], { cwd: world.dir, env: { ...world.env, NO_COLOR: undefined } });
    expect(code, out).toBe(0);
    expect(out).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/); // ora's frames
    expect(out).toMatch(/\x1b\[\d+m/); // ANSI colours
    expect(world.cluster.objects()).toEqual([]);
  });

  test('on a terminal without a size (0 columns): plain progress lines, not a spinner that redraws without end', async () => {
    world = await startWorld();
    const { code, out } = await runOnTerminal(['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '3s', '--yes'], { cwd: world.dir, env: world.env, columns: 0 });
    expect(code, out.slice(0, 2000)).toBe(0);
    expect(out).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(out).toMatch(/\d\d:\d\d:\d\d api-latency-injection: observe…/);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('a fault that raises the error rate fails (exit 1) and is reverted early', async () => {
    const services = [{ ...HEALTHY_SERVICES[0]!, values: { ...HEALTHY_SERVICES[0]!.values, errorRatio: (c: { faultActive: boolean }) => (c.faultActive ? 0.5 : 0) } }];
    world = await startWorld({ services });
    const w = world;
    let visibleAt: number | undefined;
    const watcher = (async () => {
      const q = 'sum(rate(http_requests_total{service="api",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="api"}[1m]))';
      while (visibleAt === undefined) {
        if (((await w.query(q)) ?? 0) >= 0.01) visibleAt = Date.now();
        else await new Promise((res) => setTimeout(res, 100));
      }
    })();
    const r = await runChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '30s'], { cwd: w.dir, env: w.env });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAILED/);
    expect(r.stdout).toMatch(/error_rate/);
    const del = chaosDeletes(w)[0]!;
    expect(del).toBeDefined();
    await Promise.race([watcher, new Promise((res) => setTimeout(res, 100))]);
    expect(visibleAt).toBeDefined();
    // Reported, not asserted (timings belong to the benchmarks): breach visible → DELETE sent.
    console.log(`abort reaction: ${del.time - visibleAt!} ms (poll interval 1000 ms)`);
    // Reverted long before the 30 s window would have ended.
    const applied = w.cluster.requests({ method: 'PATCH' }).find((x) => !('dryRun' in x.query))!;
    expect(del.time - applied.time).toBeLessThan(30_000);
    expect(w.cluster.objects()).toEqual([]);
  });

  test('an unhealthy system before injection: exit 5, nothing applied, --fail-fast stops there', async () => {
    const services = [{ ...HEALTHY_SERVICES[0]!, values: { errorRatio: 0.3 } }];
    world = await startWorld({ services });
    const r = await runChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection,pod-failure', '--fail-fast', '--duration', '3s', '--output', 'json'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(5);
    expect(world.cluster.everCreated()).toEqual([]);
    const journal = JSON.parse(r.stdout);
    expect(journal.experiments.map((e: any) => e.verdict)).toEqual(['not-steady']); // --fail-fast: pod-failure never ran
    expect(journal.experiments[0].reason).toMatch(/error_rate < 0.01: observed 0.3/);
  });

  test('an empty query result never passes: exit 7 (inconclusive)', async () => {
    world = await startWorld({ services: [{ namespace: 'materi-production', service: 'relay' }] });
    // relay exposes no circuit breaker for postgresql: the eventually-criteria have no data.
    const r = await runChaos(['run', 'experiments/materi.yml', '--only', 'database-connection-failure', '--duration', '3s'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(7);
    expect(r.stdout).toMatch(/INCONCLUSIVE/);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('SIGINT mid-run reverts, sends DELETE promptly and exits 130', async () => {
    world = await startWorld();
    const run = startChaos(['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '60s'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    const sentAt = Date.now();
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    const del = chaosDeletes(world)[0]!;
    console.log(`SIGINT → DELETE: ${del.time - sentAt} ms`);
    expect(world.cluster.objects()).toEqual([]);
  });
});
