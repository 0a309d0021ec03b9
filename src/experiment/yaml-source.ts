// Parses one YAML text keeping node positions, so every problem can point at the exact key or value.
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { Issue } from '../errors.js';
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
function formatPath(path: Path): string {
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

const SYNTAX_LOCATION = / at line \d+, column \d+:[\s\S]*$/;

export function parseYaml(file: string, text: string): YamlSource {
  const fast = parseFast(text);
  return fast ? fastSource(file, text, fast) : fullSource(file, text);
}

/** Plain YAML, parsed by yaml-fast.ts: no problems, positions from its tree. */
function fastSource(file: string, text: string, fast: FastDoc): YamlSource {
  // The line starts yaml's own parser would record, for the same LineCounter lookups as fullSource.
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  const position = positionIn(lines);
  const locate = (path: Path, at: 'key' | 'value' = 'value'): SourceRef => ({ file, ...position(fastOffsetOf(fast.root, path, at)) });
  return { file, value: fast.value, issues: [], fatal: false, reporter: reporterFor(file, locate) };
}

const positionIn = (lines: LineCounter) => (offset: number) => {
  const p = lines.linePos(offset);
  return { line: p.line, col: p.col };
};

const reporterFor =
  (file: string, locate: (path: Path, at?: 'key' | 'value') => SourceRef) =>
  (sink: Issue[]): Reporter => ({
    report: (path, message, at) => sink.push({ ...locate(path, at), path: formatPath(path), message }),
    source: (path) => locate(path, 'value'),
  });

/** Everything else (and every syntax error) by `yaml`. */
function fullSource(file: string, text: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true, merge: true });
  const position = positionIn(lines);
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
