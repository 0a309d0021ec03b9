// What `npm pack` ships is the bundle alone: it runs with no node_modules anywhere, and it carries the
// licences of the packages it bundles.
import { afterAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, ROOT } from './cli.js';

const dir = mkdtempSync(join(tmpdir(), 'chaos-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  test('runs validate, a dry run and a live run up to the cluster, with no node_modules', () => {
    execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, stdio: 'ignore' });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    execFileSync('tar', ['xzf', tarball], { cwd: dir });
    const pkg = join(dir, 'package');
    expect(existsSync(join(pkg, 'node_modules'))).toBe(false);
    expect(JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).dependencies).toBeUndefined();
    // Only the bundle: not tsc's per-file output.
    expect(readdirSync(join(pkg, 'dist')).sort()).toEqual(['boot', 'bundle']);

    cpSync(join(ROOT, 'experiments'), join(dir, 'experiments'), { recursive: true });
    cpSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
    const chaos = (...args: string[]) => spawnSync(process.execPath, [join(pkg, 'bin', 'chaos.cjs'), ...args], { cwd: dir, env: baseEnv({ CHAOS_COMPILE_CACHE: 'off' }), encoding: 'utf8' });
    const validate = chaos('validate', 'experiments/materi.yml');
    expect(validate.status, validate.stderr).toBe(0);
    const dry = chaos('run', '--dry-run', 'experiments/materi.yml');
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('kind: NetworkChaos');
    // A live run loads the Kubernetes client from the bundle and gets as far as the kubeconfig.
    const live = chaos('run', 'experiments/materi.yml', '--kubeconfig', join(dir, 'missing'));
    expect(live.status).toBe(4);
    expect(live.stderr).toMatch(/kubeconfig .*missing.* does not exist/);
  });

  test('carries a licence notice for every package it bundles', () => {
    const notices = readFileSync(join(dir, 'package', 'dist', 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const name of ['@kubernetes/client-node', 'commander', 'zod', 'yaml', 'ora', 'execa', 'chalk']) expect(notices).toMatch(new RegExp(`^${name}@\\d`, 'm'));
    expect(notices).toMatch(/Apache License/);
    expect(notices).toMatch(/Permission is hereby granted/);
  });
});
