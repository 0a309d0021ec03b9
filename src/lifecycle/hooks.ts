// Hooks around the fault: `before` gates injection, `during` runs under the fault, `after` follows recovery.
import { EnvironmentError } from '../errors.js';
import { openCriterionResult } from './sampling.js';
import type { RunDeps } from './deps.js';
import type { PlannedExperiment } from './plan.js';
import type { ExperimentJournal, HookResult } from './journal.js';
import type { DuringHookHandle } from '../ports.js';

export interface DuringHooks {
  /** Resolves with a reason when a during hook ends by itself and fails. */
  failure: Promise<string>;
  /** Stops every during hook (SIGTERM, then SIGKILL) and records the results. */
  stopAll(): Promise<void>;
}

function hookVars(p: PlannedExperiment, deps: RunDeps): Record<string, string | undefined> {
  return { ...p.vars, run_id: deps.runId };
}

/** A hook's result becomes a criterion like any other, so every report shows it. */
export function recordHook(ej: ExperimentJournal, r: HookResult): void {
  ej.hooks.push(r);
  const label = `hook ${r.phase} ${r.name}`;
  const c = openCriterionResult({ label, op: '==', value: 0, display: 'exit 0', when: 'end', aggregate: 'max', source: ej.source }, 'hook');
  c.verdict = r.ok ? 'met' : 'breached';
  if (typeof r.exitCode === 'number') c.worst = r.exitCode;
  c.reason = r.ok ? undefined : r.timedOut ? 'timed out' : `exit ${r.exitCode ?? r.signal ?? 'unknown'}`;
  ej.criteria.push(c);
}

export async function runBeforeHooks(p: PlannedExperiment, ej: ExperimentJournal, deps: RunDeps): Promise<void> {
  for (const spec of p.experiment.hooks.before) {
    const r = await deps.hooks.run(spec, 'before', hookVars(p, deps));
    recordHook(ej, r);
    if (!r.ok) {
      throw new EnvironmentError(`before hook "${spec.name}" failed (${r.timedOut ? 'timed out' : `exit ${r.exitCode ?? r.signal}`}): nothing was injected`, {
        hint: r.outputTail ? `last output:\n${r.outputTail.split('\n').slice(-5).join('\n')}` : undefined,
      });
    }
  }
}

export async function runAfterHooks(p: PlannedExperiment, ej: ExperimentJournal, deps: RunDeps): Promise<void> {
  for (const spec of p.experiment.hooks.after) recordHook(ej, await deps.hooks.run(spec, 'after', hookVars(p, deps)));
}

export function startDuringHooks(p: PlannedExperiment, ej: ExperimentJournal, deps: RunDeps): DuringHooks | undefined {
  if (p.experiment.hooks.during.length === 0) return undefined;
  const handles: { name: string; h: DuringHookHandle }[] = p.experiment.hooks.during.map((spec) => ({ name: spec.name, h: deps.hooks.start(spec, hookVars(p, deps)) }));
  const failure = new Promise<string>((resolve) => {
    for (const { name, h } of handles) {
      void h.exited.then((r) => {
        if (!r.ok) resolve(`during hook "${name}" failed (exit ${r.exitCode ?? r.signal})`);
      });
    }
  });
  return {
    failure,
    async stopAll() {
      const results = await Promise.all(handles.map(({ h }) => h.stop()));
      for (const r of results) recordHook(ej, r);
    },
  };
}
