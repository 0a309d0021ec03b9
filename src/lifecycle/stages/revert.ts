// Always runs: delete every applied object and wait until Chaos Mesh has removed it (finalizer done).
// It has its own deadline and ignores the interrupt signal: Ctrl-C must still clean up.
import { errorMessage, type RunDeps } from '../deps.js';
import { refString, seconds } from '../describe.js';
import type { ExperimentJournal } from '../journal.js';
import type { ObjectRef } from '../../chaos-mesh/types.js';

export async function revert(ej: ExperimentJournal, deps: RunDeps): Promise<string> {
  const timeoutMs = deps.settings.revertTimeoutMs;
  const deleted: ObjectRef[] = [];
  for (const ref of [...ej.applied].reverse()) {
    try {
      await deps.cluster.delete(ref);
      deleted.push(ref);
    } catch (e) {
      ej.leftovers.push(ref);
      deps.observer.warn(`could not delete ${refString(ref)}: ${errorMessage(e)}`);
    }
  }
  const gone = await Promise.all(deleted.map((ref) => deps.cluster.waitForGone(ref, { timeoutMs }).catch(() => false)));
  deleted.forEach((ref, i) => {
    if (!gone[i]) {
      ej.leftovers.push(ref);
      deps.observer.warn(`${refString(ref)} still present after ${seconds(timeoutMs)}: the fault may still be active`);
    }
  });
  ej.revertedAt = deps.clock.now();
  if (ej.leftovers.length > 0) throw new Error(`${ej.leftovers.length} object(s) could not be removed`);
  return `${deleted.length} object${deleted.length === 1 ? '' : 's'} removed`;
}
