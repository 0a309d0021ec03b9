// Keeps the namespace locks (coordination.k8s.io Leases) renewed for the whole run. A lock another holder
// took, or one that could not be renewed before it expires, ends the run: revert, errored, exit 4.
import { LockLostError, type ChaosError } from '../errors.js';
import type { Cluster, Lease } from '../ports.js';

export interface LeaseKeeper {
  stop(): void;
}

export function keepLeases(cluster: Cluster, leases: Lease[], ttlMs: number, onLost: (why: ChaosError) => void, warn: (m: string) => void): LeaseKeeper {
  const every = Math.max(250, Math.floor(ttlMs / 3));
  const renewedAt = new Map(leases.map((l) => [l, Date.now()]));
  let lost = false;
  const lose = (why: ChaosError) => {
    if (lost) return;
    lost = true;
    onLost(why);
  };
  const timer = setInterval(() => {
    for (const lease of leases) {
      void cluster.renewLease(lease).then(
        () => renewedAt.set(lease, Date.now()),
        (e: unknown) => {
          if (e instanceof LockLostError) return lose(e);
          const expiresAt = (renewedAt.get(lease) ?? 0) + ttlMs;
          const message = e instanceof Error ? e.message : String(e);
          // The next attempt would come too late: stop while the lock is still ours.
          if (Date.now() + every >= expiresAt) {
            return lose(new LockLostError(`lost the lock on namespace ${lease.namespace}: it could not be renewed before it expires at ${new Date(expiresAt).toISOString()} (${message})`, {
              hint: 'the Kubernetes API did not accept the lease renewal; another run could take the namespace while our fault is active',
            }));
          }
          warn(`could not renew the lock on namespace ${lease.namespace} (${message}); retrying`);
        },
      );
    }
  }, every);
  return { stop: () => clearInterval(timer) };
}
