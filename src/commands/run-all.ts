// Runs the planned experiments: one after another, or up to `--parallel N` at once but never two that
// could act on a common pod (policy/overlap.ts). A failed revert, a lost lock or a signal means no
// further injection: the experiments not started are journalled `skipped` with the reason.
import { ExitCode, exitCodeForExperiment } from '../lifecycle/exit-codes.js';
import { openExperimentJournal, runExperiment } from '../lifecycle/run-experiment.js';
import type { RunDeps } from '../lifecycle/deps.js';
import type { ExperimentJournal, RunJournal } from '../lifecycle/journal.js';
import type { PlannedExperiment } from '../lifecycle/plan.js';
import { mayOverlap, touchedPods, type PodSet } from '../policy/overlap.js';

export interface RunAllOptions {
  failFast: boolean;
  parallel: number;
  /** Told when an experiment has ended (the progress display drops it from the running list). */
  finished?: (name: string) => void;
  /** Experiments already settled before the run (refused at the access check): journalled, not run. */
  settled?: Map<PlannedExperiment, ExperimentJournal> | undefined;
}

export async function runAll(planned: PlannedExperiment[], deps: RunDeps, journal: RunJournal, o: RunAllOptions): Promise<void> {
  const results: (ExperimentJournal | undefined)[] = planned.map((p) => o.settled?.get(p));
  const touched = planned.map((p) => touchedPods(p.experiment, p.namespace));
  const pods = o.parallel > 1 ? await matchedPods(touched, deps) : undefined;
  const conflict = (i: number, j: number) => mayOverlap(touched[i]!, touched[j]!, pods?.[i] && pods[j] ? { a: pods[i]!, b: pods[j]! } : undefined);
  const pending = planned.map((_, i) => i).filter((i) => results[i] === undefined);
  const running = new Map<number, Promise<void>>();
  let failedFast = false;
  for (;;) {
    const done = results.filter((r): r is ExperimentJournal => r !== undefined);
    const stop = whyStop(done, deps.interrupt);
    if (stop || failedFast) {
      // --fail-fast ends the run quietly, as before; a failed revert or a stop says why for each.
      for (const i of pending.splice(0)) if (stop) results[i] = skipped(planned[i]!, stop, deps.clock.now());
    }
    for (const i of [...pending]) {
      if (running.size >= o.parallel) break;
      if ([...running.keys()].some((j) => conflict(i, j))) continue;
      pending.splice(pending.indexOf(i), 1);
      running.set(i, runExperiment(planned[i]!, deps).then((ej) => {
        results[i] = ej;
        running.delete(i);
        o.finished?.(ej.name);
        if (o.failFast && ej.verdict !== 'passed') failedFast = true;
      }));
    }
    if (running.size === 0) break;
    // A bug in one experiment's path must not abandon the others mid-window: let each revert first.
    await Promise.race(running.values()).catch(async (e: unknown) => {
      await Promise.allSettled(running.values());
      throw e;
    });
  }
  journal.experiments.push(...results.filter((r): r is ExperimentJournal => r !== undefined));
}

function whyStop(done: ExperimentJournal[], interrupt: AbortSignal): string | undefined {
  const failed = done.find((e) => exitCodeForExperiment(e) === ExitCode.revertFailed);
  if (failed) return `not run: the revert of ${failed.name} failed, so its fault may still be active (no fault is stacked on another)`;
  if (interrupt.aborted) return `not run: ${interrupt.reason instanceof Error ? interrupt.reason.message : 'the run was stopped'}`;
  return undefined;
}

function skipped(p: PlannedExperiment, reason: string, now: number): ExperimentJournal {
  return { ...openExperimentJournal(p, now), verdict: 'skipped', reason, endedAt: now };
}

/** The pods each experiment would act on right now (namespace/name), to confirm what the selectors say. */
async function matchedPods(touched: PodSet[][], deps: RunDeps): Promise<(string[] | undefined)[]> {
  return Promise.all(
    touched.map(async (sets) => {
      try {
        const lists = await Promise.all(sets.map(async (s) => (await deps.cluster.countPods(s.namespace, s.selector)).names.map((n) => `${s.namespace}/${n}`)));
        return lists.flat();
      } catch {
        return undefined; // preflight reports it; the selectors alone decide here
      }
    }),
  );
}
