// yaml-fast.ts against `yaml` itself: wherever the fast parser accepts a text, `yaml` must accept it
// too and give the same value and the same offset for every key and value; everything unusual falls back.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { fastOffsetOf, parseFast } from '../../../src/experiment/yaml/fast.js';
import { offsetOf } from '../../../src/experiment/yaml/full.js';
import type { Path } from '../../../src/experiment/problems.js';
import { parseYaml } from '../../../src/experiment/yaml/source.js';
import type { Issue } from '../../../src/errors.js';
import { cycledExperiments, latencyExperiments } from '../../../bench/generate.js';
import { rng } from '../../support/rng.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const yamlFiles = (dir: string) => readdirSync(join(ROOT, dir)).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(dir, f));

function full(text: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, merge: true });
  return { doc, lineCounter };
}

/** Every path in a value, each with a missing child, so "deepest existing ancestor" is compared too. */
function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix, [...prefix, '__missing__'], [...prefix, 999]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/** Fails the test when the fast parser disagrees with `yaml`; true when the fast path was taken. */
function agrees(text: string): boolean {
  const fast = parseFast(text);
  if (!fast) return false;
  const { doc, lineCounter } = full(text);
  expect(doc.errors.map((e) => e.message), `fast parser accepted what yaml rejects:\n${text}`).toEqual([]);
  expect(fast.value, text).toStrictEqual(doc.toJS());
  // What a user sees: the line:col that parseYaml (which takes the fast path here) reports.
  const sink: Issue[] = [];
  const reporter = parseYaml('f.yml', text).reporter(sink);
  for (const path of paths(fast.value)) {
    for (const at of ['key', 'value'] as const) {
      const want = offsetOf(doc, path, at);
      expect(fastOffsetOf(fast.root, path, at), `${at} of ${JSON.stringify(path)} in:\n${text}`).toBe(want);
      const { line, col } = lineCounter.linePos(want);
      reporter.report(path, 'x', at);
      expect(sink.pop()).toMatchObject({ file: 'f.yml', line, col });
    }
  }
  return true;
}

const KEYS = ['name', 'a', 'x-y', 'k.v', 'path/to', '_u', 'true', '1', 'null', 'a b', 'k:v', '#k', "it's", 'é', 'query', 'y'];
const SCALARS: unknown[] = [
  0, 1, -7, 3.5, -0.25, 1e21, true, false, null, '', 'plain', 'two words', 'null', '~', 'true', 'yes', '0x1F', '0o17', '1e3', '.inf',
  '-10m', '500ms', ' lead', 'trail ', 'a #b', 'a#b', 'a: b', 'a:b', '- x', '[x]', '{y}', '"q"', "'s'", 'http://h:1/p',
  'app=api,tier!=canary', 'sum(rate(x{a="b"}[1m])) > 0', 'é ü', 'line\nbreak', 'tab\there', '*star', '&amp', '!bang', '%pct', '@at', '`tick`',
  '"', "'", '\\', 'x\\ny', 'kind-*', '=', '?q', ':c', ',comma', 'end:',
];

function randomValue(r: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  if (depth <= 0 || r() < 0.35) return pick(SCALARS);
  if (r() < 0.5) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth - 1));
  const obj: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) obj[pick(KEYS)] = randomValue(r, depth - 1);
  return obj;
}

/** A comment line, a trailing comment, or a re-indented line: texts near the subset's edges. */
function mutate(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  const roll = r();
  if (roll < 0.3) lines.splice(i, 0, `${' '.repeat(Math.floor(r() * 6))}# comment`);
  else if (roll < 0.6) lines[i] += ' # trailing';
  else if (roll < 0.8) lines[i] = ` ${lines[i]}`;
  else lines[i] = lines[i]!.replace(/^ {2}/, '');
  return lines.join('\n');
}

describe('yaml-fast', () => {
  test('every shipped example, the shipped config and the bench inputs take the fast path and agree with yaml', () => {
    const texts = [...yamlFiles('experiments'), 'chaos.config.yml'].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    const seed = readFileSync(join(ROOT, 'experiments', 'materi.yml'), 'utf8');
    texts.push(cycledExperiments(seed, 40), latencyExperiments(40));
    for (const text of texts) expect(agrees(text)).toBe(true);
  });

  test('test fixtures agree with yaml wherever the fast path takes them', () => {
    const files = [...yamlFiles('test/fixtures'), ...yamlFiles('test/fixtures/invalid'), ...yamlFiles('test/fixtures/invalid-config')];
    const taken = files.filter((f) => agrees(readFileSync(join(ROOT, f), 'utf8')));
    expect(taken.length).toBeGreaterThan(files.length / 2);
  });

  test('plain scalars resolve as yaml resolves them (YAML 1.2 core schema)', () => {
    const plain = ['0o17', '0x1F', '1e3', '-1.5e-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '+5', '-0', '007', '1.', '.5', '-.5',
      'True', 'FALSE', 'Null', 'NULL', '~', 'yes', 'no', 'on', '0b1', '1_000', '12:30', '2026-11-30', '--x', '-10m', '0o8', '0xG', '1e', 'e3'];
    const taken = plain.filter((p) => agrees(`a: ${p}\nb: [${p}]\nc:\n  - ${p}\n`));
    expect(taken.length).toBeGreaterThan(plain.length - 3);
  });

  test.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['a multi-line flow collection', 'a: [1,\n  2]\n'],
    ['a multi-line quoted scalar', 'a: "one\n  two"\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['a complex key', '? a\n: 1\n'],
    ['a document marker', '---\na: 1\n'],
    ['an empty document', '# only a comment\n'],
    ['a trailing comma', 'a: [1, 2, ]\n'],
    ['a nested compact mapping', 'a: b: c\n'],
    ['a scalar document', 'just text\n'],
    ['a merge key', 'base: {a: 1}\nx:\n  <<: {a: 1}\n'],
    ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['an unknown escape', 'a: "\\q"\n'],
    ['a key that is a number', '1: a\n'],
  ])('falls back to yaml for %s', (_, text) => {
    expect(parseFast(text)).toBeUndefined();
  });

  test('2,000 generated documents (yaml.stringify in several styles, then mutated) agree with yaml', () => {
    const r = rng(20261130);
    let taken = 0;
    for (let n = 0; n < 2000; n++) {
      const root: Record<string, unknown> = { experiments: [randomValue(r, 4)], [KEYS[n % KEYS.length]!]: randomValue(r, 3) };
      const text = stringify(root, {
        indent: r() < 0.5 ? 2 : 4,
        indentSeq: r() < 0.5,
        flowCollectionPadding: r() < 0.5,
        collectionStyle: r() < 0.2 ? 'flow' : 'any',
        defaultStringType: r() < 0.6 ? 'PLAIN' : r() < 0.5 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE',
        defaultKeyType: r() < 0.8 ? null : 'QUOTE_DOUBLE',
        lineWidth: r() < 0.8 ? 0 : 40,
      });
      if (agrees(text)) taken++;
      if (agrees(mutate(text, r))) taken++;
    }
    // The generator must exercise the fast path, not only the fallback.
    expect(taken).toBeGreaterThan(1000);
  });
});
