// The leaf every check shares: where a problem is (a path into the document) and what it is. Pure types and
// formatPath only, so YAML parsing, schema checks and the normalisers all import it and it imports nothing back.
import type { SourceRef } from './model.js';

export type Path = (string | number)[];

/** A problem found by a pure check, located by path; `at: 'key'` points at the key (unknown keys). */
export interface Problem {
  path: Path;
  message: string;
  at?: 'key' | 'value';
}

/** Where normalisers send problems and ask for positions. */
export interface Reporter {
  report(path: Path, message: string, at?: 'key' | 'value'): void;
  source(path: Path): SourceRef;
}

/** `experiments[1].fault.percentage`; keys that are not plain words are quoted: `headers["X Y"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}

/** A located problem, plus what lets a misspelt key hide the "missing" problem it causes. */
export interface KeyedProblem extends Problem {
  /** For an unknown key: the known key it most likely meant. */
  meant?: string | undefined;
  /** For a missing required key: its name. */
  missing?: string | undefined;
}
