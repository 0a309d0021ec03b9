// Parses one YAML text keeping node positions, so every problem can point at the exact key or value.
// Plain YAML goes through yaml-fast.ts; the rest (and every syntax error) through `yaml` (yaml-full.ts),
// which is loaded only when a file needs it (detail.ts).
import type { Issue } from '../errors.js';
import { detail } from './detail.js';
import type { SourceRef } from './model.js';
import { fastOffsetOf, parseFast, type FastDoc } from './yaml-fast.js';

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

export interface YamlSource {
  file: string;
  /** The document as plain JS (undefined for an empty file). */
  value: unknown;
  /** YAML syntax problems; `fatal` when the tree cannot be trusted for further checks. */
  issues: Issue[];
  fatal: boolean;
  reporter(sink: Issue[]): Reporter;
}

export function parseYaml(file: string, text: string): YamlSource {
  const fast = parseFast(text);
  return fast ? fastSource(file, text, fast) : detail().fullSource(file, text);
}

/** Plain YAML, parsed by yaml-fast.ts: no problems, positions from its tree. */
function fastSource(file: string, text: string, fast: FastDoc): YamlSource {
  const position = linePosition(text);
  const locate = (path: Path, at: 'key' | 'value' = 'value'): SourceRef => ({ file, ...position(fastOffsetOf(fast.root, path, at)) });
  return { file, value: fast.value, issues: [], fatal: false, reporter: reporterFor(file, locate) };
}

/** offset → 1-based line and column: yaml's LineCounter.linePos over the same line starts. */
export function linePosition(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    if (starts[low] === offset) return { line: low + 1, col: 1 };
    if (low === 0) return { line: 0, col: offset };
    return { line: low, col: offset - starts[low - 1]! + 1 };
  };
}

export const reporterFor =
  (file: string, locate: (path: Path, at?: 'key' | 'value') => SourceRef) =>
  (sink: Issue[]): Reporter => ({
    report: (path, message, at) => sink.push({ ...locate(path, at), path: formatPath(path), message }),
    source: (path) => locate(path, 'value'),
  });
