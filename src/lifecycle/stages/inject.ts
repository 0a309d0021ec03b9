// Server-side apply, recording each ref first, then wait (watch) for Chaos Mesh to confirm injection.
import { EnvironmentError, UncertainWriteError } from '../../errors.js';
import { refOf, type ObjectRef } from '../../chaos-mesh/types.js';
import { refString, seconds } from '../describe.js';
import { checkInterrupt, type RunDeps } from '../deps.js';
import type { PlannedExperiment } from '../plan.js';
import type { ExperimentJournal } from '../journal.js';

export async function inject(p: PlannedExperiment, ej: ExperimentJournal, deps: RunDeps): Promise<string> {
  ej.appliedAt = deps.clock.now();
  for (const m of p.manifests) {
    // Recorded before the request: if we die mid-apply, revert and cleanup still know the name.
    ej.applied.push(refOf(m));
    try {
      await deps.cluster.apply(m);
    } catch (e) {
      if (e instanceof UncertainWriteError) ej.uncertainApply = true;
      throw e;
    }
  }
  const timeoutMs = deps.settings.injectionTimeoutMs;
  const hit: string[] = [];
  for (const ref of ej.applied) {
    const outcome = await deps.cluster.waitForInjection(ref, { timeoutMs, signal: deps.interrupt });
    checkInterrupt(deps);
    if (outcome.ok) hit.push(...outcome.status.records.map((r) => r.id));
    if (!outcome.ok) {
      const st = outcome.status;
      if (st?.allInjected && st.selected) throw hollowInjection(ref, st.records);
      const conditions = st ? `Selected=${st.selected}, AllInjected=${st.allInjected}` : 'no status yet';
      const failures = st?.failures.length ? `\n  ${st.failures.slice(-5).join('\n  ')}` : '';
      throw new EnvironmentError(
        `${refString(ref)}: injection not confirmed after ${seconds(timeoutMs)} (${outcome.reason}; ${conditions})${failures}`,
        { hint: st && !st.selected ? 'Chaos Mesh selected no pods: check the selector and namespace filters (chaos-mesh.org/inject annotation)' : `kubectl describe ${ref.kind.toLowerCase()} ${ref.name} -n ${ref.namespace}` },
      );
    }
  }
  ej.injectedAt = deps.clock.now();
  ej.hit = [...new Set(hit)];
  return `${ej.applied.length} object${ej.applied.length === 1 ? '' : 's'} injected into ${ej.hit.length} target${ej.hit.length === 1 ? '' : 's'}`;
}

/** Chaos Mesh claims AllInjected, but no record says a target was hit: not an injection (exit 4, reverted). */
function hollowInjection(ref: ObjectRef, records: { id: string; phase: string }[]): EnvironmentError {
  const seen = records.length === 0 ? 'no container records at all' : records.map((r) => `${r.id}: ${r.phase || 'no phase'}`).join(', ');
  return new EnvironmentError(`${refString(ref)}: Chaos Mesh reports AllInjected=True but no target is recorded as Injected (${seen}): the fault hit nothing`, {
    hint: `a known Chaos Mesh failure (chaos-mesh #3374, #4903): check chaos-daemon on the targets' nodes and \`kubectl describe ${ref.kind.toLowerCase()} ${ref.name} -n ${ref.namespace}\``,
  });
}
