// YAML beyond fast.ts's plain subset, and every syntax error, by `yaml`: loaded only when a file
// needs it (../detail.ts), since the library costs every `chaos validate` a few ms of start-up (SPEC §8).
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Issue } from '../../errors.js';
import type { SourceRef } from '../model.js';
import { formatPath, type Path } from '../problems.js';
import { linePosition, reporterFor, type YamlSource } from './position.js';

const SYNTAX_LOCATION = / at line \d+, column \d+:[\s\S]*$/;

/** Everything else (and every syntax error) by `yaml`. */
export function fullSource(file: string, text: string): YamlSource {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, merge: true });
  const position = linePosition(text);
  const issues: Issue[] = doc.errors.map((e) => ({
    file,
    ...position(e.pos[0]),
    path: formatPath(pathAtOffset(doc, e.pos[0])),
    message: e.code === 'DUPLICATE_KEY' ? 'duplicate key: each key may appear only once in a mapping' : e.message.replace(SYNTAX_LOCATION, ''),
  }));
  const fatal = doc.errors.some((e) => e.code !== 'DUPLICATE_KEY');
  const locate = (path: Path, at: 'key' | 'value' = 'value'): SourceRef => {
    const offset = offsetOf(doc, path, at);
    return { file, ...position(offset) };
  };
  let value: unknown;
  try {
    value = doc.contents === null ? undefined : doc.toJS();
  } catch (e) {
    // e.g. an alias bomb ("Excessive alias count"): report it like a syntax error
    issues.push({ file, line: 1, col: 1, path: '(root)', message: e instanceof Error ? e.message : String(e) });
  }
  return {
    file,
    value,
    issues,
    fatal: fatal || issues.length > doc.errors.length,
    reporter: reporterFor(file, locate),
  };
}

/** Start offset of the node at `path` (or of its key); the deepest existing ancestor when it is missing. */
export function offsetOf(doc: Document, path: Path, at: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      // The last of duplicate keys, as toJS keeps (the duplicate itself is already reported).
      const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return offset;
      const keyStart = rangeStart(pair.key) ?? offset;
      const valueStart = rangeStart(pair.value);
      // An empty value (`key:`) has no text of its own: point at the key.
      const emptyValue = isScalar(pair.value) && pair.value.value === null && pair.value.range?.[0] === pair.value.range?.[1];
      if (last && at === 'key') return keyStart;
      node = pair.value;
      offset = valueStart === undefined || emptyValue ? keyStart : valueStart;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return offset;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else return offset;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}

/** Path of the deepest node containing `offset` (to give syntax errors a path too). */
function pathAtOffset(doc: Document, offset: number): Path {
  const path: Path = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key, offset, p.value ?? p.key));
      if (!pair || !isScalar(pair.key)) return path;
      path.push(String(pair.key.value));
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index];
    } else return path;
  }
}

function contains(start: unknown, offset: number, end: unknown = start): boolean {
  const from = rangeStart(start);
  const to = end && typeof end === 'object' && 'range' in end ? (end as Node).range?.[2] : undefined;
  return from !== undefined && to !== undefined && from <= offset && offset <= to;
}
