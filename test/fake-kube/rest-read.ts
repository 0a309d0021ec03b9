// GET of one object, LIST (selectors, limit/continue, Table) and WATCH.
import type { ServerResponse } from 'node:http';
import { apiVersionOf, typeKey } from './resources.js';
import { matchesFilter, type ObjectFilter, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { type FakeState, type Reply, type ResourceRequest } from './state.js';
import { badRequest, expired, notFound } from './status.js';
import type { KObj } from './store.js';
import { type IncludeObject, toTable, wantsTable } from './table.js';
import { serveWatch } from './watch.js';

function includeOf(r: ResourceRequest): IncludeObject {
  const v = r.query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function filterOf(r: ResourceRequest): ObjectFilter {
  return {
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    labels: parseLabelSelector(r.query.get('labelSelector') ?? undefined),
    fields: parseFieldSelector(r.query.get('fieldSelector') ?? undefined, r.type),
  };
}

export function getObject(state: FakeState, r: ResourceRequest): Reply {
  const obj = state.store.get(typeKey(r.type), r.namespace, r.name!);
  if (!obj) throw notFound({ group: r.type.group, resource: r.type.plural }, r.name!);
  if (wantsTable(r.headers.accept)) {
    return { code: 200, body: toTable(r.type, [obj], { include: includeOf(r), resourceVersion: obj.metadata.resourceVersion! }) };
  }
  return { code: 200, body: obj };
}

export function listObjects(state: FakeState, r: ResourceRequest): Reply {
  const filter = filterOf(r);
  const all = state.store.list(typeKey(r.type), r.namespace).filter((o) => matchesFilter(o, filter));
  const rv = String(state.store.currentRv());
  // continue tokens carry the offset and the list's resourceVersion, like the apiserver's opaque ones
  let offset = 0;
  const token = r.query.get('continue');
  if (token) {
    try {
      offset = (JSON.parse(Buffer.from(token, 'base64url').toString()) as { o: number }).o;
    } catch {
      throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
    }
    if (!Number.isInteger(offset)) throw expired('The provided continue parameter is too old to display a consistent list result.');
  }
  const limit = Number(r.query.get('limit') ?? 0);
  const items: KObj[] = limit > 0 ? all.slice(offset, offset + limit) : all.slice(offset);
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (limit > 0 && offset + limit < all.length) {
    metadata.continue = Buffer.from(JSON.stringify({ o: offset + limit, rv })).toString('base64url');
    metadata.remainingItemCount = all.length - offset - limit;
  }
  if (wantsTable(r.headers.accept)) {
    const table = toTable(r.type, items, { include: includeOf(r), resourceVersion: rv });
    return { code: 200, body: { ...table, metadata } };
  }
  // list items carry no kind/apiVersion for built-in types; custom resources keep them
  const shown = r.type.chaos ? items : items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest);
  return { code: 200, body: { kind: r.type.listKind, apiVersion: apiVersionOf(r.type), metadata, items: shown } };
}

export function watchObjects(state: FakeState, r: ResourceRequest, res: ServerResponse): void {
  const filter = filterOf(r);
  if (r.name !== undefined) filter.fields.push({ field: 'metadata.name', negate: false, value: r.name });
  const table = wantsTable(r.headers.accept);
  const timeout = r.query.get('timeoutSeconds');
  const rv = r.query.get('resourceVersion');
  const w = serveWatch(res, state.store, r.type, filter, {
    ...(rv !== null ? { resourceVersion: rv } : {}),
    ...(timeout !== null ? { timeoutSeconds: Number(timeout) } : {}),
    allowBookmarks: r.query.get('allowWatchBookmarks') === 'true',
    sendInitialEvents: r.query.get('sendInitialEvents') === 'true',
    bookmarkIntervalMs: state.behaviour.bookmarkIntervalMs,
    render: (obj, first) => (table ? toTable(r.type, [obj], { include: includeOf(r), withHeaders: first }) : obj),
  });
  state.watches.add(w);
  res.on('close', () => state.watches.delete(w));
}
