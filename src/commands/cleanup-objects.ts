// chaos cleanup's work, on the Cluster port: spare objects of runs that are still live (their lease),
// then try every other object — one failed DELETE never leaves the rest untried — and say what became of each.
import { LABELS, MANAGED_BY_VALUE, type ObjectRef } from '../chaos-mesh/types.js';
import type { Cluster } from '../ports.js';

export type CleanupCluster = Pick<Cluster, 'listManaged' | 'delete' | 'waitForGone'> & {
  liveLeaseHolder(namespace: string): Promise<{ holder: string; until: number } | undefined>;
};

export type ObjectOutcome =
  | { ref: ObjectRef; outcome: 'removed' }
  | { ref: ObjectRef; outcome: 'failed'; reason: string }
  | { ref: ObjectRef; outcome: 'refused'; runId: string; namespace: string; until: number };

/**
 * The objects among `found` that belong to a run still holding a live lease, with who and until when.
 * One lease read per namespace, one list per live run.
 */
export async function liveRunObjects(
  cluster: CleanupCluster,
  found: readonly ObjectRef[],
  scope: string | undefined,
): Promise<Map<string, Extract<ObjectOutcome, { outcome: 'refused' }>>> {
  const refused = new Map<string, Extract<ObjectOutcome, { outcome: 'refused' }>>();
  const namespaces = [...new Set(found.map((r) => r.namespace))].sort();
  const holders = await Promise.all(namespaces.map(async (ns) => ({ ns, lease: await cluster.liveLeaseHolder(ns) })));
  const live = new Map<string, { namespace: string; until: number }>();
  for (const { ns, lease } of holders) if (lease && !live.has(lease.holder)) live.set(lease.holder, { namespace: ns, until: lease.until });
  for (const [runId, { namespace, until }] of live) {
    const ofRun = await cluster.listManaged({ [LABELS.managedBy]: MANAGED_BY_VALUE, [LABELS.runId]: runId }, scope);
    for (const ref of ofRun) refused.set(key(ref), { ref, outcome: 'refused', runId, namespace, until });
  }
  return refused;
}

/** DELETE every object (a few at a time), then wait for each to be gone; never stops at the first failure. */
export async function removeEach(cluster: CleanupCluster, refs: readonly ObjectRef[], timeoutMs: number): Promise<ObjectOutcome[]> {
  return mapLimited(refs, PARALLEL, async (ref): Promise<ObjectOutcome> => {
    try {
      await cluster.delete(ref);
    } catch (e) {
      return { ref, outcome: 'failed', reason: `DELETE failed: ${messageOf(e)}` };
    }
    try {
      if (await cluster.waitForGone(ref, { timeoutMs })) return { ref, outcome: 'removed' };
      return { ref, outcome: 'failed', reason: `still present after ${Math.round(timeoutMs / 1000)}s: Chaos Mesh has not finished recovering it` };
    } catch (e) {
      return { ref, outcome: 'failed', reason: `deleted, but could not confirm it is gone: ${messageOf(e)}` };
    }
  });
}

/** Several DELETEs at once: a slow or retried one must not hold the others back, nor flood the API server. */
const PARALLEL = 8;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export const key = (r: ObjectRef): string => `${r.kind}/${r.namespace}/${r.name}`;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
