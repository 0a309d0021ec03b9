// One coordination.k8s.io Lease per namespace ("chaos-lock") so two runs cannot stack faults.
// A lease whose renewTime + leaseDurationSeconds has passed belongs to a crashed run and is taken over.
import { V1MicroTime } from '@kubernetes/client-node';
import type { V1Lease, V1LeaseSpec } from '@kubernetes/client-node';
import { LABELS, MANAGED_BY_VALUE } from '../../chaos-mesh/types.js';
import { EnvironmentError, LockLostError } from '../../errors.js';
import type { ChaosError } from '../../errors.js';
import type { Lease } from '../../ports.js';
import type { Session } from './clients.js';
import { describeFailure, isNotFound, toEnvironmentError } from './errors.js';

export const LEASE_NAME = 'chaos-lock';
const RESOURCE = 'leases.coordination.k8s.io';

// Lease times are MicroTime; the client returns them as strings (or Dates, depending on the path).
function toMs(t: unknown): number | undefined {
  if (t instanceof Date) return t.getTime();
  if (typeof t === 'string') {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function expiresAt(spec: V1LeaseSpec | undefined): number {
  const from = toMs(spec?.renewTime) ?? toMs(spec?.acquireTime) ?? 0;
  return from + (spec?.leaseDurationSeconds ?? 0) * 1000;
}

function iso(ms: number | undefined): string {
  return ms === undefined ? 'unknown' : new Date(ms).toISOString();
}

function lockedError(namespace: string, spec: V1LeaseSpec | undefined): EnvironmentError {
  const expiry = iso(expiresAt(spec));
  return new EnvironmentError(
    `namespace ${namespace} is locked by run ${spec?.holderIdentity ?? '?'} (since ${iso(toMs(spec?.acquireTime))}, expires ${expiry})`,
    {
      hint: `wait for that run to finish, or if that run crashed, its lock expires at ${expiry} ` +
        `(remove it sooner with \`kubectl -n ${namespace} delete lease ${LEASE_NAME}\`)`,
    },
  );
}

async function read(s: Session, namespace: string): Promise<V1Lease | undefined> {
  try {
    return await s.clients.coordination.readNamespacedLease({ name: LEASE_NAME, namespace });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw toEnvironmentError(e, { verb: 'get', resource: RESOURCE, namespace, name: LEASE_NAME }, s.info);
  }
}

/** Another run wrote the lease between our read and our write (409). Say who, when we can. */
async function raced(s: Session, namespace: string, holder: string): Promise<ChaosError> {
  const now = await read(s, namespace).catch(() => undefined);
  if (now?.spec?.holderIdentity && now.spec.holderIdentity !== holder) return lockedError(namespace, now.spec);
  return new EnvironmentError(`namespace ${namespace}: another run took the lock (lease ${LEASE_NAME}) at the same moment`, {
    hint: 'run again once it has finished',
  });
}

function specFor(holder: string, ttlMs: number, previous: V1LeaseSpec | undefined): V1LeaseSpec {
  const now = new V1MicroTime(Date.now());
  const sameHolder = previous?.holderIdentity === holder;
  const changed = previous !== undefined && !sameHolder;
  return {
    holderIdentity: holder,
    leaseDurationSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    acquireTime: sameHolder && previous?.acquireTime ? previous.acquireTime : now,
    renewTime: now,
    leaseTransitions: (previous?.leaseTransitions ?? 0) + (changed ? 1 : 0),
  };
}

export async function acquireLease(s: Session, namespace: string, holder: string, ttlMs: number): Promise<Lease> {
  const lease: Lease = { namespace, name: LEASE_NAME, holder };
  const current = await read(s, namespace);
  const attempt = { resource: RESOURCE, namespace, name: LEASE_NAME };
  if (current === undefined) {
    try {
      await s.clients.coordination.createNamespacedLease({
        namespace,
        body: {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: LEASE_NAME, namespace, labels: { [LABELS.managedBy]: MANAGED_BY_VALUE } },
          spec: specFor(holder, ttlMs, undefined),
        },
      });
      return lease;
    } catch (e) {
      if (describeFailure(e)?.status === 409) throw await raced(s, namespace, holder);
      throw toEnvironmentError(e, { verb: 'create', ...attempt }, s.info);
    }
  }
  const spec = current.spec;
  const heldByOther = !!spec?.holderIdentity && spec.holderIdentity !== holder;
  if (heldByOther && expiresAt(spec) > Date.now()) throw lockedError(namespace, spec);
  // Free, stale (a crashed run) or already ours: write with the resourceVersion we read, so a racing run gets 409.
  await replace(s, { ...current, spec: specFor(holder, ttlMs, spec) }, holder, 'update');
  return lease;
}

async function replace(s: Session, body: V1Lease, holder: string, verb: string): Promise<void> {
  const namespace = body.metadata?.namespace ?? '';
  try {
    await s.clients.coordination.replaceNamespacedLease({ name: LEASE_NAME, namespace, body });
  } catch (e) {
    if (describeFailure(e)?.status === 409) throw await raced(s, namespace, holder);
    throw toEnvironmentError(e, { verb, resource: RESOURCE, namespace, name: LEASE_NAME }, s.info);
  }
}

export async function renewLease(s: Session, lease: Lease): Promise<void> {
  const current = await read(s, lease.namespace);
  if (current?.spec?.holderIdentity !== lease.holder) {
    throw new LockLostError(
      `lost the lock on namespace ${lease.namespace}: lease ${LEASE_NAME} is now ${current ? `held by ${current.spec?.holderIdentity ?? 'nobody'}` : 'gone'}`,
      { hint: 'another run (or a person) took the namespace lock; no fault of this run may stay applied alongside theirs' },
    );
  }
  const ttlMs = (current.spec.leaseDurationSeconds ?? 0) * 1000;
  try {
    await replace(s, { ...current, spec: specFor(lease.holder, ttlMs, current.spec) }, lease.holder, 'update');
  } catch (e) {
    // 409 and another holder now: someone took it between our read and our write.
    if (e instanceof EnvironmentError && /locked by run/.test(e.message)) throw new LockLostError(`lost the lock on namespace ${lease.namespace}: ${e.message}`, { hint: e.hint });
    throw e;
  }
}

/** Deletes the lease only while we still hold it (precondition on resourceVersion). */
export async function releaseLease(s: Session, lease: Lease): Promise<void> {
  const current = await read(s, lease.namespace);
  if (current?.spec?.holderIdentity !== lease.holder) return;
  try {
    await s.clients.coordination.deleteNamespacedLease({
      name: LEASE_NAME,
      namespace: lease.namespace,
      body: { preconditions: { resourceVersion: current.metadata?.resourceVersion } },
    });
  } catch (e) {
    const status = describeFailure(e)?.status;
    if (status === 404 || status === 409) return; // gone already, or someone else's now
    throw toEnvironmentError(e, { verb: 'delete', resource: RESOURCE, namespace: lease.namespace, name: LEASE_NAME }, s.info);
  }
}

/** The run holding the namespace's lock while its lease is live (for chaos cleanup --all); undefined when free or expired. */
export async function liveLeaseHolder(s: Session, namespace: string): Promise<{ holder: string; until: number } | undefined> {
  const spec = (await read(s, namespace))?.spec;
  const until = expiresAt(spec);
  return spec?.holderIdentity && until > Date.now() ? { holder: spec.holderIdentity, until } : undefined;
}
