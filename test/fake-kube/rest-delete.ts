// DELETE of one object (finalizers → deletionTimestamp, else gone) and of a collection.
import { parse as parseYaml } from 'yaml';
import { store } from './persist.js';
import { typeKey } from './resources.js';
import { matchesFilter, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { authorize, attributes, type FakeState, isDryRun, type Reply, type ResourceRequest } from './state.js';
import { conflict, failure, internalError, notFound } from './status.js';
import { type KObj, rfc3339 } from './store.js';

const POLICIES = ['Orphan', 'Background', 'Foreground'];

interface DeleteOptions {
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
}

function optionsOf(r: ResourceRequest): DeleteOptions {
  const body = r.body.trim() ? ((parseYaml(r.body) ?? {}) as DeleteOptions) : {};
  const policy = r.query.get('propagationPolicy') ?? body.propagationPolicy;
  if (policy !== undefined && !POLICIES.includes(policy)) {
    throw failure(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  return { ...body, ...(policy !== undefined ? { propagationPolicy: policy } : {}) };
}

/** The body the apiserver returns when an object is gone at once: the object (pods) or a Status. */
function goneReply(r: ResourceRequest, gone: KObj): Reply {
  if (r.type.kind === 'Pod') return { code: 200, body: gone };
  return {
    code: 200,
    body: {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
      details: { name: gone.metadata.name, ...(r.type.group ? { group: r.type.group } : {}), kind: r.type.plural, uid: gone.metadata.uid },
    },
  };
}

function deleteOne(state: FakeState, r: ResourceRequest, obj: KObj, dryRun: boolean, opts: DeleteOptions): Reply {
  const pre = opts.preconditions;
  if ((pre?.uid && pre.uid !== obj.metadata.uid) || (pre?.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion)) {
    throw conflict({ group: r.type.group, resource: r.type.plural }, obj.metadata.name);
  }
  if ((obj.metadata.finalizers ?? []).length > 0) {
    if (obj.metadata.deletionTimestamp || dryRun) return { code: 200, body: obj };
    obj.metadata.deletionTimestamp = rfc3339(Date.now());
    obj.metadata.deletionGracePeriodSeconds = 0;
    if (obj.metadata.generation !== undefined) obj.metadata.generation += 1;
    const saved = store(state, r.type, obj, obj);
    const accepted = opts.propagationPolicy === 'Foreground' || opts.propagationPolicy === 'Background';
    return { code: accepted && r.query.get('orphanDependents') === 'false' ? 202 : 200, body: saved };
  }
  if (dryRun) return goneReply(r, obj);
  const gone = state.store.remove(typeKey(r.type), obj.metadata.namespace, obj.metadata.name);
  return goneReply(r, gone ?? obj);
}

export function deleteObject(state: FakeState, r: ResourceRequest): Reply {
  authorize(state, attributes(r, 'delete'));
  const dryRun = isDryRun(r);
  const opts = optionsOf(r);
  if (r.type.chaos && state.behaviour.failDeletes > 0) {
    state.behaviour.failDeletes -= 1;
    throw internalError('etcdserver: request timed out');
  }
  const obj = state.store.get(typeKey(r.type), r.namespace, r.name!);
  if (!obj) throw notFound({ group: r.type.group, resource: r.type.plural }, r.name!);
  return deleteOne(state, r, obj, dryRun, opts);
}

export function deleteCollection(state: FakeState, r: ResourceRequest): Reply {
  authorize(state, attributes(r, 'deletecollection'));
  const dryRun = isDryRun(r);
  const opts = optionsOf(r);
  const labels = parseLabelSelector(r.query.get('labelSelector') ?? undefined);
  const fields = parseFieldSelector(r.query.get('fieldSelector') ?? undefined, r.type);
  const items = state.store
    .list(typeKey(r.type), r.namespace)
    .filter((o) => matchesFilter(o, { labels, fields }));
  const after = items.map((o) => deleteOne(state, { ...r, name: o.metadata.name }, o, dryRun, opts).body);
  return {
    code: 200,
    body: { kind: r.type.listKind, apiVersion: r.type.group ? `${r.type.group}/${r.type.version}` : r.type.version, metadata: {}, items: after.filter((b) => (b as KObj).kind !== 'Status') },
  };
}
