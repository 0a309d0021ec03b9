// Through the window, the applied objects are watched: a fault deleted, paused or no longer injected by
// anyone (kubectl delete, chaos cleanup --all, the pause annotation) makes the experiment inconclusive.
import type { RunDeps } from './deps.js';
import type { ExperimentJournal, FaultLost } from './journal.js';

export interface FaultWatch {
  /** The first loss, or undefined once stopped with every fault still in place. */
  lost: Promise<FaultLost | undefined>;
  /** Stops watching (before our own revert, which would otherwise look like a loss). */
  stop(): void;
}

export function watchApplied(ej: ExperimentJournal, deps: RunDeps): FaultWatch {
  const stopper = new AbortController();
  const watches = ej.applied.map(async (ref) => {
    const loss = await deps.cluster.watchInjected(ref, { signal: stopper.signal });
    if (!loss || stopper.signal.aborted) return undefined;
    return { at: deps.clock.now(), ...loss, ref } satisfies FaultLost;
  });
  // The first loss wins; all quiet means every fault held until stop().
  const lost = new Promise<FaultLost | undefined>((resolve) => {
    let pending = watches.length;
    if (pending === 0) resolve(undefined);
    for (const w of watches) {
      void w.then(
        (l) => (l ? resolve(l) : --pending === 0 && resolve(undefined)),
        () => --pending === 0 && resolve(undefined),
      );
    }
  });
  return { lost, stop: () => stopper.abort() };
}
