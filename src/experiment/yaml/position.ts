// What a parsed YAML document offers the checks, whichever parser read it: its value, its syntax problems, and
// positions (offset → line:col, path → SourceRef) for every problem. Shared by source.ts (plain YAML) and full.ts.
import type { Issue } from '../../errors.js';
import type { SourceRef } from '../model.js';
import { formatPath, type Path, type Reporter } from '../problems.js';

export interface YamlSource {
  file: string;
  /** The document as plain JS (undefined for an empty file). */
  value: unknown;
  /** YAML syntax problems; `fatal` when the tree cannot be trusted for further checks. */
  issues: Issue[];
  fatal: boolean;
  reporter(sink: Issue[]): Reporter;
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
