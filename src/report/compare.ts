// Several runs side by side (`chaos report a.json b.json …`): per experiment, the verdict and each
// criterion's worst value in every run, the trend of recovery_time, and a resilience score that is
// only "criteria met / criteria judged" — no-data counts as judged and not met, so an experiment
// without data never scores 100 %.
import type { CriterionResult, ExperimentJournal, RunJournal, Verdict } from '../lifecycle/journal.js';
import { expectedText, observedText, verdictText } from './criterion-text.js';

export interface Score {
  met: number;
  judged: number;
}

export interface ComparedCell {
  verdict: string;
  observed: string;
  bad: boolean;
}

export interface ComparedCriterion {
  label: string;
  expected: string;
  /** One per run, in run order; undefined where that run did not have it. */
  cells: (ComparedCell | undefined)[];
}

export interface ComparedExperiment {
  name: string;
  verdicts: (Verdict | undefined)[];
  scores: (Score | undefined)[];
  criteria: ComparedCriterion[];
  /** recovery_time in ms per run, where measured. */
  recoveryMs: (number | undefined)[];
  trend: 'better' | 'worse' | 'same' | undefined;
}

export interface Comparison {
  runs: { runId: string; startedAt: number; exitCode: number | undefined; score: Score }[];
  experiments: ComparedExperiment[];
}

const JUDGED = new Set(['met', 'breached', 'no-data']);

export function scoreOf(criteria: readonly CriterionResult[]): Score {
  const judged = criteria.filter((c) => c.kind !== 'abort' && c.kind !== 'effect' && JUDGED.has(c.verdict));
  return { met: judged.filter((c) => c.verdict === 'met').length, judged: judged.length };
}

export function scoreText(s: Score | undefined): string {
  if (!s) return '—';
  if (s.judged === 0) return '0/0';
  return `${s.met}/${s.judged} (${Math.floor((100 * s.met) / s.judged)}%)`;
}

/** Runs in the order they happened, oldest first. */
export function compareRuns(journals: readonly RunJournal[]): Comparison {
  const runs = [...journals].sort((a, b) => a.startedAt - b.startedAt);
  const names = [...new Set(runs.flatMap((j) => j.experiments.map((e) => e.name)))];
  return {
    runs: runs.map((j) => ({ runId: j.runId, startedAt: j.startedAt, exitCode: j.exitCode, score: scoreOf(j.experiments.flatMap((e) => e.criteria)) })),
    experiments: names.map((name) => compareExperiment(name, runs.map((j) => j.experiments.find((e) => e.name === name)))),
  };
}

function compareExperiment(name: string, perRun: (ExperimentJournal | undefined)[]): ComparedExperiment {
  const labels = [...new Set(perRun.flatMap((e) => e?.criteria.map((c) => c.label) ?? []))];
  const criteria = labels.map((label) => {
    const found = perRun.map((e) => e?.criteria.find((c) => c.label === label));
    const any = found.find((c) => c !== undefined)!;
    return {
      label,
      expected: expectedText(any),
      cells: found.map((c) => (c ? { verdict: verdictText(c), observed: observedText(c), bad: c.verdict === 'breached' || c.verdict === 'no-data' } : undefined)),
    };
  });
  const recoveryMs = perRun.map((e) => e?.recoveryMs);
  return { name, verdicts: perRun.map((e) => e?.verdict), scores: perRun.map((e) => (e ? scoreOf(e.criteria) : undefined)), criteria, recoveryMs, trend: trendOf(recoveryMs) };
}

/** First measured recovery against the last: shorter is better (a 10 % band counts as the same). */
function trendOf(ms: (number | undefined)[]): ComparedExperiment['trend'] {
  const measured = ms.filter((x): x is number => x !== undefined);
  if (measured.length < 2) return undefined;
  const first = measured[0]!;
  const last = measured.at(-1)!;
  if (Math.abs(last - first) <= 0.1 * Math.max(first, 1)) return 'same';
  return last < first ? 'better' : 'worse';
}
