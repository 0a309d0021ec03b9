// `kubectl chaos …` through the real kubectl: the packed package is installed (npm install -g --prefix),
// so kubectl finds the `kubectl-chaos` bin npm links from package.json on PATH, and kubectl's global
// flags given before or after the subcommand reach chaos.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseEnv, ROOT } from './cli.js';
import { startWorld, type World } from './world.js';

const prefix = mkdtempSync(join(tmpdir(), 'chaos-global-'));
let world: World;
beforeAll(async () => {
  execFileSync('npm', ['pack', '--pack-destination', prefix], { cwd: ROOT, stdio: 'ignore' });
  const tarball = readdirSync(prefix).find((f) => f.endsWith('.tgz'))!;
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(prefix, tarball)], { stdio: 'ignore' });
  world = await startWorld();
  copyFileSync(join(ROOT, 'test/fixtures/invalid/bad-duration.yml'), join(world.dir, 'bad-duration.yml'));
}, 120_000);
afterAll(async () => {
  await world?.close();
  rmSync(prefix, { recursive: true, force: true });
});

/** `kubectl <args>` with the installed package's bin folder first on PATH and no KUBECONFIG (async: the fake API server lives in this process). */
function kubectl(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = baseEnv({ PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, CHAOS_COMPILE_CACHE: 'off' });
  const child = spawn('kubectl', args, { cwd: world.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
const namespacesOf = (manifests: string) => [...manifests.matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1]);

describe('kubectl chaos', async () => {
  test('npm links the kubectl-chaos bin, and kubectl lists it as a plugin', async () => {
    expect(existsSync(join(prefix, 'bin', 'kubectl-chaos'))).toBe(true);
    const list = await kubectl(['plugin', 'list']);
    expect(list.stdout).toContain(join(prefix, 'bin', 'kubectl-chaos'));
  });

  test('the chaos bin is installed beside it (what the Dockerfile\'s ENTRYPOINT runs)', async () => {
    const r = spawnSync(join(prefix, 'bin', 'chaos'), ['--version'], { encoding: 'utf8', env: baseEnv({ CHAOS_COMPILE_CACHE: 'off' }) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  test('validate: exit 0 for valid files, exit 3 with the located problem for an invalid one', async () => {
    const ok = await kubectl(['chaos', 'validate', 'experiments/materi.yml']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/4 experiments in 1 file valid/);
    const bad = await kubectl(['chaos', '--context', 'fake', 'validate', 'bad-duration.yml']);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/bad-duration\.yml:\d+:\d+/);
  });

  test('run --dry-run: -n/--namespace before or after the subcommand sets the namespace of targets without one', async () => {
    const plain = await kubectl(['chaos', 'run', '--dry-run', 'experiments/materi.yml']);
    const before = await kubectl(['chaos', '-n', 'staging', 'run', '--dry-run', 'experiments/materi.yml']);
    const after = await kubectl(['chaos', 'run', '--dry-run', 'experiments/materi.yml', '--namespace=staging']);
    for (const r of [plain, before, after]) expect(r.status, r.stderr).toBe(0);
    expect(namespacesOf(plain.stdout)).toEqual(['materi-production', 'materi-production', 'materi-production', 'materi-production']);
    // pod-failure names its namespace; the other three follow -n.
    expect(namespacesOf(before.stdout)).toEqual(['staging', 'staging', 'staging', 'materi-production']);
    expect(namespacesOf(after.stdout)).toEqual(namespacesOf(before.stdout));
  });

  test('--kubeconfig and --context reach the run: a server-side dry run with them works, an unknown context is exit 4', async () => {
    const kc = world.cluster.kubeconfigPath;
    const ok = await kubectl(['chaos', '--kubeconfig', kc, 'run', '--dry-run=server', 'experiments/materi.yml', '--only', 'api-latency-injection', '--context', 'fake']);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/3 pods match app=api in materi-production/);
    const unknown = await kubectl(['chaos', '--context', 'nope', 'run', '--dry-run=server', 'experiments/materi.yml', `--kubeconfig=${kc}`]);
    expect(unknown.status).toBe(4);
    expect(unknown.stderr).toMatch(new RegExp(`context "nope" not found in ${kc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(world.cluster.everCreated()).toEqual([]);
  });
});
