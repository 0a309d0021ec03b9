// A small block-YAML emitter for manifests (JSON-like data only). The `yaml` library takes ~0.2 ms
// per object, a fifth of the 1 s budget for `run --dry-run` on 1,000 experiments (SPEC §8).
// Strings are emitted plain only when every YAML 1.1 (kubectl) and 1.2 parser reads them back as
// the same string; everything else is double-quoted with JSON escapes, which YAML accepts.

const RESERVED = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
const WORD = /^[A-Za-z][A-Za-z0-9._/-]*$/;
// `500ms`, `5m`, `1m30s`, `10mbit`, `256MB`: a number never ends in a letter, except hex `0xff`.
const MEASURE = /^[0-9]+(\.[0-9]+)?([a-zA-Z]+[0-9]+)*[a-zA-Z]+$/;

function plainSafe(s: string): boolean {
  if (WORD.test(s)) return !RESERVED.has(s.toLowerCase());
  return MEASURE.test(s) && !/^0x/i.test(s);
}

// JSON leaves DEL, C1 controls and Unicode line separators raw; YAML wants them escaped.
function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function str(s: string): string {
  return plainSafe(s) ? s : quote(s);
}

/** Inline text for scalars and empty collections; undefined for a block collection. */
function inline(v: unknown): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return str(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError(`cannot emit ${v} in a manifest`);
    return String(v);
  }
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : undefined;
  if (typeof v === 'object') return Object.values(v as object).some((x) => x !== undefined) ? undefined : '{}';
  throw new TypeError(`cannot emit a ${typeof v} in a manifest`);
}

function emit(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      const text = inline(item);
      if (text !== undefined) out.push(`${indent}- ${text}`);
      else if (Array.isArray(item)) {
        out.push(`${indent}-`);
        emit(item, `${indent}  `, out);
      } else {
        // A map in a list: its first key shares the `- ` line.
        const start = out.length;
        emit(item, `${indent}  `, out);
        out[start] = `${indent}- ${(out[start] as string).slice(indent.length + 2)}`;
      }
    }
    return;
  }
  for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
    if (value === undefined) continue;
    const text = inline(value);
    if (text !== undefined) out.push(`${indent}${str(key)}: ${text}`);
    else {
      out.push(`${indent}${str(key)}:`);
      emit(value, `${indent}  `, out);
    }
  }
}

/** Block YAML for a JSON-like object, ending with a newline. */
export function toYaml(value: object): string {
  const out: string[] = [];
  emit(value, '', out);
  return `${out.join('\n')}\n`;
}
