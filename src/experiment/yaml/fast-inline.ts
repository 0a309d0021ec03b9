// One-line pieces of plain YAML for fast.ts: keys, plain and quoted scalars, flow collections,
// and the YAML 1.2 core schema's resolution of plain scalars. Each throws NotPlain on anything else.
import type { FastNode } from './fast-node.js';

export type Parsed = { value: unknown; node: FastNode };

/** Thrown on anything outside the fast parser's subset: the caller falls back to `yaml`. */
export class NotPlain extends Error {}
// One instance, thrown again and again: a new Error per bail would capture a stack trace each time.
const NOT_PLAIN = new NotPlain('not plain YAML');
export const bail = (): never => {
  throw NOT_PLAIN;
};

export const spaces = (s: string, from: number) => {
  let i = from;
  while (s[i] === ' ') i++;
  return i - from;
};

export const isSeqItem = (text: string, col: number) => text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ');

/** Plain scalars cannot start with an indicator; `-` is fine before a non-space (`-10m`); `?` and `:` are left to `yaml`. */
export const BAD_START = /^(?:[,[\]{}#&*!|>'"%@`?:]|-(?:\s|$))/;

const PLAIN_KEY = /[A-Za-z0-9_][A-Za-z0-9_.\-/]*/y;

/** `key:` at `col`: a plain word or a one-line quoted string, then `:` and a space or the line's end. */
export function readKey(text: string, col: number): { key: string; colon: number } {
  if (text[col] !== '"' && text[col] !== "'") return plainKey(text, col) ?? bail();
  const [parsed, close] = quoted(text, col, 0);
  if (!isColon(text, close)) bail();
  return { key: parsed.value as string, colon: close };
}

export function isMapEntry(text: string, col: number): boolean {
  if (text[col] !== '"' && text[col] !== "'") return plainKey(text, col) !== undefined; // no throw: most seq items are not keys
  try {
    readKey(text, col);
    return true;
  } catch (e) {
    if (e instanceof NotPlain) return false;
    throw e;
  }
}

function plainKey(text: string, col: number): { key: string; colon: number } | undefined {
  PLAIN_KEY.lastIndex = col;
  const m = PLAIN_KEY.exec(text);
  if (!m) return undefined;
  const key = m[0];
  const end = col + key.length;
  // `1:`, `true:`, `null:` become other keys in `yaml`
  return typeof resolvePlain(key) === 'string' && isColon(text, end) ? { key, colon: end } : undefined;
}

const isColon = (text: string, at: number) => text[at] === ':' && (at + 1 === text.length || text[at + 1] === ' ');

/** Where a plain scalar starting at `col` ends: a comment, the line's end, or (in flow) an indicator. */
export function plainEnd(text: string, col: number, inFlow: boolean): number {
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
export const restIsComment = (text: string, from: number) => {
  const i = from + spaces(text, from);
  return i >= text.length || (text[i] === '#' && text[i - 1] === ' ');
};

const ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', ' ': ' ', b: '\b', f: '\f', v: '\v', a: '\x07', e: '\x1b' };

/** A quoted scalar that closes on its line: [parsed, offset after the closing quote] (offsets from `base`). */
export function quoted(text: string, col: number, base: number): [Parsed, number] {
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
export function flow(text: string, col: number, base: number): [Parsed, number] {
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
  // `[]` and `{}` skip the loop.
  while (text[i] !== close) {
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
  // Nulls, booleans and numbers all start with one of these; anything else is a string as it stands.
  if (s !== '' && !'~nNtTfF0123456789+-.'.includes(s[0]!)) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}
