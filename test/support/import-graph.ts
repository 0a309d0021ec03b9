// The import graph of a TypeScript tree, read by madge: type-only imports and `await import()` count as
// edges (a circle through either still ties the files together).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import madge from 'madge';

export interface ImportGraph {
  /** file → the files it imports, relative to the scanned folder. */
  edges: Record<string, string[]>;
  circles: string[][];
  /** Imports madge could not resolve: each could hide a circle. */
  unresolved: string[];
}

export async function importGraph(dir: string, tsConfig = join(dir, '..', 'tsconfig.json')): Promise<ImportGraph> {
  const res = await madge(dir, {
    fileExtensions: ['ts', 'cts'],
    tsConfig,
    detectiveOptions: { ts: { skipTypeImports: false, skipAsyncImports: false } },
  });
  return { edges: res.obj(), circles: res.circular(), unresolved: res.warnings().skipped };
}

/** Edges from a file under one of `from` to a file under one of `to` (folders relative to the graph's root). */
export function crossings(edges: Record<string, string[]>, from: readonly string[], to: readonly string[]): string[] {
  const under = (file: string, dirs: readonly string[]) => dirs.some((d) => file === d || file.startsWith(d.endsWith('/') ? d : `${d}/`));
  return Object.entries(edges).flatMap(([file, deps]) => (under(file, from) ? deps.filter((d) => under(d, to)).map((d) => `${file} → ${d}`) : []));
}

/** The top-level folder (or file) a path of the graph belongs to: `lifecycle/plan.ts` → `lifecycle`. */
export const unitOf = (file: string): string => file.split('/')[0]!;

/**
 * Imports that do not point down `layers` (bottom first; units in one layer may not import one another):
 * each as `file → dependency`, plus `file: in no layer` for a file whose folder the order does not place.
 */
export function layerViolations(edges: Record<string, string[]>, layers: readonly (readonly string[])[]): string[] {
  const rank = new Map(layers.flatMap((units, i) => units.map((u) => [u, i] as const)));
  const out: string[] = [];
  for (const [file, deps] of Object.entries(edges)) {
    const from = rank.get(unitOf(file));
    if (from === undefined) {
      out.push(`${file}: in no layer`);
      continue;
    }
    for (const dep of deps) {
      const to = rank.get(unitOf(dep));
      if (unitOf(dep) !== unitOf(file) && (to === undefined || to >= from)) out.push(`${file} → ${dep}`);
    }
  }
  return out;
}

/** What in a file reaches the outside world directly: Node built-ins, process, console, timers, the wall clock, fetch. */
export function outsideWorld(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1'); // comments say what they like
  const found = new Set<string>();
  for (const m of code.matchAll(/from\s+'(node:[\w/]+)'|import\(\s*'(node:[\w/]+)'\s*\)/g)) found.add(m[1] ?? m[2]!);
  for (const m of code.matchAll(/\b(process\.\w+|console\.\w+|Date\.now\(\)|new Date\(\)|setTimeout\(|setInterval\(|fetch\()/g)) found.add(m[1]!);
  return [...found].sort();
}

/** outsideWorld for each file of the graph under one of `dirs`; files that reach nothing are left out. */
export function filesReachingOut(root: string, edges: Record<string, string[]>, dirs: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const file of Object.keys(edges)) {
    if (!dirs.some((d) => file === d || file.startsWith(`${d}/`))) continue;
    const reached = outsideWorld(readFileSync(join(root, file), 'utf8'));
    if (reached.length > 0) out[file] = reached;
  }
  return out;
}
