// Signal storms and bugs during a run, with the built binary: the fault is always removed, checked by
// listing the objects on the (fake) API server, and every exit code is exact (SPEC §10).
import { afterEach, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT, baseEnv, startChaos } from './cli.js';
import { startWorld, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const LATENCY = ['run', 'experiments/materi.yml', '--only', 'api-latency-injection'];
const chaosDeletes = (w: World) => w.cluster.requests({ method: 'DELETE' }).filter((r) => r.path.includes('chaos-mesh.org'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('signals during a run', () => {
  test('SIGINT then SIGTERM 100 ms later (a CI cancel) while the DELETE is slow: still reverted, exit 130, nothing left', async () => {
    // Every DELETE of a chaos object takes 1.5 s to be accepted: the second signal lands before that.
    world = await startWorld({ cluster: { behaviour: { faults: [{ method: 'DELETE', path: /chaos-mesh\.org/, holdMs: 1500 }] } } });
    const run = startChaos([...LATENCY, '--duration', '60s'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    run.child.kill('SIGINT');
    await sleep(100);
    run.child.kill('SIGTERM');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/SIGTERM: already reverting/);
    expect(chaosDeletes(world).length).toBeGreaterThanOrEqual(1);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('SIGHUP (an SSH session dropping) reverts like SIGTERM: exit 130, nothing left', async () => {
    world = await startWorld();
    const run = startChaos([...LATENCY, '--duration', '60s'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    run.child.kill('SIGHUP');
    const r = await run.done;
    expect(r.signal).toBeNull();
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/SIGHUP: stopping and reverting/);
    expect(world.cluster.everCreated()).toHaveLength(1);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('a storm of signals during the revert never abandons it: exit 130, nothing left', async () => {
    world = await startWorld({ cluster: { behaviour: { faults: [{ method: 'DELETE', path: /chaos-mesh\.org/, holdMs: 1000 }] } } });
    const run = startChaos([...LATENCY, '--duration', '60s'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    for (const sig of ['SIGTERM', 'SIGHUP', 'SIGTERM', 'SIGHUP', 'SIGTERM'] as const) {
      run.child.kill(sig);
      await sleep(50);
    }
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('three Ctrl-C on a terminal while Chaos Mesh hangs on delete: the DELETE was sent, waiting stops, cleanup line, exit 6', async () => {
    world = await startWorld({ cluster: { behaviour: { deleteMode: 'hang' } }, config: [[['defaults', 'revertTimeout'], '5m']] });
    const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
    const cmd = `stty cols 100 rows 40; exec ${[process.execPath, BIN, ...LATENCY, '--duration', '60s'].map(quote).join(' ')}`;
    const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: world.dir, env: baseEnv(world.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const until = async (re: RegExp) => {
      for (let i = 0; i < 300 && !re.test(out); i++) await sleep(100);
      expect(out).toMatch(re);
    };
    await until(/inject ok/);
    child.stdin!.write('\x03');
    await world.cluster.waitForRequest({ method: 'DELETE' }, 10_000);
    child.stdin!.write('\x03');
    await until(/already reverting/);
    child.stdin!.write('\x03');
    const code = await closed;
    expect(code, out).toBe(6);
    expect(out).toMatch(/no longer waiting for objects to disappear/);
    expect(out).toMatch(/chaos cleanup --run-id [a-z0-9]{8}/);
    // Listed on the server: the object is Terminating (DELETE accepted), held only by Chaos Mesh's finalizer.
    const left = world.cluster.objects() as any[];
    expect(left).toHaveLength(1);
    expect(left[0].metadata.deletionTimestamp).toBeTruthy();
  });
});

describe('a bug during a run still reverts before exiting 70', () => {
  for (const kind of ['exception', 'rejection'] as const) {
    test(`an uncaught ${kind} after injection: the fault is removed, exit 70`, async () => {
      world = await startWorld();
      const run = startChaos([...LATENCY, '--duration', '60s'], {
        cwd: world.dir,
        env: { ...world.env, CHAOS_TEST_BUG: kind, NODE_OPTIONS: `--import=${join(ROOT, 'test/e2e/bug-after-inject.mjs')}` },
      });
      const r = await run.done;
      expect(r.code, r.stderr).toBe(70);
      expect(r.stderr).toMatch(/internal error: simulated bug/);
      expect(world.cluster.everCreated()).toHaveLength(1);
      expect(chaosDeletes(world).length).toBeGreaterThanOrEqual(1);
      expect(world.cluster.objects()).toEqual([]);
    });
  }
});
