// A fast parser for the plain YAML that experiment and config files are written in: block mappings
// and sequences, one-line scalars and one-line flow collections, comments. It gives the same values
// as `yaml` and the same node offsets; anything else (anchors, tags, block or multi-line scalars,
// tabs, duplicate keys, any error...) returns undefined and the caller uses `yaml`, which owns every
// error message. Why: `yaml` parses ~0.5 MB/s on a cold start, most of `chaos validate` and of a
// 1,000-experiment dry run (SPEC §8). test/unit/experiment/yaml-fast.test.ts compares it with `yaml`.

import type { FastDoc, FastNode } from './fast-node.js';
import { bail, flow, isMapEntry, isSeqItem, NotPlain, plainEnd, quoted, readKey, resolvePlain, restIsComment, spaces, BAD_START, type Parsed } from './fast-inline.js';

interface Line {
  start: number; // offset of the line
  indent: number; // leading spaces
  text: string; // the line without its newline
}

export function parseFast(text: string): FastDoc | undefined {
  // Tabs, CR, BOM, directives and document markers are left to `yaml` (anchors, aliases and tags too:
  // they start a value with an indicator, which BAD_START refuses).
  if (/[\t\r\uFEFF]|^(---|\.\.\.|%)/m.test(text)) return undefined;
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const indent = raw.length - raw.trimStart().length;
    const rest = raw.slice(indent);
    if (rest !== '' && !rest.startsWith('#')) lines.push({ start, indent, text: raw });
    start += raw.length + 1;
  }
  if (lines.length === 0) return undefined;
  try {
    const p = new BlockParser(lines);
    const { value, node } = p.node(0, lines[0]!.indent);
    if (p.at < lines.length) return undefined;
    return { value, root: node };
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
  }
}

class BlockParser {
  at = 0;
  constructor(private readonly lines: Line[]) {}

  /** The block node whose first line is `this.at`, indented by exactly `indent`. */
  node(at: number, indent: number): Parsed {
    this.at = at;
    const line = this.lines[at]!;
    if (line.indent !== indent) bail();
    return isSeqItem(line.text, indent) ? this.seq(indent) : this.map(indent);
  }

  private seq(indent: number): Parsed {
    const items: FastNode[] = [];
    const values: unknown[] = [];
    const start = this.lines[this.at]!.start + indent;
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent < indent) break;
      if (line.indent > indent) bail();
      if (!isSeqItem(line.text, indent)) break; // `key:` then `- a` at the key's column: the map goes on
      const after = indent + 1 + spaces(line.text, indent + 1);
      if (after >= line.text.length || line.text[after] === '#') bail(); // `-` alone: the item on the next lines
      const item = isMapEntry(line.text, after) ? this.map(after, after) : this.inline(line, after, indent);
      items.push(item.node);
      values.push(item.value);
    }
    return { value: values, node: { kind: 'seq', start, items } };
  }

  /** A block mapping whose keys sit at column `column`, its first key on the current line (after `- ` in a sequence). */
  private map(column: number, first = column): Parsed {
    const value: Record<string, unknown> = {};
    const pairs = new Map<string, { keyStart: number; value: FastNode }>();
    const start = this.lines[this.at]!.start + first;
    let isFirst = true;
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      const keyCol = isFirst ? first : column;
      if (!isFirst) {
        if (line.indent < column || isSeqItem(line.text, column)) break; // an ancestor's next key or item
        if (line.indent > column) bail();
      }
      isFirst = false;
      const { key, colon } = readKey(line.text, keyCol);
      if (pairs.has(key) || key === '__proto__') bail(); // duplicates: `yaml` reports them
      const after = colon + 1 + spaces(line.text, colon + 1);
      let parsed: Parsed;
      if (after < line.text.length && line.text[after] !== '#') {
        parsed = this.inline(line, after, column);
      } else {
        this.at++;
        const next = this.lines[this.at];
        if (next && next.indent > column) parsed = this.node(this.at, next.indent);
        else if (next && next.indent === column && isSeqItem(next.text, column)) parsed = this.seq(column);
        else parsed = { value: null, node: { kind: 'scalar', start: line.start + colon + 1, empty: true } };
      }
      pairs.set(key, { keyStart: line.start + keyCol, value: parsed.node });
      value[key] = parsed.value;
    }
    return { value, node: { kind: 'map', start, pairs } };
  }

  /** A value that starts at `col` of `line` and ends on it; the next line must not continue it. */
  private inline(line: Line, col: number, indent: number): Parsed {
    const c = line.text[col]!;
    let parsed: Parsed;
    let end: number;
    if (c === '[' || c === '{') [parsed, end] = flow(line.text, col, line.start);
    else if (c === '"' || c === "'") [parsed, end] = quoted(line.text, col, line.start);
    else {
      const text = plainEnd(line.text, col, false);
      const s = line.text.slice(col, text).trimEnd();
      if (s.includes(': ') || s.endsWith(':') || BAD_START.test(s)) bail();
      [parsed, end] = [{ value: resolvePlain(s), node: { kind: 'scalar', start: line.start + col, empty: false } }, text];
    }
    if (!restIsComment(line.text, end)) bail();
    this.at++;
    const next = this.lines[this.at];
    // A deeper line after an inline value continues it (a multi-line scalar) or is an error: `yaml` decides.
    if (next && next.indent > indent) bail();
    return parsed;
  }
}

/** Start offset of the node at `path` (or of its key), as full.ts's offsetOf gives it for `yaml`'s tree. */
export function fastOffsetOf(root: FastNode, path: readonly (string | number)[], at: 'key' | 'value'): number {
  let node = root;
  let offset = root.start;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (node.kind === 'map') {
      const pair = node.pairs.get(String(seg));
      if (!pair) return offset;
      if (i === path.length - 1 && at === 'key') return pair.keyStart;
      node = pair.value;
      offset = node.kind === 'scalar' && node.empty ? pair.keyStart : node.start; // `key:` alone: point at the key
    } else if (node.kind === 'seq' && typeof seg === 'number') {
      const item = node.items[seg];
      if (!item) return offset;
      node = item;
      offset = item.start;
    } else return offset;
  }
  return offset;
}
