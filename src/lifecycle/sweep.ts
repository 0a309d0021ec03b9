// The run-id sweep (SPEC §10): after each experiment and at the end of the run, anything labelled with
// the run id that the revert did not account for (an apply that timed out on our side but was admitted
// later) is found by label and removed. Like revert, it ignores the interrupt signal.
import { LABELS, type ObjectRef } from '../chaos-mesh/types.js';
import { errorMessage, type RunDeps } from './deps.js';
import { refString, seconds } from './describe.js';
import type { SweepRecord } from './journal.js';
import { deleteAll, waitAllGone } from './stages/revert.js';

export interface SweepInput {
  scope: 'experiment' | 'run';
  namespaces: string[];
  /** Narrows to one experiment's objects (label chaos.run/experiment). */
  experiment?: string | undefined;
  /** Refs already reported as left over: not counted again. */
  known: ObjectRef[];
  /** An apply's outcome was unknown: keep looking this long, as the server may still admit it. */
  settleMs?: number | undefined;
}

const SETTLE_POLL_MS = 1_000;
const key = (r: ObjectRef) => `${r.namespace}/${r.kind}/${r.name}`;

export async function sweep(input: SweepInput, deps: RunDeps): Promise<SweepRecord> {
  const labels: Record<string, string> = { [LABELS.runId]: deps.runId, ...(input.experiment ? { [LABELS.experiment]: input.experiment } : {}) };
  const rec: SweepRecord = { scope: input.scope, at: deps.clock.now(), namespaces: input.namespaces, found: [], removed: [], left: [] };
  const seen = new Set(input.known.map(key));
  const until = deps.clock.now() + (input.settleMs ?? 0);
  if (input.settleMs) deps.observer.info(`an apply's outcome was unknown: looking for objects of run ${deps.runId} for up to ${seconds(input.settleMs)}`);
  for (;;) {
    let found: ObjectRef[];
    try {
      found = (await Promise.all(input.namespaces.map((ns) => deps.cluster.listManaged(labels, ns)))).flat().filter((r) => !seen.has(key(r)));
    } catch (e) {
      rec.error = errorMessage(e);
      deps.observer.warn(`could not list objects of run ${deps.runId} (${rec.error}): check with chaos cleanup --run-id ${deps.runId}`);
      return rec;
    }
    for (const r of found) seen.add(key(r));
    if (found.length > 0) await removeFound(found, rec, deps);
    if (deps.clock.now() + SETTLE_POLL_MS > until || deps.stopWaiting?.aborted) return rec;
    await deps.clock.sleep(SETTLE_POLL_MS).catch(() => undefined);
  }
}

async function removeFound(found: ObjectRef[], rec: SweepRecord, deps: RunDeps): Promise<void> {
  rec.found.push(...found);
  deps.observer.warn(`sweep found ${found.length} object${found.length === 1 ? '' : 's'} of run ${deps.runId} not removed by revert: ${found.map(refString).join(', ')}; removing`);
  const { deleted, absent, failed } = await deleteAll(found, deps);
  const notGone = await waitAllGone(deleted, deps);
  rec.left.push(...failed, ...notGone);
  rec.removed.push(...deleted.filter((r) => !notGone.includes(r)), ...absent);
}
