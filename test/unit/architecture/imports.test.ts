// ARCHITECTURE.md's rules on imports, checked on the code: no import circles, imports only down the layers,
// the pure core never imports the shell, and only the shell reaches the outside world. Each check is first shown to fail on a tree that breaks it.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { crossings, filesReachingOut, importGraph, layerViolations, outsideWorld } from '../../support/import-graph.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SRC = join(ROOT, 'src');
const SHELL = ['cli', 'commands', 'adapters', 'ui', 'boot'];
// ARCHITECTURE.md's order, bottom first: a file imports only from its own folder or from a lower layer.
const LAYERS = [
  ['errors.ts', 'version.ts', 'redact.ts'],
  ['experiment'],
  ['config', 'chaos-mesh'],
  ['ports.ts'],
  ['criteria', 'policy'],
  ['lifecycle'],
  ['report', 'deploy', 'adapters'],
  ['ui'],
  ['commands'],
  ['cli', 'boot'],
];
const CORE = ['experiment', 'criteria', 'chaos-mesh', 'config', 'policy', 'lifecycle', 'report', 'deploy', 'ports.ts', 'errors.ts', 'version.ts', 'redact.ts'];

const scratch = mkdtempSync(join(tmpdir(), 'chaos-imports-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A throw-away tree of TypeScript files (ESM `.js` specifiers, as in src/) with the tsconfig src/ uses. */
function tree(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries({ 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }), ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return join(root, 'src');
}

describe('the import-graph check', () => {
  it.each([
    ['a type-only import', "import type { live } from './run-live.js';\nexport const run = (l: typeof live) => l;\n", "import { run } from './run.js';\nexport const live = run;\n"],
    ['a lazy import()', "export async function run() { const { live } = await import('./run-live.js'); return live; }\n", "import { run } from './run.js';\nexport const live = run;\n"],
  ])('finds a circle closed by %s', async (kind, runTs, liveTs) => {
    const dir = tree(kind.replace(/\W+/g, '-'), { 'src/commands/run.ts': runTs, 'src/commands/run-live.ts': liveTs, 'src/leaf.ts': 'export const x = 1;\n' });
    const g = await importGraph(dir);
    expect(g.unresolved).toEqual([]);
    expect(g.circles.map((c) => [...c].sort())).toEqual([['commands/run-live.ts', 'commands/run.ts']]);
  });

  it('finds none in a tree whose imports all point one way', async () => {
    const dir = tree('acyclic', {
      'src/a.ts': "import { b } from './sub/b.js';\nexport const a = b;\n",
      'src/sub/b.ts': "import type { C } from '../c.js';\nexport const b: C = 1;\n",
      'src/c.ts': 'export type C = number;\n',
    });
    const g = await importGraph(dir);
    expect(g.circles).toEqual([]);
    expect(g.edges).toEqual({ 'a.ts': ['sub/b.ts'], 'c.ts': [], 'sub/b.ts': ['c.ts'] });
  });

  it('names every import from the core into the shell', async () => {
    const dir = tree('outward', {
      'src/lifecycle/run.ts': "import { ExitCode } from '../cli/exit-codes.js';\nexport const ok = ExitCode;\n",
      'src/cli/exit-codes.ts': 'export const ExitCode = 0;\n',
      'src/cli/main.ts': "import { ok } from '../lifecycle/run.js';\nexport const m = ok;\n",
    });
    const g = await importGraph(dir);
    expect(crossings(g.edges, CORE, SHELL)).toEqual(['lifecycle/run.ts → cli/exit-codes.ts']);
  });
});

describe('the layer check', () => {
  const layers = [['leaf.ts'], ['model', 'util'], ['app']];
  it('accepts imports down the layers and within a folder', () => {
    expect(layerViolations({ 'app/a.ts': ['app/b.ts', 'model/m.ts', 'leaf.ts'], 'app/b.ts': [], 'model/m.ts': ['leaf.ts'], 'util/u.ts': ['leaf.ts'], 'leaf.ts': [] }, layers)).toEqual([]);
  });
  it('names an import up, one sideways within a layer, one into an unplaced folder, and a file in no layer', () => {
    const edges = { 'model/m.ts': ['app/a.ts', 'util/u.ts', 'extra/x.ts'], 'app/a.ts': [], 'util/u.ts': [], 'extra/x.ts': [] };
    expect(layerViolations(edges, layers)).toEqual(['model/m.ts → app/a.ts', 'model/m.ts → util/u.ts', 'model/m.ts → extra/x.ts', 'extra/x.ts: in no layer']);
  });
});

describe('the outside-world check', () => {
  it('names built-ins, process, console, timers, the wall clock and fetch, not what comments say', () => {
    const text = [
      "import { readFileSync } from 'node:fs';",
      "const os = await import('node:os');",
      '// process.exit and console.log in a comment do not count',
      '/* nor setTimeout( here */',
      "const url = 'http://x//y'; // a string with slashes keeps the code before it",
      'const t = Date.now(); const d = new Date(); setTimeout(() => process.exitCode, 1); console.error(t, d, url); fetch(url);',
    ].join('\n');
    expect(outsideWorld(text)).toEqual(['Date.now()', 'console.error', 'fetch(', 'new Date()', 'node:fs', 'node:os', 'process.exitCode', 'setTimeout(']);
    expect(outsideWorld("import type { Clock } from '../ports.js';\nexport const later = (c: Clock) => c.now() + 1;\n")).toEqual([]);
  });
});

describe('src/', async () => {
  const g = await importGraph(SRC);

  it('resolves every import it scans (an unresolved one could hide a circle)', () => {
    expect(Object.keys(g.edges).length).toBeGreaterThan(100);
    expect(g.unresolved).toEqual([]);
  });

  it('has no import circles', () => {
    expect(g.circles).toEqual([]);
  });

  it('imports only down the layers of ARCHITECTURE.md (folders too have no circles), and places every folder', () => {
    expect(layerViolations(g.edges, LAYERS)).toEqual([]);
  });

  it('keeps the pure core free of the shell: no import from the core into cli/, commands/, adapters/, ui/ or boot/', () => {
    expect(crossings(g.edges, CORE, SHELL)).toEqual([]);
  });

  it('leaves the outside world to the shell: the core uses no Node built-in, process, console, timer, wall clock or fetch', () => {
    expect(filesReachingOut(SRC, g.edges, CORE)).toEqual({});
  });
});
