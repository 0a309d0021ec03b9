// Every way a run can go wrong, with the built binary: the exit code is right and nothing is left behind.
import { afterEach, describe, expect, test } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos, runOnTerminal, startChaos } from './cli.js';
import { startWorld, type World, type WorldOptions } from './world.js';

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const LATENCY = ['experiments/materi.yml', '--only', 'api-latency-injection'];
async function run(opts: WorldOptions, args: string[] = [...LATENCY, '--duration', '3s']) {
  world = await startWorld(opts);
  const r = await runChaos(['run', ...args], { cwd: world.dir, env: world.env });
  return { w: world, r };
}
const chaosDeletes = (w: World) => w.cluster.requests({ method: 'DELETE' }).filter((q) => q.path.includes('chaos-mesh.org'));

describe('chaos run failure paths', () => {
  test('injection never confirmed: reverted, exit 4, the conditions are shown', async () => {
    const { w, r } = await run({ cluster: { behaviour: { injection: 'never' } } });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/injection not confirmed after 5\.0s/);
    expect(w.cluster.everCreated()).toHaveLength(1);
    expect(chaosDeletes(w)).toHaveLength(1);
    expect(w.cluster.objects()).toEqual([]);
  });

  test('Chaos Mesh claims AllInjected with no container record Injected: not injected, exit 4, reverted', async () => {
    const { w, r } = await run({ cluster: { behaviour: { injection: 'hollow' } } });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/reports AllInjected=True but no target is recorded as Injected \(no container records at all\): the fault hit nothing/);
    expect(w.cluster.everCreated()).toHaveLength(1);
    expect(w.cluster.objects()).toEqual([]);
  });

  test('a pod kill confirmed by Chaos Mesh that kills nothing is inconclusive: exit 7, never passed', async () => {
    const { w, r } = await run({ cluster: { behaviour: { killNoEffect: true } } }, ['experiments/materi.yml', '--only', 'pod-failure', '--duration', '3s']);
    expect(r.code, r.stdout + r.stderr).toBe(7);
    expect(r.stdout).toMatch(/no target pod was seen gone, replaced or restarted/);
    expect(w.cluster.objects()).toEqual([]);
  });

  test('Chaos Mesh selects nothing: exit 4 with its event, reverted', async () => {
    const { w, r } = await run({ cluster: { behaviour: { injection: 'select-nothing' } } });
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/no pod is selected/);
    expect(w.cluster.objects()).toEqual([]);
  });

  test('a report that cannot be written at the end never hides a failed revert: exit 6, the error said', async () => {
    world = await startWorld({ cluster: { behaviour: { deleteMode: 'hang' } }, config: [[['defaults', 'revertTimeout'], '2s']] });
    const running = startChaos(['run', ...LATENCY, '--duration', '3s', '--report', 'json=out/run.json'], { cwd: world.dir, env: world.env });
    await running.waitForStderr(/inject ok/, 30_000);
    // The folder checked at the start turns into a file during the run (as a full disk would fail it).
    rmSync(join(world.dir, 'out'), { recursive: true });
    writeFileSync(join(world.dir, 'out'), '');
    const r = await running.done;
    expect(r.code, r.stdout + r.stderr).toBe(6);
    expect(r.stderr).toMatch(/error: cannot write report out\/run\.json: ENOTDIR/);
    expect(r.stdout).toMatch(/chaos cleanup --run-id/);
  });

  test('no pod matches the target: exit 4 and no object is ever stored', async () => {
    const { w, r } = await run({ cluster: { pods: [{ namespace: 'materi-production', labels: { app: 'web' } }] } });
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/no pods match app=api in namespace materi-production/);
    expect(w.cluster.everCreated()).toEqual([]);
  });

  test('delete hangs: exit 6, the object is named with the cleanup command', async () => {
    const { w, r } = await run({ cluster: { behaviour: { deleteMode: 'hang' } }, config: [[['defaults', 'revertTimeout'], '2s']] });
    expect(r.code, r.stdout + r.stderr).toBe(6);
    expect(r.stdout).toMatch(/chaos cleanup --run-id [a-z0-9]{8}/);
    expect(r.stdout).toMatch(/api-latency-injection-[a-z0-9]{8}/);
    expect(w.cluster.objects()).toHaveLength(1);
  });

  test('deletes that fail with 500 twice are retried: exit 0, nothing left', async () => {
    const { w, r } = await run({ cluster: { behaviour: { failDeletes: 2 } } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(chaosDeletes(w).length).toBeGreaterThanOrEqual(3);
    expect(w.cluster.objects()).toEqual([]);
  });

  test('RBAC denies create: exit 4, nothing applied', async () => {
    const { w, r } = await run({ cluster: { behaviour: { rbacDeny: [{ verb: 'create', resource: 'networkchaos' }] } } });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/RBAC denies .*create networkchaos/);
    expect(w.cluster.everCreated()).toEqual([]);
  });

  test('Chaos Mesh not installed: exit 4 with the hint, nothing applied', async () => {
    const { w, r } = await run({ cluster: { behaviour: { noCrds: true } } });
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/Chaos Mesh/);
    expect(r.stdout + r.stderr).toMatch(/installed/);
    expect(w.cluster.requests({ method: 'PATCH' })).toEqual([]);
  });

  test('a context that is not allowed is refused: exit 4, nothing sent but reads', async () => {
    const { w, r } = await run({ cluster: { contexts: ['fake', 'prod-cluster'] } }, [...LATENCY, '--duration', '3s', '--context', 'prod-cluster']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/context "prod-cluster" \(server https:\/\/127\.0\.0\.1:\d+\) is not in kubernetes.allowedContexts \[fake\]/);
    expect(w.cluster.requests().filter((q) => q.method !== 'GET')).toEqual([]);
  });

  test('without allowedContexts and without a terminal, --yes is required', async () => {
    const { w, r } = await run({ config: [[['kubernetes', 'allowedContexts'], undefined]] });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/--yes/);
    expect(w.cluster.everCreated()).toEqual([]);
  });

  test('on a terminal, an unlisted context is asked about; "n" changes nothing (exit 4)', async () => {
    world = await startWorld({ config: [[['kubernetes', 'allowedContexts'], undefined]] });
    const { code, out } = await runOnTerminal(['run', ...LATENCY, '--duration', '3s'], {
      cwd: world.dir,
      env: world.env,
      reply: { to: /Inject faults into context "fake"\? \[y\/N\]/, with: 'n\n' },
    });
    expect(code, out).toBe(4);
    expect(out).toMatch(/not confirmed: nothing was changed in context "fake"/);
    expect(world.cluster.everCreated()).toEqual([]);
  });

  test('a slow recovery fails recovery_time < 5s (exit 1)', async () => {
    world = await startWorld({ cluster: { behaviour: { podRestartMs: 8000 } } });
    writeFileSync(
      join(world.dir, 'slow.yml'),
      'name: api-kill\ntarget: { namespace: materi-production, label_selector: app=api }\nfault: { type: pod_kill, count: 1 }\nduration: 3s\nsuccess_criteria: [ "recovery_time < 5s" ]\n',
    );
    const r = await runChaos(['run', 'slow.yml'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/recovery_time/);
    expect(world.cluster.objects()).toEqual([]);
  });
});
