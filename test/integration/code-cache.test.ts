// The bundle loader (src/boot/code-cache.cts, as built): chunks load once, caches are written, used,
// refused when stale or corrupt, and never run old code for a changed chunk.
import { afterEach, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runChaos } from '../e2e/cli.js';

const LOADER = join(ROOT, 'dist', 'boot', 'code-cache.cjs');
const codeCache = createRequire(import.meta.url)(LOADER) as {
  cacheDir(bundleDir: string, env: Record<string, string | undefined>): string | undefined;
};

interface Phase {
  exports: { value: number; sameB: boolean; sep: string };
  outcomes: string[];
}

/**
 * One load in a fresh Node process, as the bin does it: V8's in-memory compilation cache would make a
 * second load in the same process a "hit" whatever the cache file holds.
 */
function loadOnce(entry: string, cache: string | undefined): Phase {
  const script = `
    const { createLoader } = require(${JSON.stringify(LOADER)});
    const loader = createLoader(${JSON.stringify(cache)});
    const exports = loader.load(${JSON.stringify(entry)});
    loader.flush(require('node:path').dirname(${JSON.stringify(entry)}));
    console.log(JSON.stringify({ exports, outcomes: loader.stats.chunks.map((c) => c.chunk + ':' + c.outcome) }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Phase;
}

const dirs: string[] = [];
const tempDir = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `chaos-${name}-`));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A two-chunk bundle: entry.cjs requires ./b.cjs twice and a node: built-in. */
function bundle(factor = 2): { dir: string; entry: string } {
  const dir = tempDir('bundle');
  writeFileSync(join(dir, 'b.cjs'), `exports.scale = (x) => x * ${factor};\n`);
  writeFileSync(
    join(dir, 'entry.cjs'),
    `const b = require('./b.cjs');\nexports.value = b.scale(21);\nexports.sameB = require('./b.cjs') === b;\nexports.sep = require('node:path').sep;\n`,
  );
  return { dir, entry: join(dir, 'entry.cjs') };
}

const binFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.bin')).sort();

describe('code-cache loader', () => {
  test('loads chunks once each, writes their caches, then compiles from them', () => {
    const { entry } = bundle();
    const cache = tempDir('cache');
    const cold = loadOnce(entry, cache);
    expect(cold).toEqual({ exports: { value: 42, sameB: true, sep: '/' }, outcomes: ['entry.cjs:miss', 'b.cjs:miss'] });
    expect(binFiles(cache)).toHaveLength(2);
    expect(loadOnce(entry, cache)).toEqual({ exports: { value: 42, sameB: true, sep: '/' }, outcomes: ['entry.cjs:hit', 'b.cjs:hit'] });
  });

  test('a corrupt cache is refused by V8, the chunk still runs, and the cache is rewritten', () => {
    const { entry } = bundle();
    const cache = tempDir('cache');
    loadOnce(entry, cache);
    // Keep the header and the stored source (so the file is taken for this chunk's), garble V8's part.
    for (const f of binFiles(cache)) {
      const file = readFileSync(join(cache, f));
      const sourceEnd = 4 + file.readUInt32LE(0);
      writeFileSync(join(cache, f), Buffer.concat([file.subarray(0, sourceEnd), Buffer.alloc(4096, 7)]));
    }
    const second = loadOnce(entry, cache);
    expect(second.exports.value).toBe(42);
    expect(second.outcomes).toEqual(['entry.cjs:rejected', 'b.cjs:rejected']);
    expect(loadOnce(entry, cache).outcomes).toEqual(['entry.cjs:hit', 'b.cjs:hit']);
  });

  test('a rebuilt chunk of the same length never runs the old cached code, and its cache is replaced', () => {
    const { dir: bundleDir, entry } = bundle(2);
    const cache = tempDir('cache');
    loadOnce(entry, cache);
    const before = readFileSync(join(cache, 'b.cjs.bin'));
    // Same length (V8's own check would pass), other content and mtime.
    writeFileSync(join(bundleDir, 'b.cjs'), 'exports.scale = (x) => x * 3;\n');
    utimesSync(join(bundleDir, 'b.cjs'), new Date(), new Date(Date.now() + 5000));
    const second = loadOnce(entry, cache);
    expect(second.exports.value).toBe(63);
    expect(second.outcomes).toEqual(['entry.cjs:hit', 'b.cjs:miss']);
    expect(binFiles(cache)).toEqual(['b.cjs.bin', 'entry.cjs.bin']);
    expect(readFileSync(join(cache, 'b.cjs.bin')).equals(before)).toBe(false);
    expect(loadOnce(entry, cache)).toMatchObject({ exports: { value: 63 }, outcomes: ['entry.cjs:hit', 'b.cjs:hit'] });
  });

  test('caches of chunks that are gone, and files of the older name+size+mtime layout, are pruned', () => {
    const { dir: bundleDir, entry } = bundle();
    const cache = tempDir('cache');
    writeFileSync(join(bundleDir, 'old.cjs'), 'exports.x = 1;\n');
    loadOnce(join(bundleDir, 'old.cjs'), cache);
    writeFileSync(join(cache, 'b.cjs-31-499162500000000.bin'), Buffer.alloc(64, 7));
    rmSync(join(bundleDir, 'old.cjs'));
    loadOnce(entry, cache);
    expect(binFiles(cache)).toEqual(['b.cjs.bin', 'entry.cjs.bin']);
  });

  test('a rebuilt chunk with the same size AND mtime (npm pack stamps 1985-10-26, tar x keeps it) runs its new code', () => {
    const { dir: bundleDir, entry } = bundle(2);
    const packed = new Date('1985-10-26T08:15:00Z');
    for (const f of ['b.cjs', 'entry.cjs']) utimesSync(join(bundleDir, f), packed, packed);
    const cache = tempDir('cache');
    expect(loadOnce(entry, cache).exports.value).toBe(42);
    const before = statSync(join(bundleDir, 'b.cjs'));
    // Another build of the same chunk: equal length, other bytes, and the same stamped mtime.
    writeFileSync(join(bundleDir, 'b.cjs'), 'exports.scale = (x) => x * 3;\n');
    utimesSync(join(bundleDir, 'b.cjs'), packed, packed);
    const after = statSync(join(bundleDir, 'b.cjs'));
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    const second = loadOnce(entry, cache);
    expect(second.exports.value).toBe(63);
    expect(second.outcomes).toEqual(['entry.cjs:hit', 'b.cjs:miss']);
    // Back to the first content: its cache was pruned with the rebuild, so it compiles afresh and still runs right.
    writeFileSync(join(bundleDir, 'b.cjs'), 'exports.scale = (x) => x * 2;\n');
    utimesSync(join(bundleDir, 'b.cjs'), packed, packed);
    expect(loadOnce(entry, cache)).toMatchObject({ exports: { value: 42 }, outcomes: ['entry.cjs:hit', 'b.cjs:miss'] });
  });

  test('CHAOS_COMPILE_CACHE=off compiles normally and writes nothing', () => {
    const { dir: bundleDir, entry } = bundle();
    expect(codeCache.cacheDir(bundleDir, { CHAOS_COMPILE_CACHE: 'off', HOME: '/home/u' })).toBeUndefined();
    const off = loadOnce(entry, undefined);
    expect(off).toEqual({ exports: { value: 42, sameB: true, sep: '/' }, outcomes: ['entry.cjs:off', 'b.cjs:off'] });
    expect(readdirSync(bundleDir).sort()).toEqual(['b.cjs', 'entry.cjs']);
  });

  test('the cache lives per user (XDG_CACHE_HOME, else ~/.cache), per Node version and per install', () => {
    const home = codeCache.cacheDir('/opt/a/dist/bundle', { HOME: '/home/u' })!;
    expect(home.startsWith(`/home/u/.cache/chaos/v8/${process.version}-${process.arch}-`)).toBe(true);
    expect(codeCache.cacheDir('/opt/a/dist/bundle', { HOME: '/home/u', XDG_CACHE_HOME: '/xdg' })!.startsWith('/xdg/chaos/v8/')).toBe(true);
    expect(codeCache.cacheDir('/opt/b/dist/bundle', { HOME: '/home/u' })).not.toBe(home);
    expect(codeCache.cacheDir('/opt/a/dist/bundle', { HOME: '/home/u', CHAOS_COMPILE_CACHE: '/c' })!.startsWith('/c/')).toBe(true);
  });

  test('a cache folder that cannot be made or written costs nothing but time (no hang, no error)', () => {
    const aFile = join(tempDir('not-a-folder'), 'file');
    writeFileSync(aFile, '');
    // Under /proc, Node's own recursive mkdir never returns; under a file, mkdir fails (even as root).
    for (const dir of ['/proc/chaos-no-such-dir/v8', join(aFile, 'v8')]) {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'chaos.cjs'), 'validate', 'experiments/materi.yml'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NO_COLOR: '1', CHAOS_COMPILE_CACHE: dir },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.error).toBeUndefined(); // a hang would end as ETIMEDOUT here
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
  });

  test('the built binary prints the same with a cold and a warm cache, and the warm run hits for every chunk', async () => {
    const cache = tempDir('cli-cache');
    const env = { CHAOS_COMPILE_CACHE: cache, CHAOS_DEBUG_CODE_CACHE: '1' };
    const stats = (stderr: string) => JSON.parse(/code cache: (.*)/.exec(stderr)![1]!) as { chunks: { outcome: string }[] };
    const cold = await runChaos(['run', '--dry-run', 'experiments/materi.yml'], { env });
    const warm = await runChaos(['run', '--dry-run', 'experiments/materi.yml'], { env });
    expect(cold.code).toBe(0);
    expect(warm.code).toBe(0);
    const sameRunId = (out: string) => out.replaceAll(/chaos\.run\/run-id: (\w+)/.exec(out)![1]!, '<run-id>');
    expect(sameRunId(warm.stdout)).toBe(sameRunId(cold.stdout));
    expect(new Set(stats(cold.stderr).chunks.map((c) => c.outcome))).toEqual(new Set(['miss']));
    expect(stats(warm.stderr).chunks.length).toBeGreaterThan(3);
    expect(new Set(stats(warm.stderr).chunks.map((c) => c.outcome))).toEqual(new Set(['hit']));
  });
});
