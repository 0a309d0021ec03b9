// `chaos validate` finds every problem `chaos run --dry-run` finds, at the same file:line:col (one shared pass):
// both commands over every invalid fixture, built binary, same stderr and exit 3.
import { describe, expect, test } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChaos, ROOT } from './cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const PAIRED = ['duplicate-name-a.yml', 'duplicate-name-b.yml'];
const invalid = readdirSync(join(FIXTURES, 'invalid')).filter((f) => !PAIRED.includes(f)).map((f) => [f]);
const invalidConfigs = readdirSync(join(FIXTURES, 'invalid-config'));

/** A folder holding the fixture catalog as chaos.config.yml, like a project checkout. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-same-'));
  copyFileSync(join(FIXTURES, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
  return dir;
}

async function both(args: string[], cwd: string) {
  const [validate, dryRun] = await Promise.all([runChaos(['validate', ...args], { cwd }), runChaos(['run', '--dry-run', ...args], { cwd })]);
  return { validate, dryRun };
}

describe('validate and run --dry-run report the same problems', () => {
  test.each([...invalid, PAIRED])('invalid/%s', async (...files: string[]) => {
    const dir = project();
    for (const f of files) copyFileSync(join(FIXTURES, 'invalid', f), join(dir, f));
    const { validate, dryRun } = await both(files, dir);
    expect(validate.code, validate.stderr).toBe(3);
    expect(dryRun.code, dryRun.stderr).toBe(3);
    // Located in the fixture itself (a broken catalog would make both fail alike, proving nothing).
    expect(validate.stderr).toMatch(new RegExp(`^${files.at(-1)!.replace('.', '\\.')}:\\d+:\\d+ {2}\\S+ {2}\\S`, 'm'));
    expect(dryRun.stderr).toBe(validate.stderr);
    expect(dryRun.stdout).toBe('');
  });

  test.each(invalidConfigs)('invalid-config/%s', async (config) => {
    const dir = project();
    copyFileSync(join(FIXTURES, 'invalid-config', config), join(dir, config));
    writeFileSync(join(dir, 'ok.yml'), 'name: ok\ntarget: { service: api }\nfault: { type: pod_kill }\nduration: 1m\nsuccess_criteria: ["recovery_time < 30s"]\n');
    const { validate, dryRun } = await both(['--config', config, 'ok.yml'], dir);
    expect(validate.code, validate.stderr).toBe(3);
    expect(dryRun.code, dryRun.stderr).toBe(3);
    expect(validate.stderr).toMatch(new RegExp(`^${config.replace('.', '\\.')}:\\d+:\\d+ `, 'm'));
    expect(dryRun.stderr).toBe(validate.stderr);
  });

  test('a {{service}} the target cannot fill (set-based selector) is exit 3 at validate, located at the criterion', async () => {
    const dir = project();
    copyFileSync(join(FIXTURES, 'invalid', 'service-template-set-selector.yml'), join(dir, 'set.yml'));
    const r = await runChaos(['validate', 'set.yml'], { cwd: dir });
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stderr).toContain('set.yml:6:5  success_criteria[0]  {{service}} in metric "error_rate" cannot be filled: experiment "set-selector" has no target.service');
    expect(r.stdout).toBe('');
  });

  test('validate --output json lists the same problems as data', async () => {
    const dir = project();
    copyFileSync(join(FIXTURES, 'invalid', 'protected-namespace.yml'), join(dir, 'p.yml'));
    const r = await runChaos(['validate', '--output', 'json', 'p.yml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, issues: [{ file: 'p.yml', line: 3, col: 14, path: 'target.namespace' }] });
  });
});
