// Waiting on Chaos Mesh: until injection is confirmed (Selected + AllInjected), or until the object is gone.
import type { CoreV1Event } from '@kubernetes/client-node';
import { CHAOS_GROUP, pluralOf } from '../../chaos-mesh/types.js';
import type { ObjectRef } from '../../chaos-mesh/types.js';
import { isReallyInjected, type FaultLoss, type InjectionOutcome } from '../../ports.js';
import { coordinates, getObject } from './chaos-objects.js';
import { withSignal } from './clients.js';
import type { Session } from './clients.js';
import { isRetryable, toEnvironmentError } from './errors.js';
import { chaosStatusOf, faultLossOf } from './status.js';
import { watchUntil } from './watch.js';
import type { KubeObject } from './watch.js';

/** Reading events after a timed-out injection is best effort: never wait long for it. */
const EVENTS_TIMEOUT_MS = 5_000;

function collectionPath(ref: ObjectRef): string {
  const { group, version, plural } = coordinates(ref);
  return `/apis/${group}/${version}/namespaces/${encodeURIComponent(ref.namespace)}/${plural}`;
}

async function watchObject<T>(
  s: Session,
  ref: ObjectRef,
  verb: string,
  decide: (obj: KubeObject | undefined) => T | undefined,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T | undefined> {
  // A slow GET must not outlive the deadline either.
  const bounded = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])]);
  try {
    return await watchUntil({
      watch: s.clients.watch,
      path: collectionPath(ref),
      name: ref.name,
      get: () => getObject(s, ref, bounded),
      decide,
      deadline: Date.now() + timeoutMs,
      signal,
      isRetryable,
    });
  } catch (e) {
    if (signal?.aborted) throw signal.reason;
    throw toEnvironmentError(
      e,
      { verb, resource: `${pluralOf(ref.kind)}.${CHAOS_GROUP}`, namespace: ref.namespace, name: ref.name },
      s.info,
    );
  }
}

async function warningEvents(s: Session, ref: ObjectRef, signal: AbortSignal | undefined): Promise<CoreV1Event[]> {
  const timeout = AbortSignal.timeout(EVENTS_TIMEOUT_MS);
  try {
    const list = await s.clients.core.listNamespacedEvent(
      { namespace: ref.namespace, fieldSelector: `involvedObject.name=${ref.name}` },
      withSignal(signal ? AbortSignal.any([signal, timeout]) : timeout),
    );
    return list.items.filter((e) => e.involvedObject.kind === undefined || e.involvedObject.kind === ref.kind);
  } catch {
    return []; // events only enrich the message; the timeout itself is the finding
  }
}

export async function waitForInjection(
  s: Session,
  ref: ObjectRef,
  opts: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<InjectionOutcome> {
  let last: KubeObject | undefined;
  lastInjected(s).delete(keyOf(ref));
  const outcome = await watchObject<InjectionOutcome>(
    s,
    ref,
    'watch',
    (obj) => {
      if (obj === undefined) return { ok: false, reason: 'gone', status: last && chaosStatusOf(last) };
      last = obj;
      const status = chaosStatusOf(obj);
      // AllInjected with no record actually Injected is a fault that hit nothing (chaos-mesh #3374, #4903).
      return isReallyInjected(status) ? { ok: true, status } : undefined;
    },
    opts.timeoutMs,
    opts.signal,
  );
  if (outcome?.ok && last) lastInjected(s).set(keyOf(ref), last);
  if (outcome) return outcome;
  const events = await warningEvents(s, ref, opts.signal);
  if (opts.signal?.aborted) throw opts.signal.reason;
  return { ok: false, reason: 'timeout', status: chaosStatusOf(last, events) };
}

/** True once the object is gone (Chaos Mesh removed its finalizer after recovery); false at the deadline. */
export async function waitForGone(
  s: Session,
  ref: ObjectRef,
  opts: { timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<boolean> {
  const gone = await watchObject(s, ref, 'watch', (obj) => (obj === undefined ? true : undefined), opts.timeoutMs, opts.signal);
  return gone === true;
}

/** Watching an injected fault lasts as long as its window; this only bounds a forgotten signal. */
const WATCH_INJECTED_MAX_MS = 7 * 24 * 3600_000;

/** The object as waitForInjection last saw it confirmed: watchInjected starts from it, without a GET. */
const confirmed = new WeakMap<Session, Map<string, KubeObject>>();
const lastInjected = (s: Session): Map<string, KubeObject> => confirmed.get(s) ?? confirmed.set(s, new Map()).get(s)!;
const keyOf = (ref: ObjectRef): string => `${ref.kind}/${ref.namespace}/${ref.name}`;

/** Resolves with why the fault stopped (deleted, paused, no longer injected), or undefined once the signal aborts. */
export async function watchInjected(s: Session, ref: ObjectRef, opts: { signal: AbortSignal }): Promise<FaultLoss | undefined> {
  const initial = lastInjected(s).get(keyOf(ref));
  lastInjected(s).delete(keyOf(ref));
  try {
    return await watchUntil({
      watch: s.clients.watch,
      path: collectionPath(ref),
      name: ref.name,
      // Each GET is bounded by the client's request timeout (no signal given), not by the window.
      get: () => getObject(s, ref),
      initial,
      decide: faultLossOf,
      deadline: Date.now() + WATCH_INJECTED_MAX_MS,
      signal: opts.signal,
      isRetryable,
    });
  } catch (e) {
    if (opts.signal.aborted) return undefined;
    // Not knowing whether the fault held is not a pass either.
    return { reason: 'unwatchable', detail: `could not watch the fault: ${e instanceof Error ? e.message : String(e)}` };
  }
}
