// Parses one YAML text keeping node positions, so every problem can point at the exact key or value.
// Plain YAML goes through fast.ts; the rest (and every syntax error) through `yaml` (full.ts),
// which is loaded only when a file needs it (../detail.ts).
import { detail } from '../detail.js';
import type { SourceRef } from '../model.js';
import type { Path } from '../problems.js';
import { fastOffsetOf, parseFast } from './fast.js';
import type { FastDoc } from './fast-node.js';
import { linePosition, reporterFor, type YamlSource } from './position.js';

export function parseYaml(file: string, text: string): YamlSource {
  const fast = parseFast(text);
  return fast ? fastSource(file, text, fast) : detail().fullSource(file, text);
}

/** Plain YAML, parsed by fast.ts: no problems, positions from its tree. */
function fastSource(file: string, text: string, fast: FastDoc): YamlSource {
  const position = linePosition(text);
  const locate = (path: Path, at: 'key' | 'value' = 'value'): SourceRef => ({ file, ...position(fastOffsetOf(fast.root, path, at)) });
  return { file, value: fast.value, issues: [], fatal: false, reporter: reporterFor(file, locate) };
}
