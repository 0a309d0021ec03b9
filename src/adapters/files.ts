// Reads the experiment files named on the command line (folders expand to their YAML files).
// Synchronously: a few local files read in turn beat a thread-pool round trip each (start-up, SPEC §8).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

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
