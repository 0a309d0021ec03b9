// Chaos Mesh objects: discovery, server-side apply, delete (retried), list by label.
import { PatchStrategy } from '@kubernetes/client-node';
import { ANNOTATIONS, CHAOS_API_VERSION, CHAOS_GROUP, pluralOf } from '../../chaos-mesh/types.js';
import type { ChaosKind, ChaosObject, ObjectRef } from '../../chaos-mesh/types.js';
import { withSignal } from './clients.js';
import type { Session } from './clients.js';
import { crdMissingError, describeFailure, isNotFound, isRetryable, toEnvironmentError } from './errors.js';
import type { Attempt } from './errors.js';
import { retry } from './retry.js';
import { UncertainWriteError } from '../../errors.js';

export const FIELD_MANAGER = 'chaos';
export const CHAOS_KINDS: readonly ChaosKind[] = [
  'NetworkChaos',
  'PodChaos',
  'StressChaos',
  'HTTPChaos',
  'IOChaos',
  'DNSChaos',
  'TimeChaos',
];
/** How long delete keeps retrying 5xx/transport failures before giving up. */
export const DELETE_DEADLINE_MS = 30_000;

export function coordinates(ref: Pick<ObjectRef, 'apiVersion' | 'kind'>): { group: string; version: string; plural: string } {
  const [group = CHAOS_GROUP, version = 'v1alpha1'] = ref.apiVersion.split('/');
  return { group, version, plural: pluralOf(ref.kind) };
}

function attempt(verb: string, ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>): Attempt {
  return { verb, resource: `${pluralOf(ref.kind)}.${CHAOS_GROUP}`, namespace: ref.namespace, name: ref.name };
}

export async function checkChaosKinds(s: Session, kinds: readonly string[]): Promise<void> {
  const [first] = kinds;
  if (first === undefined) return;
  let served: Set<string>;
  try {
    const list = await s.clients.objects.resourceList(CHAOS_API_VERSION, first);
    served = new Set(list.resources.map((r) => r.kind));
  } catch (e) {
    if (isNotFound(e)) throw crdMissingError(kinds, s.info.server, e);
    throw toEnvironmentError(e, { verb: 'get', resource: `API group ${CHAOS_API_VERSION}` }, s.info);
  }
  const missing = kinds.filter((k) => !served.has(k));
  if (missing.length > 0) throw crdMissingError(missing, s.info.server);
}

/** How long an apply keeps retrying 429/5xx/transport failures (server-side apply is idempotent). */
export const APPLY_DEADLINE_MS = 30_000;

export async function apply(s: Session, obj: ChaosObject, dryRun: boolean): Promise<ObjectRef> {
  const { namespace, name } = obj.metadata;
  try {
    const applied = await retry(
      () => s.clients.objects.patch(obj, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply),
      // A timed-out attempt may still be admitted: retrying it would pile up writes, so only clear failures are retried.
      { deadline: Date.now() + APPLY_DEADLINE_MS, isRetryable: (e) => isRetryable(e) && describeFailure(e)?.network !== 'TIMEOUT', retryAfterMs: (e) => describeFailure(e)?.retryAfterMs },
    );
    return {
      apiVersion: applied.apiVersion ?? obj.apiVersion,
      kind: obj.kind,
      namespace: applied.metadata?.namespace ?? namespace,
      name: applied.metadata?.name ?? name,
    };
  } catch (e) {
    // Discovery: the kind is not listed (plain Error) or the group is not served at all (404).
    if (e instanceof Error && e.message.startsWith('Unrecognized API version and kind')) {
      throw crdMissingError([obj.kind], s.info.server, e);
    }
    const f = describeFailure(e);
    if (f?.status === 404 && f.detailsKind !== 'namespaces') throw crdMissingError([obj.kind], s.info.server, e);
    const err = toEnvironmentError(e, attempt('patch', { kind: obj.kind, namespace, name }), s.info);
    // Timed out or cut off: the server may still admit it (a slow webhook). The run-id sweep looks for it.
    if (!dryRun && isRetryable(e)) throw new UncertainWriteError(`${err.message} (it may still be created: the run will look for it)`, { hint: err.hint, cause: e });
    const file = obj.metadata.annotations[ANNOTATIONS.sourceFile];
    if (f?.status === 422 && file !== undefined) {
      err.message += ` (rendered from ${file}:${obj.metadata.annotations[ANNOTATIONS.sourceLine] ?? '?'})`;
    }
    throw err;
  }
}

/** DELETE; NotFound counts as done. 5xx and transport failures are retried with backoff. */
export async function deleteObject(s: Session, ref: ObjectRef, signal: AbortSignal | undefined): Promise<'deleted' | 'absent'> {
  try {
    await retry(() => s.clients.custom.deleteNamespacedCustomObject({ ...coordinates(ref), namespace: ref.namespace, name: ref.name }, withSignal(signal)), {
      deadline: Date.now() + DELETE_DEADLINE_MS,
      signal,
      isRetryable,
      retryAfterMs: (e) => describeFailure(e)?.retryAfterMs,
    });
    return 'deleted';
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    if (isNotFound(e)) return 'absent';
    throw toEnvironmentError(e, attempt('delete', ref), s.info);
  }
}

/** The object, or undefined when it does not exist. */
export async function getObject(s: Session, ref: ObjectRef, signal?: AbortSignal): Promise<Record<string, unknown> | undefined> {
  try {
    return (await s.clients.custom.getNamespacedCustomObject(
      { ...coordinates(ref), namespace: ref.namespace, name: ref.name },
      withSignal(signal),
    )) as Record<string, unknown>;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

interface Listed {
  metadata?: { name?: string; namespace?: string };
}
interface ListPage {
  items?: Listed[];
  metadata?: { continue?: string };
}

export async function listManaged(s: Session, labels: Record<string, string>, namespace: string | undefined): Promise<ObjectRef[]> {
  const labelSelector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const listKind = async (kind: ChaosKind): Promise<ObjectRef[] | 'not-served'> => {
    const where = { ...coordinates({ apiVersion: CHAOS_API_VERSION, kind }), labelSelector, limit: 500 };
    const refs: ObjectRef[] = [];
    let token: string | undefined;
    try {
      do {
        const page = (namespace === undefined
          ? await s.clients.custom.listClusterCustomObject({ ...where, _continue: token })
          : await s.clients.custom.listNamespacedCustomObject({ ...where, namespace, _continue: token })) as ListPage;
        for (const item of page.items ?? []) {
          const name = item.metadata?.name;
          if (name) refs.push({ apiVersion: CHAOS_API_VERSION, kind, namespace: item.metadata?.namespace ?? namespace ?? '', name });
        }
        token = page.metadata?.continue || undefined;
      } while (token);
    } catch (e) {
      if (isNotFound(e)) return 'not-served';
      throw toEnvironmentError(e, { verb: 'list', resource: `${pluralOf(kind)}.${CHAOS_GROUP}`, namespace }, s.info);
    }
    return refs;
  };
  const results = await Promise.all(CHAOS_KINDS.map(listKind));
  if (results.every((r) => r === 'not-served')) throw crdMissingError(CHAOS_KINDS, s.info.server);
  return results
    .flatMap((r) => (r === 'not-served' ? [] : r))
    .sort((a, b) => `${a.namespace}/${a.kind}/${a.name}`.localeCompare(`${b.namespace}/${b.kind}/${b.name}`));
}
