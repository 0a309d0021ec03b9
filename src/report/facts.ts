// Facts every report derives the same way from a journal, so the formats never disagree.
import { exitCodeForRun } from '../lifecycle/exit-codes.js';
import type { ExperimentJournal, HookResult, RunJournal, StageRecord, Verdict } from '../lifecycle/journal.js';
import type { StageName } from '../ports.js';
import { formatDuration } from './format-value.js';

export function runExitCode(j: RunJournal): number {
  return j.exitCode ?? exitCodeForRun(j);
}

export function findStage(e: ExperimentJournal, name: StageName): StageRecord | undefined {
  return e.stages.find((s) => s.name === name);
}

export function stageDurationMs(s: StageRecord | undefined): number | undefined {
  return s?.endedAt === undefined ? undefined : s.endedAt - s.startedAt;
}

/** The last instant the experiment is known to have been alive. */
export function experimentEnd(e: ExperimentJournal): number {
  let end = e.endedAt ?? e.startedAt;
  for (const s of e.stages) end = Math.max(end, s.endedAt ?? s.startedAt);
  return end;
}

export function runEnd(j: RunJournal): number {
  return j.endedAt ?? Math.max(j.startedAt, ...j.experiments.map(experimentEnd));
}

/** The stage an errored experiment stopped at (the first that did not finish ok), preflight by default. */
export function failedStageName(e: ExperimentJournal): StageName {
  return e.stages.find((s) => s.ok === false)?.name ?? 'preflight';
}

/** Every object that could not be confirmed removed: per experiment, and what the end-of-run sweep could not remove. */
export function leftoversOf(j: RunJournal): ExperimentJournal['leftovers'] {
  return [...j.experiments.flatMap((e) => e.leftovers), ...(j.sweep?.left ?? [])];
}

export function hasLeftovers(j: RunJournal): boolean {
  return leftoversOf(j).length > 0;
}

/** The command that removes what this run may have left, scoped to where the leftovers are. */
export function cleanupCommand(j: RunJournal): string {
  const namespaces = [...new Set(leftoversOf(j).map((r) => r.namespace))];
  const scope = namespaces.length === 1 ? ` --namespace ${namespaces[0]}` : ' --all-namespaces';
  return `chaos cleanup --run-id ${j.runId}${scope}`;
}

function verdictCounts(j: RunJournal): Partial<Record<Verdict, number>> {
  const counts: Partial<Record<Verdict, number>> = {};
  for (const e of j.experiments) counts[e.verdict] = (counts[e.verdict] ?? 0) + 1;
  return counts;
}

/** `2 passed, 1 failed`, in a fixed order. */
export function verdictCountsText(j: RunJournal): string {
  const counts = verdictCounts(j);
  const order: Verdict[] = ['passed', 'failed', 'not-steady', 'inconclusive', 'errored', 'interrupted', 'skipped'];
  return order
    .filter((v) => counts[v])
    .map((v) => `${counts[v]} ${v}`)
    .join(', ');
}

/** The overall verdict shown in headings: the worst experiment verdict. */
export function overallVerdict(j: RunJournal): Verdict {
  const order: Verdict[] = ['errored', 'interrupted', 'failed', 'inconclusive', 'not-steady', 'passed'];
  const counts = verdictCounts(j);
  if (j.interrupted) return 'interrupted';
  return order.find((v) => counts[v]) ?? 'passed';
}

export function hookOutcome(h: HookResult): string {
  if (h.timedOut) return `timed out after ${formatDuration(h.durationMs)}`;
  if (h.stoppedByChaos) return `stopped at revert${h.signal ? ` (${h.signal})` : ''}`;
  if (h.signal) return `killed by ${h.signal}`;
  return `exit ${h.exitCode ?? '?'}`;
}

export function refText(r: { kind: string; namespace: string; name: string }): string {
  return `${r.kind} ${r.namespace}/${r.name}`;
}
