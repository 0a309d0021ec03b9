// Hooks around the fault with the built binary: before gates injection, during runs under the fault.
import { afterEach, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos, startChaos, ROOT } from './cli.js';
import { startWorld, type World } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const fixture = (name: string) => JSON.stringify(join(ROOT, 'test/fixtures/hooks', name));
const node = JSON.stringify(process.execPath);

function experimentWith(w: World, hooks: string, duration = '3s'): string {
  const file = join(w.dir, 'hooked.yml');
  writeFileSync(file, `name: api-latency-hooked\ntarget: { service: api }\nfault: { type: latency, latency: 100ms }\nduration: ${duration}\nsuccess_criteria: [ "error_rate < 0.01" ]\nhooks:\n${hooks}\n`);
  return file;
}

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie left to a PID 1 that does not reap is dead too.
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

const chaosRequests = (w: World, method: string) => w.cluster.requests({ method }).filter((q) => q.path.includes('chaos-mesh.org') && !('dryRun' in q.query));

describe('hooks', () => {
  test('a during hook runs while the fault is active and is stopped at revert; its tail is reported', async () => {
    world = await startWorld();
    const life = join(world.dir, 'life.json');
    const file = experimentWith(world, `  during: [ [ ${node}, ${fixture('record-life.mjs')}, ${JSON.stringify(life)} ] ]`);
    const r = await runChaos(['run', file, '--report', 'json=out/r.json', '--report', 'junit=out/r.xml'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const { pid, startedAt, stoppedAt } = JSON.parse(readFileSync(life, 'utf8'));
    const applied = chaosRequests(world, 'PATCH')[0]!.time;
    const deleted = chaosRequests(world, 'DELETE')[0]!.time;
    expect(startedAt).toBeGreaterThan(applied);
    expect(startedAt).toBeLessThan(deleted);
    expect(stoppedAt).toBeGreaterThanOrEqual(deleted - 1000);
    expect(gone(pid)).toBe(true);
    const journal = JSON.parse(readFileSync(join(world.dir, 'out/r.json'), 'utf8'));
    const hook = journal.experiments[0].hooks[0];
    expect(hook).toMatchObject({ phase: 'during', stoppedByChaos: true, ok: true });
    expect(hook.outputTail).toContain('load stopped: 42 requests');
    expect(readFileSync(join(world.dir, 'out/r.xml'), 'utf8')).toContain('load stopped: 42 requests');
  });

  test('SIGINT stops the during hook too: no orphan, exit 130, nothing left', async () => {
    world = await startWorld();
    const life = join(world.dir, 'life.json');
    const file = experimentWith(world, `  during: [ [ ${node}, ${fixture('record-life.mjs')}, ${JSON.stringify(life)} ] ]`, '60s');
    const run = startChaos(['run', file], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    for (let i = 0; i < 50 && !readFileSafe(life); i++) await new Promise((res) => setTimeout(res, 100));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(130);
    const { pid, stoppedAt } = JSON.parse(readFileSync(life, 'utf8'));
    expect(stoppedAt).toBeDefined();
    expect(gone(pid)).toBe(true);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('a failing before hook prevents injection (exit 4)', async () => {
    world = await startWorld();
    const file = experimentWith(world, `  before: [ [ ${node}, ${fixture('exit-with.mjs')}, "3", "err:database not seeded" ] ]`);
    const r = await runChaos(['run', file], { cwd: world.dir, env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/before hook .* failed/);
    expect(r.stdout + r.stderr).toContain('database not seeded');
    expect(world.cluster.everCreated()).toEqual([]);
  });

  test('a during hook that exits non-zero by itself fails the experiment (exit 1)', async () => {
    world = await startWorld();
    const file = experimentWith(world, `  during: [ [ ${node}, ${fixture('exit-with.mjs')}, "99", "thresholds crossed: http_req_failed" ] ]`, '5s');
    const r = await runChaos(['run', file, '--output', 'json'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stderr).toBe(1);
    const ej = JSON.parse(r.stdout).experiments[0];
    expect(ej.verdict).toBe('failed');
    expect(ej.hooks[0]).toMatchObject({ phase: 'during', exitCode: 99, ok: false });
    expect(ej.hooks[0].outputTail).toContain('thresholds crossed');
    expect(world.cluster.objects()).toEqual([]);
  });

  test('a hook that hangs past its timeout is killed and reported', async () => {
    world = await startWorld();
    const file = experimentWith(world, `  before:\n    - { name: warmup, run: [ ${node}, ${fixture('wait-forever.mjs')} ], timeout: 1s }`);
    const r = await runChaos(['run', file, '--output', 'json'], { cwd: world.dir, env: world.env });
    expect(r.code).toBe(4);
    const ej = JSON.parse(r.stdout).experiments[0];
    expect(ej.hooks[0]).toMatchObject({ name: 'warmup', timedOut: true, ok: false });
    expect(world.cluster.everCreated()).toEqual([]);
  });
});

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
