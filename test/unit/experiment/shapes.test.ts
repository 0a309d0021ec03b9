// The compiled shapes (what `chaos validate` checks valid input with, without zod) accept exactly what
// the zod schemas accept, and shapes.generated.ts is what the schemas compile to today.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import { z } from 'zod';
import { SCHEMA_IDS, type SchemaId } from '../../../src/experiment/schema/ids.js';
import { conforms, type Shape } from '../../../src/experiment/schema/shape.js';
import { renderShapesModule, shapeOfZod } from '../../../src/experiment/schema/shape-of-zod.js';
import { SHAPES } from '../../../src/experiment/schema/shapes.generated.js';
import { zodSchemaOf } from '../../../src/experiment/schema/zod-schemas.js';
import { isFaultType } from '../../../src/experiment/fault-types.js';
import { rng } from '../../support/rng.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

// Strings and numbers near every rule the schemas have: lengths (in code points), patterns, bounds.
const STRINGS = [
  '', 'a', 'api', 'a b', 'A', '-a', 'a-', 'x'.repeat(54), 'x'.repeat(55), 'x'.repeat(63), 'x'.repeat(64), '😀'.repeat(54), '😀'.repeat(55),
  '\ud83d', '500ms', '1m30s', '1.5s', '10µs', '5x', '-10m', '+1h', '10', '1mbit', '10KBps', '1.5mbit', '256MB', '1GiB', '50%', '100%', '101%',
  'GET', 'get', 'Request', 'Response', 'CLOCK_REALTIME', 'http://prom:9090', 'https://x/y?q', 'ftp://x', 'http://', 'monitoring/prometheus-k8s:9090',
  'Monitoring/p', 'PROM_TOKEN', '1TOKEN', 'app=api', 'kind-*', 'any', 'to', 'both', 'ratio', 'seconds', 'always', 'max', '<', '==', '=<', 'latency',
  'lookup', 'error_rate', 'x y', 'toString', '__proto__', 'constructor',
];
const NUMBERS = [0, 1, -1, 0.5, 2, 5, 99, 100, 100.5, 101, 255, 256, 599, 600, 8192, 8193, 65535, 65536, 1e21, 2 ** 53, NaN, Infinity, -Infinity, -0];
// Not from YAML, but zod tells plain objects from others (records) and so must the shapes.
const OTHERS: unknown[] = [null, true, false, [], {}, ['a'], { a: 1 }, undefined, new Date(0), new Map(), Object.create(null)];

type Gen = { r: () => number; wrong: number };
const pick = <T,>(g: Gen, xs: readonly T[]): T => xs[Math.floor(g.r() * xs.length)]!;
const anyScalar = (g: Gen): unknown => pick(g, [pick(g, STRINGS), pick(g, NUMBERS), pick(g, OTHERS)]);

/** A value for `s`: mostly of its kind, sometimes (with probability g.wrong) anything at all. */
function sample(s: Shape, g: Gen, depth = 0): unknown {
  if (g.r() < g.wrong || depth > 6) return anyScalar(g);
  switch (s.k) {
    case 'unknown':
      return anyScalar(g);
    case 'boolean':
      return g.r() < 0.5;
    case 'string': {
      const fitting = STRINGS.filter((x) => conforms(s, x));
      return g.r() < 0.8 && fitting.length > 0 ? pick(g, fitting) : pick(g, STRINGS);
    }
    case 'number': {
      const fitting = NUMBERS.filter((x) => conforms(s, x));
      return g.r() < 0.8 && fitting.length > 0 ? pick(g, fitting) : pick(g, NUMBERS);
    }
    case 'values': {
      const v = pick(g, s.values);
      return g.r() < 0.85 ? v : typeof v === 'string' ? pick(g, [v.toLowerCase(), `${v} `, v.toUpperCase()]) : String(v);
    }
    case 'union':
      return sample(pick(g, s.of), g, depth + 1);
    case 'optional':
      return g.r() < 0.3 ? undefined : sample(s.of, g, depth + 1);
    case 'array':
      return Array.from({ length: Math.floor(g.r() * 3) + (g.r() < 0.8 ? (s.min ?? 0) : 0) }, () => sample(s.of, g, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(s.fields)) {
        const absent = field.k === 'optional' ? g.r() < 0.5 : g.r() < g.wrong;
        if (!absent) out[key] = sample(field, g, depth + 1);
      }
      if (g.r() < g.wrong) out[pick(g, ['extra', 'toString', 'constructor', 'value'])] = 1;
      return out;
    }
    case 'record': {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(g.r() * 3); i > 0; i--) {
        const fitting = STRINGS.filter((x) => conforms(s.key, x));
        const key = g.r() < 0.8 && fitting.length > 0 ? pick(g, fitting) : pick(g, STRINGS);
        Object.defineProperty(out, key, { value: sample(s.value, g, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** Calls `visit` with each node under holder[key] replaced, in turn, by each candidate (then restored). */
function eachSubstitution(holder: Record<string, unknown>, key: string, candidates: unknown[], visit: () => void): void {
  const original = holder[key];
  for (const c of candidates) {
    holder[key] = c;
    visit();
  }
  holder[key] = original;
  if (original && typeof original === 'object') for (const k of Object.keys(original)) eachSubstitution(original as Record<string, unknown>, k, candidates, visit);
}

/** Every value of real files at the point each schema checks: the shipped experiments, fixtures, config. */
function realValues(): { id: SchemaId; value: unknown }[] {
  const files = [
    ...readdirSync(join(ROOT, 'experiments')).filter((f) => f.endsWith('.yml')).map((f) => join(ROOT, 'experiments', f)),
    ...readdirSync(join(ROOT, 'test/fixtures/invalid')).map((f) => join(ROOT, 'test/fixtures/invalid', f)),
  ];
  const out: { id: SchemaId; value: unknown }[] = [];
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parseYamlText(readFileSync(file, 'utf8'));
    } catch {
      continue; // a syntax-error fixture: no value to check
    }
    out.push({ id: 'experiments', value: doc });
    const list = doc && typeof doc === 'object' && 'experiments' in doc && Array.isArray(doc.experiments) ? doc.experiments : [doc];
    for (const e of list as Record<string, unknown>[]) {
      out.push({ id: 'experiment', value: e });
      const fault = e?.fault as Record<string, unknown> | undefined;
      if (fault && isFaultType(fault.type)) out.push({ id: `fault.${fault.type}`, value: fault });
      for (const c of [e?.success_criteria, e?.abort_when].flat()) if (c && typeof c === 'object') out.push({ id: 'criterion', value: c });
    }
  }
  for (const dir of ['.', 'test/fixtures', 'test/fixtures/invalid-config']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.yml') && (dir !== '.' || x === 'chaos.config.yml'))) {
      out.push({ id: 'config', value: parseYamlText(readFileSync(join(ROOT, dir, f), 'utf8')) });
    }
  }
  return out;
}

describe('compiled shapes', () => {
  it('shapes.generated.ts is what the zod schemas compile to (else: run npm run schema)', () => {
    const onDisk = readFileSync(join(ROOT, 'src/experiment/schema/shapes.generated.ts'), 'utf8');
    expect(onDisk, 'src/experiment/schema/shapes.generated.ts is stale: run npm run schema').toBe(renderShapesModule());
  });

  it('agree with zod on the shipped experiments, the fixtures and the config files', () => {
    const values = realValues();
    expect(values.length).toBeGreaterThan(150);
    const verdicts = new Set<boolean>();
    for (const { id, value } of values) {
      const want = zodSchemaOf(id).safeParse(value).success;
      verdicts.add(want);
      expect(conforms(SHAPES[id], value), `${id}: ${JSON.stringify(value)}`).toBe(want);
    }
    expect([...verdicts].sort()).toEqual([false, true]);
  });

  it.each(SCHEMA_IDS)('agree with zod on generated values near every rule: %s', (id) => {
    const schema = zodSchemaOf(id);
    const seen = { valid: 0, invalid: 0 };
    for (const [seed, wrong] of [[1, 0], [2, 0.02], [3, 0.1], [4, 0.3]] as const) {
      const g = { r: rng(seed * 7919 + id.length), wrong };
      for (let i = 0; i < 250; i++) {
        const value = sample(SHAPES[id], g);
        const want = schema.safeParse(value).success;
        seen[want ? 'valid' : 'invalid']++;
        expect(conforms(SHAPES[id], value), `${id}: ${JSON.stringify(value)}`).toBe(want);
      }
    }
    // Both verdicts, often: a generator that only ever made one kind would prove nothing.
    expect(seen.valid).toBeGreaterThan(50);
    expect(seen.invalid).toBeGreaterThan(50);
  });

  it.each(SCHEMA_IDS)('agree with zod when any one part of a valid value is replaced by anything: %s', (id) => {
    const schema = zodSchemaOf(id);
    const g = { r: rng(id.length * 31), wrong: 0 };
    let checked = 0;
    for (let base = 0; base < 2; base++) {
      let value = sample(SHAPES[id], g);
      for (let tries = 0; !schema.safeParse(value).success && tries < 50; tries++) value = sample(SHAPES[id], g);
      const box = { value };
      eachSubstitution(box, 'value', [...STRINGS, ...NUMBERS, ...OTHERS], () => {
        checked++;
        expect(conforms(SHAPES[id], box.value), `${id}: ${JSON.stringify(box.value)}`).toBe(schema.safeParse(box.value).success);
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('refuse zod rules they do not mirror, naming where', () => {
    const refused: [string, z.ZodType][] = [
      ['email format', z.strictObject({ mail: z.string().email() })],
      ['multipleOf', z.number().multipleOf(5)],
      ['a refinement', z.string().refine((s) => s !== 'x')],
      ['a default', z.strictObject({ n: z.number().default(1) })],
      ['a transform', z.string().transform((s) => s.length)],
      ['a catchall', z.object({ a: z.string() }).catchall(z.number())],
      ['an optional union option', z.strictObject({ u: z.union([z.string(), z.undefined()]) })],
      ['coercion', z.coerce.number()],
    ];
    for (const [what, schema] of refused) expect(() => shapeOfZod(schema, 'x'), what).toThrow(/shape-of-zod: x/);
  });

  it('count strings in code points, as zod does', () => {
    const shape = shapeOfZod(z.string().min(2).max(3));
    for (const s of ['😀', '😀😀', '😀😀😀', '😀😀😀😀', 'ab', '\ud83d\ud83d']) expect(conforms(shape, s), s).toBe(z.string().min(2).max(3).safeParse(s).success);
  });
});
