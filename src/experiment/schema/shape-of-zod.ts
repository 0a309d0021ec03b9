// Build time only (scripts/write-schemas.mjs): compiles the zod schemas into plain Shapes and writes them
// as shapes.generated.ts. Anything zod can do that `conforms` does not mirror exactly is refused here, so
// a new kind of rule fails the build instead of being accepted silently at run time.
import type { z } from 'zod';
import { SCHEMA_IDS } from './ids.js';
import type { Bound, Shape } from './shape.js';
import { zodSchemaOf } from './zod-schemas.js';

interface Internals {
  def: { type: string; checks?: { _zod: { def: CheckDef } }[] } & Record<string, unknown>;
  values?: Set<unknown>;
  optin?: string;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: unknown;
  inclusive?: boolean;
}

const internals = (schema: unknown): Internals => (schema as z.core.$ZodType)._zod as unknown as Internals;

export function shapeOfZod(schema: unknown, where = '(root)'): Shape {
  const zod = internals(schema);
  const { def } = zod;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const refuse = (what: string): never => {
    throw new Error(`shape-of-zod: ${where}: ${def.type} with ${what} has no compiled shape; extend shape.ts or express the rule another way`);
  };
  const only = (allowed: string[]) => {
    for (const c of checks) if (!allowed.includes(c.check)) refuse(`check ${c.check}${c.format ? ` (${c.format})` : ''}`);
  };
  const lengths = () => ({
    ...minOf(checks.filter((c) => c.check === 'min_length').map((c) => c.minimum as number)),
    ...maxOf(checks.filter((c) => c.check === 'max_length').map((c) => c.maximum as number)),
  });
  switch (def.type) {
    case 'unknown':
    case 'boolean':
      only([]);
      return { k: def.type };
    case 'string': {
      only(['min_length', 'max_length', 'string_format']);
      const formats = checks.filter((c) => c.check === 'string_format');
      const patterns = formats.map((c) => (c.format === 'regex' && c.pattern instanceof RegExp ? c.pattern : refuse(`format ${c.format}`)));
      return { k: 'string', ...lengths(), ...(patterns.length > 0 ? { patterns } : {}) };
    }
    case 'number': {
      if (def.coerce) refuse('coercion');
      only(['greater_than', 'less_than', 'number_format']);
      const int = checks.some((c) => c.check === 'number_format' && (c.format === 'safeint' || refuse(`format ${c.format}`)));
      const bounds = checks.filter((c) => c.check !== 'number_format').map((c): [Bound, number] => [bound(c), c.value as number]);
      return { k: 'number', ...(int ? { int } : {}), ...(bounds.length > 0 ? { bounds } : {}) };
    }
    case 'enum':
    case 'literal':
      only([]);
      return { k: 'values', values: [...(zod.values ?? refuse('no values'))] as (string | number | boolean | null)[] };
    case 'union': {
      only([]);
      const options = def.options as unknown[];
      if (zod.optin !== undefined) refuse('an optional option');
      return { k: 'union', of: options.map((o, i) => shapeOfZod(o, `${where}|${i}`)) };
    }
    case 'optional':
      only([]);
      return { k: 'optional', of: shapeOfZod(def.innerType, where) };
    case 'array':
      only(['min_length', 'max_length']);
      return { k: 'array', of: shapeOfZod(def.element, `${where}[]`), ...lengths() };
    case 'object':
      only([]);
      return { k: 'object', fields: fieldsOf(def.shape as Record<string, unknown>, where), strict: strictness(def.catchall, refuse) };
    case 'record':
      only([]);
      if (def.mode !== undefined && def.mode !== 'strict') refuse(`mode ${String(def.mode)}`);
      if (internals(def.keyType).values) refuse('enumerated keys');
      return { k: 'record', key: shapeOfZod(def.keyType, `${where}{key}`), value: shapeOfZod(def.valueType, `${where}{}`) };
    default:
      return refuse('this type');
  }
}

function fieldsOf(shape: Record<string, unknown>, where: string): Record<string, Shape> {
  const fields: Record<string, Shape> = {};
  for (const [key, field] of Object.entries(shape)) {
    const zod = internals(field);
    // conforms() lets a key be absent only for .optional(): defaults and the like would differ.
    if (zod.optin !== undefined && zod.def.type !== 'optional') throw new Error(`shape-of-zod: ${where}.${key}: ${zod.def.type} may be absent; only .optional() is compiled`);
    fields[key] = shapeOfZod(field, `${where}.${key}`);
  }
  return fields;
}

function strictness(catchall: unknown, refuse: (what: string) => never): boolean {
  if (catchall === undefined) return false;
  return internals(catchall).def.type === 'never' || refuse('a catchall');
}

function bound(c: CheckDef): Bound {
  if (typeof c.value !== 'number') throw new Error(`shape-of-zod: non-numeric bound ${String(c.value)}`);
  return c.check === 'greater_than' ? (c.inclusive ? '>=' : '>') : c.inclusive ? '<=' : '<';
}

const minOf = (ns: number[]) => (ns.length > 0 ? { min: Math.max(...ns) } : {});
const maxOf = (ns: number[]) => (ns.length > 0 ? { max: Math.min(...ns) } : {});

/** The text of shapes.generated.ts. */
export function renderShapesModule(): string {
  const entries = SCHEMA_IDS.map((id) => `  ${JSON.stringify(id)}: ${render(shapeOfZod(zodSchemaOf(id), id), 1)},`);
  return [
    '// Generated by scripts/write-schemas.mjs (`npm run schema`) from the zod schemas (zod-schemas.ts): do not edit.',
    '// test/unit/experiment/shapes.test.ts fails when this file falls behind them.',
    "import type { SchemaId } from './ids.js';",
    "import type { Shape } from './shape.js';",
    '',
    'export const SHAPES: Record<SchemaId, Shape> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

// TypeScript literal text, one level per line once a value no longer fits on one.
function render(v: unknown, depth: number): string {
  const inline = renderInline(v);
  if (inline.length + depth * 2 <= 110 || typeof v !== 'object' || v === null || v instanceof RegExp) return inline;
  const pad = '  '.repeat(depth + 1);
  const close = '  '.repeat(depth);
  if (Array.isArray(v)) return `[\n${v.map((x) => `${pad}${render(x, depth + 1)},`).join('\n')}\n${close}]`;
  const entries = Object.entries(v as object).map(([k, x]) => `${pad}${key(k)}: ${render(x, depth + 1)},`);
  return `{\n${entries.join('\n')}\n${close}}`;
}

function renderInline(v: unknown): string {
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  if (Array.isArray(v)) return `[${v.map(renderInline).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).map(([k, x]) => `${key(k)}: ${renderInline(x)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return v === undefined ? 'undefined' : JSON.stringify(v);
}

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
