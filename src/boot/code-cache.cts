// Loads the bundled CLI (CommonJS chunks in dist/bundle/) with V8's code cache, as Node 22's
// module.enableCompileCache() does and Node 20 cannot: start-up time is a budget (SPEC §8).
// A chunk is compiled from its cached bytecode when the cache was made from the very same bytes and V8
// accepts it; otherwise it is compiled normally and its cache is written at exit.
// Cache file `<chunk>.bin`: u32le source length, the chunk's source bytes, then V8's cached data. The
// stored source is compared with the chunk byte for byte (a memcmp, cheaper than hashing in JS or loading
// node:crypto): V8 itself checks only the length, and size + mtime prove nothing (npm pack stamps every
// file 1985-10-26 and tar x keeps it), so any other key could run stale bytecode.
import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');

type CacheOutcome = 'hit' | 'miss' | 'rejected' | 'off';

interface LoaderStats {
  dir: string | undefined;
  chunks: { chunk: string; outcome: CacheOutcome }[];
}

/**
 * The cache folder of one installed bundle; `CHAOS_COMPILE_CACHE=off` (or 0) disables the cache and
 * any other value is the parent folder. Per user by default, never a shared /tmp folder: a planted
 * cache file would run as code in this process.
 */
function cacheDir(bundleDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.CHAOS_COMPILE_CACHE;
  if (setting === 'off' || setting === '0' || setting === 'false') return undefined;
  const home = env.HOME || (require('node:os') as typeof import('node:os')).homedir();
  const base = setting ? path.resolve(setting) : env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'chaos', 'v8') : home ? path.join(home, '.cache', 'chaos', 'v8') : undefined;
  // One folder per Node, architecture and install, so installs never prune each other's files.
  return base && path.join(base, `${process.version}-${process.arch}-${fnv1a(bundleDir)}`);
}

function createLoader(dir: string | undefined) {
  const modules = new Map<string, { exports: unknown }>();
  const pending: { script: vm.Script; cacheFile: string; bytes: Buffer }[] = [];
  const stats: LoaderStats = { dir, chunks: [] };

  function load(file: string): unknown {
    const known = modules.get(file);
    if (known) return known.exports;
    const bytes = fs.readFileSync(file);
    const source = bytes.toString('utf8');
    const chunk = path.basename(file);
    const cacheFile = dir === undefined ? undefined : path.join(dir, `${chunk}.bin`);
    const cachedData = cacheFile === undefined ? undefined : cachedDataFor(readIfPresent(cacheFile), bytes);
    // No importModuleDynamically: Node 20 has it only as an experimental feature (with a warning), so
    // scripts/bundle.mjs refuses chunks that import() anything but other chunks.
    const script = new vm.Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
    const outcome: CacheOutcome = cacheFile === undefined ? 'off' : !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
    stats.chunks.push({ chunk, outcome });
    if (cacheFile !== undefined && outcome !== 'hit') pending.push({ script, cacheFile, bytes });

    const mod = { exports: {} as unknown };
    modules.set(file, mod);
    // Chunks require each other by relative path; everything else (node: built-ins, optional packages that
    // bundled code tries) goes to this file's own require, which resolves from the same install.
    const requireChunk = (id: string) => (id.startsWith('./') || id.startsWith('../') ? load(path.resolve(path.dirname(file), id)) : require(id));
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(mod.exports, mod.exports, Object.assign(requireChunk, require), mod, file, path.dirname(file));
    return mod.exports;
  }

  /** Writes the caches of chunks that had none: after running, so lazily compiled functions are in them. */
  function flush(bundleDir: string): void {
    if (dir === undefined || pending.length === 0) return;
    try {
      makeDir(dir);
      for (const { script, cacheFile, bytes } of pending.splice(0)) writeAtomically(cacheFile, cacheFileOf(bytes, script.createCachedData()));
      prune(dir, new Set(fs.readdirSync(bundleDir)));
    } catch {
      // a cache that cannot be written only costs start-up time
    }
  }

  return { load, flush, stats };
}

/** Module.wrap's text (same bytes, so caches stay valid), without loading node:module (~2 ms of start-up). */
function wrap(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/** The cached data of a cache file made from exactly these chunk bytes, else undefined (stale or foreign). */
function cachedDataFor(file: Buffer | undefined, bytes: Buffer): Buffer | undefined {
  if (file === undefined || file.length < 4) return undefined;
  const length = file.readUInt32LE(0);
  if (length !== bytes.length || file.length <= 4 + length) return undefined;
  return file.subarray(4, 4 + length).equals(bytes) ? file.subarray(4 + length) : undefined;
}

function cacheFileOf(bytes: Buffer, cachedData: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(bytes.length, 0);
  return Buffer.concat([header, bytes, cachedData]);
}

/** Deletes caches of chunks that are gone (an older build), and files of older cache layouts. */
function prune(dir: string, chunks: Set<string>): void {
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.bin') && !chunks.has(name.slice(0, -'.bin'.length))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * mkdir -p, one level at a time: Node 20's `mkdirSync(recursive)` loops for ever where mkdir fails
 * with ENOENT under a parent that exists (seen under /proc): a hang at exit, at full CPU.
 */
function makeDir(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.statSync(d, { throwIfNoEntry: false }); d = path.dirname(d)) {
    if (path.dirname(d) === d) throw new Error(`no existing parent of ${dir}`);
    missing.push(d);
  }
  for (const d of missing.reverse()) fs.mkdirSync(d, { mode: 0o700 });
}

/** A concurrent run reads the old file or the new one, never half of one. */
function writeAtomically(file: string, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** 32-bit FNV-1a, as hex: names a folder after a path without loading node:crypto (2–8 ms of start-up). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The bin's one call: load the entry chunk, write missing caches at exit, and hand back its exports. */
function boot(entry: string): unknown {
  const bundleDir = path.dirname(entry);
  const loader = createLoader(cacheDir(bundleDir));
  process.once('exit', () => {
    loader.flush(bundleDir);
    if (process.env.CHAOS_DEBUG_CODE_CACHE) process.stderr.write(`code cache: ${JSON.stringify(loader.stats)}\n`);
  });
  return loader.load(entry);
}

export = { cacheDir, createLoader, boot };
