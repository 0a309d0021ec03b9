// Server-side apply field ownership (metadata.managedFields, FieldsV1), simplified to leaf paths:
// maps are granular, lists atomic (the CRDs declare no list-map keys). Enough for conflicts between
// managers, removal of fields a manager stopped applying, and realistic managedFields on objects.
import { isDeepStrictEqual } from 'node:util';
import { failure, type StatusError } from './status.js';
import { clone, type KObj, rfc3339 } from './store.js';

type Path = string[];

export interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fields: Set<string>;
}

const IGNORED_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'generateName']);

const keyOf = (p: Path): string => JSON.stringify(p);
const pathOf = (k: string): Path => JSON.parse(k) as Path;

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Leaf paths of the fields an object sets (what a manager would own). */
export function leafPaths(obj: KObj): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, p: Path): void => {
    if (isMap(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) walk(child, [...p, k]);
    } else out.add(keyOf(p));
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (k === 'metadata' && isMap(v)) {
      for (const [mk, mv] of Object.entries(v)) if (!IGNORED_META.has(mk)) walk(mv, ['metadata', mk]);
    } else walk(v, [k]);
  }
  return out;
}

function get(obj: unknown, p: Path): unknown {
  let cur: any = obj;
  for (const seg of p) cur = isMap(cur) ? cur[seg] : undefined;
  return cur;
}

function set(obj: Record<string, unknown>, p: Path, value: unknown): void {
  let cur: any = obj;
  for (const seg of p.slice(0, -1)) {
    if (!isMap(cur[seg])) cur[seg] = {};
    cur = cur[seg];
  }
  cur[p[p.length - 1]!] = clone(value);
}

function unset(obj: Record<string, unknown>, p: Path): void {
  const parents: any[] = [];
  let cur: any = obj;
  for (const seg of p.slice(0, -1)) {
    if (!isMap(cur[seg])) return;
    parents.push(cur);
    cur = cur[seg];
  }
  delete cur[p[p.length - 1]!];
  // drop maps the removal left empty (the apiserver does not keep `labels: {}` behind)
  for (let i = p.length - 2; i >= 0; i--) {
    const parent = parents[i];
    if (isMap(parent[p[i]!]) && Object.keys(parent[p[i]!]).length === 0 && p.length > 1) delete parent[p[i]!];
    else break;
  }
}

const overlaps = (a: Path, b: Path): boolean => a.slice(0, b.length).join('\0') === b.slice(0, a.length).join('\0');

/** FieldsV1 as the apiserver writes it: {"f:spec":{"f:mode":{}}}. */
function toFieldsV1(fields: Set<string>): Record<string, unknown> {
  const root: Record<string, any> = {};
  for (const k of fields) {
    let cur = root;
    for (const seg of pathOf(k)) cur = cur[`f:${seg}`] ??= {};
  }
  return root;
}

function fromFieldsV1(node: Record<string, any>, p: Path, out: Set<string>): void {
  const keys = Object.keys(node).filter((k) => k.startsWith('f:'));
  if (keys.length === 0 && p.length > 0) out.add(keyOf(p));
  for (const k of keys) fromFieldsV1(node[k], [...p, k.slice(2)], out);
}

export function readManagers(obj: KObj | undefined): ManagerEntry[] {
  return (obj?.metadata.managedFields ?? []).map((m: any) => {
    const fields = new Set<string>();
    fromFieldsV1(m.fieldsV1 ?? {}, [], fields);
    return { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion, time: m.time, fields };
  });
}

export function writeManagers(obj: KObj, managers: ManagerEntry[]): void {
  const kept = managers.filter((m) => m.fields.size > 0);
  obj.metadata.managedFields = kept.map((m) => ({
    manager: m.manager, operation: m.operation, apiVersion: m.apiVersion, time: m.time,
    fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(m.fields),
  }));
}

function conflictError(conflicts: { manager: string; apiVersion: string; path: Path }[]): StatusError {
  const field = (p: Path): string => `.${p.join('.')}`;
  const head = `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}`;
  const message =
    conflicts.length === 1
      ? `${head}: conflict with "${conflicts[0]!.manager}" using ${conflicts[0]!.apiVersion}: ${field(conflicts[0]!.path)}`
      : `${head}: ${conflicts.map((c) => `conflict with "${c.manager}" using ${c.apiVersion}: ${field(c.path)}`).join('\n')}`;
  return failure(409, 'Conflict', message, {
    causes: conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}" using ${c.apiVersion}`,
      field: field(c.path),
    })),
  });
}

/**
 * Server-side apply of `applied` by `manager` onto `live` (undefined when creating). Returns the merged
 * object with managedFields updated, or throws 409 Conflict (unless force) like the apiserver.
 */
export function applyPatch(live: KObj | undefined, applied: KObj, manager: string, force: boolean): KObj {
  const managers = readManagers(live);
  const appliedPaths = leafPaths(applied);
  const conflicts: { manager: string; apiVersion: string; path: Path }[] = [];
  for (const m of managers) {
    if (m.manager === manager) continue;
    for (const k of appliedPaths) {
      const p = pathOf(k);
      for (const owned of [...m.fields]) {
        const op = pathOf(owned);
        if (!overlaps(p, op) || isDeepStrictEqual(get(live, op), get(applied, op))) continue;
        if (force) m.fields.delete(owned);
        else conflicts.push({ manager: m.manager, apiVersion: m.apiVersion, path: op });
      }
    }
  }
  if (conflicts.length > 0) throw conflictError(conflicts);
  const result: KObj = live ? clone(live) : { apiVersion: applied.apiVersion, kind: applied.kind, metadata: clone(applied.metadata) };
  result.apiVersion = applied.apiVersion;
  result.kind = applied.kind;
  const mine = managers.find((m) => m.manager === manager && m.operation === 'Apply');
  for (const k of mine?.fields ?? []) {
    if (appliedPaths.has(k)) continue;
    const p = pathOf(k);
    if (!managers.some((m) => m !== mine && [...m.fields].some((o) => overlaps(pathOf(o), p)))) unset(result, p);
  }
  for (const k of appliedPaths) set(result, pathOf(k), get(applied, pathOf(k)));
  const entry: ManagerEntry = { manager, operation: 'Apply', apiVersion: applied.apiVersion, time: rfc3339(Date.now()), fields: appliedPaths };
  writeManagers(result, [...managers.filter((m) => m !== mine), entry]);
  return result;
}

/** Records a non-apply write (create, update, merge patch): the writer takes the fields it changed. */
export function recordUpdate(before: KObj | undefined, after: KObj, manager: string): void {
  const managers = readManagers(before);
  const now = leafPaths(after);
  const changed = new Set(
    [...now].filter((k) => before === undefined || !isDeepStrictEqual(get(before, pathOf(k)), get(after, pathOf(k)))),
  );
  for (const m of managers) for (const k of [...m.fields]) if (!now.has(k) || changed.has(k)) m.fields.delete(k);
  let mine = managers.find((m) => m.manager === manager && m.operation === 'Update');
  if (!mine && changed.size > 0) {
    mine = { manager, operation: 'Update', apiVersion: after.apiVersion, time: '', fields: new Set() };
    managers.push(mine);
  }
  if (mine && changed.size > 0) {
    for (const k of changed) mine.fields.add(k);
    mine.time = rfc3339(Date.now());
  }
  writeManagers(after, managers);
}
