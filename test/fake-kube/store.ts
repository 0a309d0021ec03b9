// In-memory object storage with one global resourceVersion counter and an event history, so
// watches can resume from a resourceVersion (or get 410 Expired) as against etcd.
import { randomUUID } from 'node:crypto';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: Record<string, unknown>[];
  managedFields?: Record<string, unknown>[];
}

export interface KObj {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: any;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: EventType;
  key: string;
  object: KObj;
  /** The object before this change (MODIFIED, DELETED): watches need it to emulate selector transitions. */
  previous?: KObj;
}

/** Timestamps as the apiserver writes them: RFC 3339, whole seconds. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

const META_ORDER = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

/** Metadata keys in the order the apiserver serialises them. */
function ordered(meta: ObjectMeta): ObjectMeta {
  const out: Record<string, unknown> = {};
  for (const k of META_ORDER) if ((meta as any)[k] !== undefined) out[k] = (meta as any)[k];
  for (const [k, v] of Object.entries(meta)) if (!(k in out) && v !== undefined) out[k] = v;
  return out as unknown as ObjectMeta;
}

function idOf(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

export class Store {
  private rv = 1000;
  private readonly byType = new Map<string, Map<string, KObj>>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly created: { key: string; object: KObj }[] = [];

  constructor(private readonly historyLimit = 20_000) {}

  currentRv(): number {
    return this.rv;
  }

  get(key: string, ns: string | undefined, name: string): KObj | undefined {
    const obj = this.byType.get(key)?.get(idOf(ns, name));
    return obj && clone(obj);
  }

  list(key: string, ns?: string): KObj[] {
    const all = [...(this.byType.get(key)?.values() ?? [])];
    return all
      .filter((o) => ns === undefined || o.metadata.namespace === ns)
      .sort((a, b) => idOf(a.metadata.namespace, a.metadata.name).localeCompare(idOf(b.metadata.namespace, b.metadata.name)))
      .map(clone);
  }

  /** Stores a new object: uid, creationTimestamp and resourceVersion are assigned here. */
  insert(key: string, obj: KObj): KObj {
    const stored = clone(obj);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= rfc3339(Date.now());
    stored.metadata.resourceVersion = String(++this.rv);
    stored.metadata = ordered(stored.metadata);
    let bucket = this.byType.get(key);
    if (!bucket) this.byType.set(key, (bucket = new Map()));
    bucket.set(idOf(stored.metadata.namespace, stored.metadata.name), stored);
    this.created.push({ key, object: clone(stored) });
    this.emit({ rv: this.rv, type: 'ADDED', key, object: clone(stored) });
    return clone(stored);
  }

  /** Replaces an existing object; throws if it is gone (callers check first). */
  replace(key: string, obj: KObj): KObj {
    const id = idOf(obj.metadata.namespace, obj.metadata.name);
    const previous = this.byType.get(key)?.get(id);
    if (!previous) throw new Error(`replace of missing object ${key} ${id}`);
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(++this.rv);
    stored.metadata = ordered(stored.metadata);
    this.byType.get(key)!.set(id, stored);
    this.emit({ rv: this.rv, type: 'MODIFIED', key, object: clone(stored), previous: clone(previous) });
    return clone(stored);
  }

  remove(key: string, ns: string | undefined, name: string): KObj | undefined {
    const bucket = this.byType.get(key);
    const previous = bucket?.get(idOf(ns, name));
    if (!bucket || !previous) return undefined;
    bucket.delete(idOf(ns, name));
    const gone = clone(previous);
    // the DELETED event carries the object at a fresh resourceVersion, as etcd's delete revision
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ rv: this.rv, type: 'DELETED', key, object: clone(gone), previous: clone(previous) });
    return gone;
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Events of one type after rv; undefined when rv is older than the kept history (410 Expired). */
  since(key: string, rv: number): StoreEvent[] | undefined {
    const oldest = this.history[0]?.rv ?? this.rv + 1;
    if (rv < oldest - 1 && rv < this.rv) return undefined;
    return this.history.filter((e) => e.key === key && e.rv > rv).map(clone);
  }

  everCreated(key?: string): KObj[] {
    return this.created.filter((c) => key === undefined || c.key === key).map((c) => clone(c.object));
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > this.historyLimit) this.history.shift();
    for (const fn of [...this.listeners]) fn(e);
  }
}
