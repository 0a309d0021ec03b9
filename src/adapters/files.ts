// Reads the experiment files named on the command line (folders expand to their YAML files).
// Synchronously: a few local files read in turn beat a thread-pool round trip each (start-up, SPEC §8).
import { accessSync, constants, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';

export interface SourceText {
  file: string; // as the user wrote it (or folder/name), used verbatim in messages
  text: string;
}

const YAML_FILE = /\.ya?ml$/i;

export async function readExperimentFiles(args: string[], cwd: string): Promise<SourceText[]> {
  const out: SourceText[] = [];
  const missing: string[] = [];
  for (const arg of args) {
    const abs = resolve(cwd, arg);
    const info = statSync(abs, { throwIfNoEntry: false });
    if (!info) {
      missing.push(arg);
      continue;
    }
    const names = info.isDirectory()
      ? readdirSync(abs).filter((n) => YAML_FILE.test(n)).sort().map((n) => join(arg, n))
      : [arg];
    for (const file of names) out.push({ file, text: readFileSync(resolve(cwd, file), 'utf8') });
  }
  if (missing.length > 0) {
    throw new UsageError(`file not found: ${missing.join(', ')}`, {
      hint: 'pass experiment files or folders, e.g. chaos run experiments/*.yml',
    });
  }
  if (out.length === 0) throw new UsageError(`no experiment files (*.yml, *.yaml) in ${args.join(', ')}`);
  return out;
}

export async function readTextFile(path: string, cwd: string): Promise<string> {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new UsageError(`cannot read ${path}`);
  }
}

/**
 * mkdir -p, one level at a time: Node 20's recursive mkdir never returns where mkdir fails with ENOENT
 * under a parent that exists (seen under /proc). Throws the first real error instead.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let d = resolve(dir);
  for (; !statSync(d, { throwIfNoEntry: false }); d = dirname(d)) {
    if (dirname(d) === d) throw new Error(`no existing parent of ${dir}`);
    missing.push(d);
  }
  if (!statSync(d).isDirectory()) throw Object.assign(new Error(`ENOTDIR: ${d} is a file, not a folder`), { code: 'ENOTDIR' });
  for (const m of missing.reverse()) mkdirSync(m);
}

/** Before anything is applied: each report's folder exists (made if needed) and is writable. */
export function prepareOutputPaths(paths: string[], cwd: string): void {
  for (const p of paths) {
    const dir = dirname(resolve(cwd, p));
    try {
      makeDirs(dir);
      accessSync(dir, constants.W_OK);
    } catch (e) {
      const reason = e instanceof Error && 'code' in e ? String(e.code) : e instanceof Error ? e.message : String(e);
      throw new EnvironmentError(`cannot write ${p}: ${dir} is not a writable folder (${reason})`, {
        hint: 'choose a --report path in a folder chaos can create and write; nothing was applied',
      });
    }
  }
}
