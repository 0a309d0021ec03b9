// The write path every create/update goes through: per-kind decoding, admission, validation,
// generation, storage; and removal of a terminating object once its finalizers are gone.
import { isDeepStrictEqual } from 'node:util';
import { decodeChaos, defaultChaos, type FieldValidation, metadataCauses, policyWebhook, validateChaos, webhookValidate } from './admission.js';
import { decodeBuiltin } from './builtin-schema.js';
import { recordUpdate } from './managed-fields.js';
import { isAllowed } from './rbac.js';
import { type ResourceType, typeKey } from './resources.js';
import type { FakeState } from './state.js';
import { badRequest, failure, invalid } from './status.js';
import { clone, type KObj } from './store.js';

export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
  isApply: boolean;
}

const MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$/;

/** metav1.MicroTime only parses RFC 3339 with exactly six fractional digits. */
function checkLease(obj: KObj): void {
  for (const f of ['acquireTime', 'renewTime']) {
    const v = obj.spec?.[f];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' || !MICRO_TIME.test(v)) {
      throw badRequest(
        `Lease in version "v1" cannot be handled as a Lease: parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05.000000Z07:00": cannot parse ${JSON.stringify(String(v).slice(19))} as ".000000"`,
      );
    }
  }
  const d = obj.spec?.leaseDurationSeconds;
  if (d !== undefined && d !== null && !(Number.isInteger(d) && d > 0)) {
    throw invalid({ group: 'coordination.k8s.io', kind: 'Lease' }, obj.metadata.name, [
      { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(d)}: must be greater than 0`, field: 'spec.leaseDurationSeconds' },
    ]);
  }
}

/** Chaos Mesh's auth webhook: the requester needs `create` in every namespace the selectors name. */
function authWebhook(state: FakeState, obj: KObj): void {
  const namespaces = new Set<string>([
    ...(obj.spec?.selector?.namespaces ?? []),
    ...(obj.spec?.target?.selector?.namespaces ?? []),
    ...Object.keys(obj.spec?.selector?.pods ?? {}),
  ]);
  for (const ns of namespaces) {
    if (!isAllowed(state.behaviour.rbacDeny, { verb: 'create', group: 'chaos-mesh.org', resource: obj.kind.toLowerCase(), namespace: ns })) {
      throw failure(403, 'Forbidden', `admission webhook "vauth.kb.io" denied the request: ${state.user} is forbidden on namespace ${ns}`);
    }
  }
}

const content = (o: KObj): Record<string, unknown> => {
  const { metadata: _m, ...rest } = o;
  return rest;
};

/** Without a status subresource, any change outside metadata bumps generation (status included). */
function bumpGeneration(old: KObj, obj: KObj): void {
  if (old.metadata.generation === undefined) return;
  obj.metadata.generation = old.metadata.generation + (isDeepStrictEqual(content(old), content(obj)) ? 0 : 1);
}

/** A controller's own write (no admission): managedFields, generation, storage. */
export function controllerWrite(state: FakeState, type: ResourceType, old: KObj, obj: KObj, manager: string): KObj {
  // the apiserver short-circuits an update that changes nothing: no new resourceVersion, no event
  if (isDeepStrictEqual(comparable(old), comparable(obj))) return old;
  recordUpdate(old, obj, manager);
  bumpGeneration(old, obj);
  return store(state, type, obj, old);
}

/** Validates and stores obj (old = the stored version for updates). Returns stored object and warnings. */
export function admitAndStore(
  state: FakeState,
  type: ResourceType,
  obj: KObj,
  old: KObj | undefined,
  opts: WriteOptions,
): { object: KObj; warnings: string[] } {
  let warnings: string[] = [];
  if (type.chaos) {
    warnings = decodeChaos(obj, type, opts.fieldValidation, opts.isApply);
    defaultChaos(obj);
    validateChaos(obj, type);
    webhookValidate(obj, old);
    authWebhook(state, obj);
    policyWebhook(state.behaviour.admissionDeny);
  } else {
    if (type.kind === 'Lease') checkLease(obj);
    if (type.model) warnings = decodeBuiltin(obj, type, opts.fieldValidation, opts.isApply);
    const causes = metadataCauses(obj);
    if (causes.length > 0) throw invalid({ group: type.group, kind: type.kind }, obj.metadata.name, causes);
  }
  if (old) {
    obj.metadata.uid = old.metadata.uid!;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp!;
    if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    bumpGeneration(old, obj);
  } else if (type.chaos) obj.metadata.generation = 1;
  if (opts.dryRun) return { object: obj, warnings };
  return { object: store(state, type, obj, old), warnings };
}

/** Writes obj; a terminating object whose finalizers are all gone is deleted instead. */
export function store(state: FakeState, type: ResourceType, obj: KObj, old: KObj | undefined): KObj {
  const key = typeKey(type);
  const saved = old ? state.store.replace(key, obj) : state.store.insert(key, obj);
  if (saved.metadata.deletionTimestamp && (saved.metadata.finalizers ?? []).length === 0) {
    return state.store.remove(key, saved.metadata.namespace, saved.metadata.name) ?? saved;
  }
  return saved;
}

/** A copy without volatile bookkeeping, to tell a no-op write from a change. */
export function comparable(o: KObj): KObj {
  const c = clone(o);
  delete c.metadata.managedFields;
  delete c.metadata.resourceVersion;
  delete c.metadata.generation;
  return c;
}
