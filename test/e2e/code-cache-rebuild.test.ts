// Issue 12 item 14, with the built binary: an installed copy whose chunk is rebuilt with the same size and
// the same mtime (npm pack stamps every file 1985-10-26; tar x keeps it) runs the new code, not stale bytecode.
import { afterEach, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, baseEnv } from './cli.js';
import { spawnSync } from 'node:child_process';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The files npm pack ships that validate needs, every one stamped with npm's fixed date. */
function install(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-installed-'));
  dirs.push(dir);
  for (const part of ['bin', 'dist/bundle', 'dist/boot', 'schemas', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

const PACKED = new Date('1985-10-26T08:15:00Z');

test('a chunk rebuilt with equal size and mtime runs its new code (the cache key is the content)', () => {
  const dir = install();
  const cache = mkdtempSync(join(tmpdir(), 'chaos-cache-'));
  dirs.push(cache);
  const bundle = join(dir, 'dist', 'bundle');
  const chunk = join(bundle, readdirSync(bundle).find((f) => /^validate-.*\.cjs$/.test(f))!);
  utimesSync(chunk, PACKED, PACKED);
  const validate = () =>
    spawnSync(process.execPath, [join(dir, 'bin', 'chaos.cjs'), 'validate', 'experiments/materi.yml'], {
      cwd: ROOT,
      env: baseEnv({ CHAOS_COMPILE_CACHE: cache, CHAOS_DEBUG_CODE_CACHE: '1' }),
      encoding: 'utf8',
    });
  const cold = validate();
  expect(cold.status, cold.stderr).toBe(0);
  expect(cold.stdout).toMatch(/^✓ 4 experiments in 1 file valid/);
  // The next release of the chunk: same length (V8's own check passes), same stamped mtime.
  const before = statSync(chunk);
  writeFileSync(chunk, readFileSync(chunk, 'utf8').replace('} valid`', '} VALID`'));
  utimesSync(chunk, PACKED, PACKED);
  const after = statSync(chunk);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  const warm = validate();
  expect(warm.status, warm.stderr).toBe(0);
  expect(warm.stdout).toMatch(/^✓ 4 experiments in 1 file VALID/);
  // Every other chunk still compiles from its cache; only the rebuilt one is compiled again.
  const outcomes = JSON.parse(/code cache: (.*)/.exec(warm.stderr)![1]!).chunks as { chunk: string; outcome: string }[];
  expect(outcomes.filter((c) => c.outcome !== 'hit')).toEqual([{ chunk: chunk.split('/').at(-1), outcome: 'miss' }]);
});
