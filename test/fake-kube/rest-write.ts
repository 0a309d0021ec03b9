// POST (create), PUT (replace) and PATCH (server-side apply, merge patch, JSON patch).
import { isDeepStrictEqual } from 'node:util';
import { parse as parseYaml } from 'yaml';
import type { FieldValidation } from './admission.js';
import { applyPatch, recordUpdate } from './managed-fields.js';
import { admitAndStore, comparable } from './persist.js';
import { apiVersionOf, type ResourceType, typeKey } from './resources.js';
import { authorize, attributes, type FakeState, isDryRun, managerOf, type Reply, requireNamespace, type ResourceRequest } from './state.js';
import { alreadyExists, badRequest, conflict, failure, invalid, notFound, unsupportedMediaType } from './status.js';
import { clone, type KObj } from './store.js';
import { jsonPatch, mergePatch } from './patches.js';

function fieldValidation(r: ResourceRequest): FieldValidation {
  const v = r.query.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') {
    throw failure(400, 'BadRequest', `fieldValidation: Unsupported value: "${v}": supported values: "Ignore", "Strict", "Warn"`);
  }
  return v;
}

function parseBody(r: ResourceRequest): KObj {
  let obj: unknown;
  try {
    obj = parseYaml(r.body);
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw badRequest('Object \'Kind\' is missing in \'{}\'');
  return obj as KObj;
}

/** The identity checks the apiserver makes on a request body against the URL. */
function checkIdentity(r: ResourceRequest, obj: KObj, apply: boolean): void {
  const want = apiVersionOf(r.type);
  if (apply && (obj.apiVersion !== want || obj.kind !== r.type.kind)) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${obj.apiVersion ?? ''}, expected: ${want}`);
  }
  if (!r.type.chaos) {
    // built-in types take the kind from the endpoint when the body omits it (typed clients do)
    obj.apiVersion ??= want;
    obj.kind ??= r.type.kind;
  }
  if (!obj.kind) throw badRequest(`Object 'Kind' is missing in '${r.body.slice(0, 200)}'`);
  if (obj.apiVersion !== want || obj.kind !== r.type.kind) {
    throw badRequest(`the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${want})`);
  }
  obj.metadata ??= { name: '' };
  if (r.type.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== r.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = r.namespace!;
  }
  if (r.name !== undefined) {
    if (obj.metadata.name === undefined || obj.metadata.name === '') obj.metadata.name = r.name;
    if (obj.metadata.name !== r.name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${r.name})`);
    }
  }
}

function reply(code: number, object: KObj, warnings: string[]): Reply {
  return warnings.length > 0
    ? { code, body: object, headers: { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') } }
    : { code, body: object };
}

function stripServerFields(obj: KObj): void {
  for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'generation', 'managedFields'] as const) {
    delete obj.metadata[f];
  }
}

export function createObject(state: FakeState, r: ResourceRequest): Reply {
  authorize(state, attributes(r, 'create'));
  const dryRun = isDryRun(r);
  const obj = parseBody(r);
  checkIdentity(r, obj, false);
  if (!obj.metadata.name && obj.metadata.generateName) {
    obj.metadata.name = `${obj.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
  }
  requireNamespace(state, r.namespace);
  if (state.store.get(typeKey(r.type), r.namespace, obj.metadata.name)) throw alreadyExists({ group: r.type.group, resource: r.type.plural }, obj.metadata.name);
  stripServerFields(obj);
  recordUpdate(undefined, obj, managerOf(r));
  const { object, warnings } = admitAndStore(state, r.type, obj, undefined, { dryRun, fieldValidation: fieldValidation(r), isApply: false });
  return reply(201, object, warnings);
}

export function replaceObject(state: FakeState, r: ResourceRequest): Reply {
  authorize(state, attributes(r, 'update'));
  const dryRun = isDryRun(r);
  const obj = parseBody(r);
  checkIdentity(r, obj, false);
  const old = state.store.get(typeKey(r.type), r.namespace, r.name!);
  if (!old) throw notFound({ group: r.type.group, resource: r.type.plural }, r.name!);
  const rv = obj.metadata.resourceVersion;
  if (rv === undefined || rv === '') {
    if (r.type.chaos) {
      throw invalid({ group: r.type.group, kind: r.type.kind }, r.name!, [
        { reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' },
      ]);
    }
  } else if (rv !== old.metadata.resourceVersion) throw conflict({ group: r.type.group, resource: r.type.plural }, r.name!);
  return writeUpdate(state, r.type, old, obj, managerOf(r), dryRun, fieldValidation(r), false);
}

function writeUpdate(
  state: FakeState, type: ResourceType, old: KObj, obj: KObj, manager: string, dryRun: boolean, fv: FieldValidation, isApply: boolean,
): Reply {
  obj.metadata.managedFields = old.metadata.managedFields ?? [];
  if (!isApply) recordUpdate(old, obj, manager);
  if (isDeepStrictEqual(comparable(old), comparable(obj))) return { code: 200, body: old };
  const { object, warnings } = admitAndStore(state, type, obj, old, { dryRun, fieldValidation: fv, isApply });
  return reply(200, object, warnings);
}

const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';

export function patchObject(state: FakeState, r: ResourceRequest): Reply {
  const contentType = String(r.headers['content-type'] ?? '').split(';')[0]!.trim();
  const accepted = r.type.chaos ? [JSON_PATCH, MERGE, APPLY] : [JSON_PATCH, MERGE, STRATEGIC, APPLY];
  if (!accepted.includes(contentType)) throw unsupportedMediaType(contentType, accepted);
  const isApply = contentType === APPLY;
  const manager = r.query.get('fieldManager') ?? '';
  const causes = [];
  if (isApply && !manager) causes.push({ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' });
  if (!isApply && r.query.has('force')) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' });
  if (causes.length > 0) throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', causes);
  authorize(state, attributes(r, 'patch'));
  const dryRun = isDryRun(r);
  const fv = fieldValidation(r);
  const key = typeKey(r.type);
  const live = state.store.get(key, r.namespace, r.name!);
  if (!isApply) {
    if (!live) throw notFound({ group: r.type.group, resource: r.type.plural }, r.name!);
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch (e) {
      throw badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    const patched = contentType === JSON_PATCH ? jsonPatch(live, body, r.type) : mergePatch(clone(live), body);
    checkIdentity(r, patched, false);
    return writeUpdate(state, r.type, live, patched, managerOf(r), dryRun, fv, false);
  }
  let applied: KObj;
  try {
    applied = parseYaml(r.body) as KObj;
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!applied || typeof applied !== 'object') throw badRequest('error decoding YAML: not an object');
  checkIdentity(r, applied, true);
  const force = r.query.get('force') === 'true';
  if (!live) {
    authorize(state, attributes(r, 'create'));
    requireNamespace(state, r.namespace);
    const created = applyPatch(undefined, applied, manager, force);
    const { object, warnings } = admitAndStore(state, r.type, created, undefined, { dryRun, fieldValidation: 'Strict', isApply: true });
    return reply(201, object, warnings);
  }
  const merged = applyPatch(live, applied, manager, force);
  return writeUpdate(state, r.type, live, merged, manager, dryRun, 'Strict', true);
}
