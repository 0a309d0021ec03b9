// What a valid value looks like, as plain data: the zod schemas compiled at build time (shape-of-zod.ts →
// shapes.generated.ts), so checking a valid file costs microseconds and never loads zod (SPEC §8).
// `conforms` must accept exactly what zod's safeParse accepts; shapes.test.ts checks that on every schema.

export type Shape =
  | { k: 'unknown' }
  | { k: 'boolean' }
  | { k: 'string'; min?: number; max?: number; patterns?: RegExp[] }
  | { k: 'number'; int?: boolean; bounds?: [Bound, number][] }
  | { k: 'values'; values: readonly (string | number | boolean | null)[] }
  | { k: 'union'; of: Shape[] }
  | { k: 'optional'; of: Shape }
  | { k: 'array'; of: Shape; min?: number; max?: number }
  | { k: 'object'; fields: Record<string, Shape>; strict: boolean }
  | { k: 'record'; key: Shape; value: Shape };

export type Bound = '>' | '>=' | '<' | '<=';

export function conforms(s: Shape, v: unknown): boolean {
  switch (s.k) {
    case 'unknown':
      return true;
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string' && lengthWithin(codePoints(v), s.min, s.max) && (s.patterns ?? []).every((re) => matches(re, v));
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && (!s.int || Number.isSafeInteger(v)) && (s.bounds ?? []).every(([b, n]) => within(v, b, n));
    case 'values':
      return s.values.includes(v as string);
    case 'union':
      return s.of.some((o) => conforms(o, v));
    case 'optional':
      return v === undefined || conforms(s.of, v);
    case 'array':
      return Array.isArray(v) && lengthWithin(v.length, s.min, s.max) && v.every((x) => conforms(s.of, x));
    case 'object':
      return isObject(v) && fieldsConform(s.fields, v) && (!s.strict || onlyKnownKeys(s.fields, v));
    case 'record':
      return isPlainObject(v) && Object.keys(v).every((key) => key === '__proto__' || (conforms(s.key, key) && conforms(s.value, v[key])));
  }
}

/** The keys of an object shape (e.g. to tell a criterion's object form from its shorthand). */
export function shapeKeys(s: Shape): string[] {
  return s.k === 'object' ? Object.keys(s.fields) : [];
}

// As zod: an absent key is allowed only for an optional field; `in` (not hasOwn) decides presence.
function fieldsConform(fields: Record<string, Shape>, v: Record<string, unknown>): boolean {
  for (const key of Object.keys(fields)) {
    const field = fields[key] as Shape;
    if (!(key in v)) {
      if (field.k !== 'optional') return false;
    } else if (!conforms(field, v[key])) return false;
  }
  return true;
}

function onlyKnownKeys(fields: Record<string, Shape>, v: Record<string, unknown>): boolean {
  for (const key in v) if (!Object.hasOwn(fields, key)) return false;
  return true;
}

function lengthWithin(n: number, min: number | undefined, max: number | undefined): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}

// zod measures strings in code points: a surrogate pair is one character.
function codePoints(v: string): number {
  let n = v.length;
  for (let i = 0; i < v.length - 1; i++) {
    if ((v.charCodeAt(i) & 0xfc00) === 0xd800 && (v.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

function within(v: number, b: Bound, n: number): boolean {
  return b === '>' ? v > n : b === '>=' ? v >= n : b === '<' ? v < n : v <= n;
}

function matches(re: RegExp, v: string): boolean {
  re.lastIndex = 0;
  return re.test(v);
}

/** A mapping: an object that is not an array (what zod calls an object). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// zod's isPlainObject, for records.
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!isObject(v)) return false;
  const ctor: unknown = v.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return isObject(proto) && Object.hasOwn(proto, 'isPrototypeOf');
}
