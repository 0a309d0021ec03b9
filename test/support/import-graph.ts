// The import graph of a TypeScript tree, read by madge: type-only imports and `await import()` count as
// edges (a circle through either still ties the files together).
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
