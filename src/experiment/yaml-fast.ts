// A fast parser for the plain YAML that experiment and config files are written in: block mappings
// and sequences, one-line scalars and one-line flow collections, comments. It gives the same values
// as `yaml` and the same node offsets; anything else (anchors, tags, block or multi-line scalars,
// tabs, duplicate keys, any error...) returns undefined and the caller uses `yaml`, which owns every
// error message. Why: `yaml` parses ~0.5 MB/s on a cold start, most of `chaos validate` and of a
// 1,000-experiment dry run (SPEC §8). test/unit/experiment/yaml-fast.test.ts compares it with `yaml`.

/** A node's start offset (what `yaml` calls range[0]) and, for collections, where its children are. */
export type FastNode =
  | { kind: 'scalar'; start: number; empty: boolean }
  | { kind: 'seq'; start: number; items: FastNode[] }
  | { kind: 'map'; start: number; pairs: Map<string, { keyStart: number; value: FastNode }> };

export interface FastDoc {
  value: unknown;
  root: FastNode;
}

class NotPlain extends Error {}
const bail = (): never => {
  throw new NotPlain();
};

interface Line {
  start: number; // offset of the line
  indent: number; // leading spaces
  text: string; // the line without its newline
}

export function parseFast(text: string): FastDoc | undefined {
  // Tabs, CR, BOM, directives, document markers and anchors/aliases/tags are left to `yaml`.
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

type Parsed = { value: unknown; node: FastNode };

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

const spaces = (s: string, from: number) => {
  let i = from;
  while (s[i] === ' ') i++;
  return i - from;
};

const isSeqItem = (text: string, col: number) => text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ');

/** Plain scalars cannot start with an indicator; `-` is fine before a non-space (`-10m`); `?` and `:` are left to `yaml`. */
const BAD_START = /^(?:[,[\]{}#&*!|>'"%@`?:]|-(?:\s|$))/;

const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*/;

/** `key:` at `col`: a plain word or a one-line quoted string, then `:` and a space or the line's end. */
function readKey(text: string, col: number): { key: string; colon: number } {
  let key: string;
  let end: number;
  if (text[col] === '"' || text[col] === "'") {
    const [parsed, close] = quoted(text, col, 0);
    key = parsed.value as string;
    end = close;
  } else {
    const m = PLAIN_KEY.exec(text.slice(col));
    if (!m) bail();
    key = m![0];
    if (typeof resolvePlain(key) !== 'string') bail(); // `1:`, `true:`, `null:` become other keys in `yaml`
    end = col + key.length;
  }
  if (text[end] !== ':' || (end + 1 < text.length && text[end + 1] !== ' ')) bail();
  return { key, colon: end };
}

function isMapEntry(text: string, col: number): boolean {
  try {
    readKey(text, col);
    return true;
  } catch (e) {
    if (e instanceof NotPlain) return false;
    throw e;
  }
}

/** Where a plain scalar starting at `col` ends: a comment, the line's end, or (in flow) an indicator. */
function plainEnd(text: string, col: number, inFlow: boolean): number {
  let i = col;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '#' && text[i - 1] === ' ') return i;
    if (inFlow && (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{')) return i;
    if (inFlow && ch === ':' && (text[i + 1] === ' ' || text[i + 1] === ',' || text[i + 1] === '}' || text[i + 1] === ']')) return i;
  }
  return i;
}

/** Only spaces, or a comment (a `#` after a space), from `from` to the line's end. */
const restIsComment = (text: string, from: number) => {
  const i = from + spaces(text, from);
  return i >= text.length || (text[i] === '#' && text[i - 1] === ' ');
};

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', ' ': ' ', b: '\b', f: '\f', v: '\v', a: '\x07', e: '\x1b' };

/** A quoted scalar that closes on its line: [parsed, offset after the closing quote] (offsets from `base`). */
function quoted(text: string, col: number, base: number): [Parsed, number] {
  const q = text[col]!;
  let out = '';
  for (let i = col + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (q === "'" && ch === "'") {
      if (text[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      return [{ value: out, node: { kind: 'scalar', start: base + col, empty: false } }, i + 1];
    }
    if (q === '"' && ch === '"') return [{ value: out, node: { kind: 'scalar', start: base + col, empty: false } }, i + 1];
    if (q === '"' && ch === '\\') {
      const next = text[i + 1];
      const hex = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
      if (hex) {
        const digits = text.slice(i + 2, i + 2 + hex);
        if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) bail();
        out += String.fromCodePoint(parseInt(digits, 16));
        i += 1 + hex;
      } else {
        if (next === undefined || !(next in ESCAPES)) bail();
        out += ESCAPES[next!];
        i++;
      }
      continue;
    }
    out += ch;
  }
  return bail(); // closes on a later line: multi-line quoted scalars fold, `yaml` knows how
}

/** A one-line flow collection: [parsed, offset after its closing bracket]. */
function flow(text: string, col: number, base: number): [Parsed, number] {
  const open = text[col]!;
  const close = open === '[' ? ']' : '}';
  const items: FastNode[] = [];
  const values: unknown[] = [];
  const pairs = new Map<string, { keyStart: number; value: FastNode }>();
  const obj: Record<string, unknown> = {};
  let i = col + 1;
  const skip = () => {
    i += spaces(text, i);
  };
  const scalarOrFlow = (): [Parsed, number] => {
    const ch = text[i];
    if (ch === '[' || ch === '{') return flow(text, i, base);
    if (ch === '"' || ch === "'") return quoted(text, i, base);
    const end = plainEnd(text, i, true);
    const s = text.slice(i, end).trimEnd();
    if (s === '' || s.includes(':') || s.includes(' #') || BAD_START.test(s)) bail();
    return [{ value: resolvePlain(s), node: { kind: 'scalar', start: base + i, empty: false } }, end];
  };
  skip();
  if (text[i] === close) return [open === '[' ? { value: [], node: { kind: 'seq', start: base + col, items } } : { value: {}, node: { kind: 'map', start: base + col, pairs } }, i + 1];
  for (;;) {
    skip();
    if (open === '{') {
      const keyStart = i;
      const { key, colon } = readKey(text, i);
      if (pairs.has(key) || key === '__proto__') bail();
      i = colon + 1;
      skip();
      if (text[i] === ',' || text[i] === '}') bail(); // `{ a: }`: an empty value, rare: `yaml`
      const [parsed, end] = scalarOrFlow();
      pairs.set(key, { keyStart: base + keyStart, value: parsed.node });
      obj[key] = parsed.value;
      i = end;
    } else {
      const [parsed, end] = scalarOrFlow();
      items.push(parsed.node);
      values.push(parsed.value);
      i = end;
    }
    skip();
    if (text[i] === close) break;
    if (text[i] !== ',') bail();
    i++;
    skip();
    if (text[i] === close) bail(); // a trailing comma: `yaml` decides
  }
  const node: FastNode = open === '[' ? { kind: 'seq', start: base + col, items } : { kind: 'map', start: base + col, pairs };
  return [{ value: open === '[' ? values : obj, node }, i + 1];
}

/** YAML 1.2 core schema, in `yaml`'s order: null, bool, int (octal, decimal, hex), float (special, exponent, plain). */
export function resolvePlain(s: string): unknown {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** Start offset of the node at `path` (or of its key), as yaml-source.ts's offsetOf gives it for `yaml`'s tree. */
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

/** 1-based line and column of an offset, as `yaml`'s LineCounter gives them. */
export function lineColOf(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}
