// The tree the fast parser builds: values with the offsets that positions are computed from. A leaf, so
// fast.ts and fast-inline.ts share it without importing each other back.

/** A node's start offset (what `yaml` calls range[0]) and, for collections, where its children are. */
export type FastNode =
  | { kind: 'scalar'; start: number; empty: boolean }
  | { kind: 'seq'; start: number; items: FastNode[] }
  | { kind: 'map'; start: number; pairs: Map<string, { keyStart: number; value: FastNode }> };

export interface FastDoc {
  value: unknown;
  root: FastNode;
}
