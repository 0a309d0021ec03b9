// Always runs: delete every applied object and wait until Chaos Mesh has removed it (finalizer done).
// It has its own deadline and ignores the interrupt signal: Ctrl-C must still clean up. Only the third
// Ctrl-C (deps.stopWaiting) stops the *waiting*; a DELETE not yet accepted is never abandoned.
import { errorMessage, type RunDeps } from '../deps.js';
import { refString, seconds } from '../describe.js';
import type { ExperimentJournal } from '../journal.js';
import type { ObjectRef } from '../../chaos-mesh/types.js';

export async function revert(ej: ExperimentJournal, deps: RunDeps): Promise<string> {
  const { deleted, absent, failed } = await deleteAll([...ej.applied].reverse(), deps);
  ej.leftovers.push(...failed);
  const notGone = await waitAllGone(deleted, deps);
  ej.leftovers.push(...notGone);
  ej.revertedAt = deps.clock.now();
  if (ej.leftovers.length > 0) throw new Error(`${ej.leftovers.length} object(s) could not be removed`);
  // A 404 is not a removal: someone else deleted it (or the apply never landed; the sweep checks).
  const gone = absent.length > 0 ? `, ${absent.length} already gone` : '';
  return `${deleted.length} object${deleted.length === 1 ? '' : 's'} removed${gone}`;
}

/** DELETE each ref (never interrupted); what was accepted, what did not exist, what failed. */
export async function deleteAll(refs: ObjectRef[], deps: RunDeps): Promise<{ deleted: ObjectRef[]; absent: ObjectRef[]; failed: ObjectRef[] }> {
  const deleted: ObjectRef[] = [];
  const absent: ObjectRef[] = [];
  const failed: ObjectRef[] = [];
  for (const ref of refs) {
    try {
      ((await deps.cluster.delete(ref)) === 'absent' ? absent : deleted).push(ref);
    } catch (e) {
      failed.push(ref);
      deps.observer.warn(`could not delete ${refString(ref)}: ${errorMessage(e)}`);
    }
  }
  return { deleted, absent, failed };
}

/** Waits (in parallel) until each object is gone; returns those still present at the deadline or when told to stop waiting. */
export async function waitAllGone(refs: ObjectRef[], deps: RunDeps): Promise<ObjectRef[]> {
  const timeoutMs = deps.settings.revertTimeoutMs;
  const signal = deps.stopWaiting;
  const gone = await Promise.all(refs.map((ref) => deps.cluster.waitForGone(ref, { timeoutMs, ...(signal ? { signal } : {}) }).catch(() => false)));
  const left = refs.filter((_, i) => !gone[i]);
  for (const ref of left) {
    const why = signal?.aborted ? 'no longer waiting (Ctrl-C)' : `still present after ${seconds(timeoutMs)}`;
    deps.observer.warn(`${refString(ref)} ${why}: the fault may still be active`);
  }
  return left;
}
