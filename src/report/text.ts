// The terminal summary printed on stdout after a run (SPEC §6–7): per experiment and per criterion,
// expected vs worst observed, the run id, and the cleanup command when a fault may remain.
import type { CriterionVerdict, ExperimentJournal, RunJournal, Verdict } from '../lifecycle/journal.js';
import {
  cleanupCommand,
  findStage,
  hasLeftovers,
  hookOutcome,
  refText,
  runExitCode,
  stageDurationMs,
  verdictCountsText,
} from './facts.js';
import { baselineLine, expectedText, hookFor, observedText, unmatchedHooks, verdictText } from './criterion-text.js';
import { exitMeaning, formatDuration, VERDICT_LABEL } from './format-value.js';
import { redact, redactDeep } from '../redact.js';
import { type Cell, renderTable } from './text-table.js';
import type { Paint, Theme } from './theme.js';
import { plainTheme } from './theme.js';

// criterion, expected, worst, verdict: 2 + 44 + 2 + 16 + 2 + 14 + 2 + 13 ≤ 100 columns
const CRITERIA_WIDTHS = [44, 16, 14, 13];

function verdictPaint(v: Verdict, t: Theme): Paint {
  if (v === 'passed') return t.ok;
  if (v === 'not-steady' || v === 'inconclusive') return t.warn;
  return t.fail;
}

function criterionPaint(v: CriterionVerdict, t: Theme): Paint {
  return { met: t.ok, breached: t.fail, 'no-data': t.warn, 'not-evaluated': t.dim }[v];
}

function lastLine(text: string): string | undefined {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).at(-1);
}

function criteriaLines(e: ExperimentJournal, t: Theme): string[] {
  if (e.criteria.length === 0) return [];
  const rows: Cell[][] = [
    ['criterion', 'expected', 'worst observed', 'verdict'].map((text) => ({ text, paint: t.dim })),
    ...e.criteria.map((c) => [
      { text: c.label },
      { text: expectedText(c) },
      { text: observedText(c) },
      { text: verdictText(c), paint: criterionPaint(c.verdict, t) },
    ]),
  ];
  const table = renderTable(rows, CRITERIA_WIDTHS);
  // under a row that is not met: why (no data, first breach), and a failed hook's last output line
  const out: string[] = [table[0] ?? ''];
  e.criteria.forEach((c, i) => {
    out.push(table[i + 1] ?? '');
    const baseline = baselineLine(c);
    if (baseline) out.push(t.dim(`      ↳ ${baseline}`));
    if (c.verdict === 'met') return;
    if (c.reason) out.push(t.dim(`      ↳ ${c.reason}`));
    const tail = lastLine(hookFor(e, c)?.outputTail ?? '');
    if (tail) out.push(t.dim(`      ↳ last output: ${tail}`));
  });
  return out;
}

function revertLines(e: ExperimentJournal, t: Theme): string[] {
  if (e.verdict === 'skipped') return [];
  const swept = sweepLines(e.sweep, t);
  if (e.leftovers.length > 0) return [...e.leftovers.map((r) => `  revert    ${t.fail(t.bold(`LEFT BEHIND: ${refText(r)}`))}`), ...swept];
  if (e.applied.length === 0) return [`  revert    ${t.dim('nothing was applied')}`];
  if (swept.length > 0) return swept;
  const ms = stageDurationMs(findStage(e, 'revert'));
  const n = e.applied.length;
  return [`  revert    ${t.ok(`reverted ${n} object${n === 1 ? '' : 's'}${ms === undefined ? '' : ` in ${formatDuration(ms)}`}`)}`];
}

/** A sweep is news only when it found something, or could not look. */
function sweepLines(sweep: RunJournal['sweep'], t: Theme): string[] {
  if (!sweep) return [];
  if (sweep.error) return [`  sweep     ${t.warn(`could not list objects of this run: ${sweep.error}`)}`];
  return sweep.found.map((r) => `  sweep     ${sweep.removed.includes(r) || sweep.removed.some((x) => refText(x) === refText(r)) ? t.ok(`found and removed ${refText(r)}`) : t.fail(t.bold(`found, NOT removed: ${refText(r)}`))}`);
}

function recoveryLine(e: ExperimentJournal, t: Theme): string[] {
  if (e.recoveryMs !== undefined) return [`  recovery  recovered in ${formatDuration(e.recoveryMs)}`];
  const stage = findStage(e, 'recover');
  if (stage?.ok === false) return [`  recovery  ${t.fail(stage.error ?? 'did not recover')}`];
  return [];
}

function hookLines(e: ExperimentJournal, t: Theme): string[] {
  return unmatchedHooks(e).map((h) => {
    const status = h.ok ? t.ok('ok') : t.fail('FAILED');
    return `  hook      ${h.phase} ${h.name}: ${status} (${hookOutcome(h)}, ${formatDuration(h.durationMs)})`;
  });
}

function experimentLines(e: ExperimentJournal, t: Theme): string[] {
  const detail = [
    e.faultType,
    `namespace ${e.namespace}`,
    `window ${formatDuration(e.windowMs)}`,
    e.targets ? `targets ${e.targets.ready}/${e.targets.total} ready` : undefined,
    `${e.source.file}:${e.source.line}`,
  ].filter(Boolean);
  const lines = [`${t.bold(e.name)}  ${verdictPaint(e.verdict, t)(t.bold(VERDICT_LABEL[e.verdict]))}`, t.dim(`  ${detail.join(' · ')}`)];
  if (e.reason) lines.push(`  ${e.reason}`);
  if (e.abortReason && !(e.reason ?? '').includes(e.abortReason)) lines.push(`  aborted: ${e.abortReason}`);
  if (e.hint) lines.push(`  ${t.dim('hint:')} ${e.hint}`);
  if (e.killEvidence) lines.push(t.dim(`  effect    ${e.killEvidence}`));
  if (e.hit && e.hit.length > 0) lines.push(t.dim(`  hit       ${e.hit.length <= 5 ? e.hit.join(', ') : `${e.hit.slice(0, 5).join(', ')} and ${e.hit.length - 5} more`}`));
  lines.push(...criteriaLines(e, t), ...hookLines(e, t), ...revertLines(e, t), ...recoveryLine(e, t));
  return lines;
}

function runLines(j: RunJournal, t: Theme): string[] {
  const code = runExitCode(j);
  const paint = code === 0 ? t.ok : t.fail;
  const counts = verdictCountsText(j);
  const lines = [`run ${t.code(j.runId)}  ${paint(`exit ${code}: ${exitMeaning(code)}`)}${counts ? `  (${counts})` : ''}`];
  const swept = sweepLines(j.sweep, t);
  if (swept.length > 0) lines.push(`end-of-run sweep (objects labelled chaos.run/run-id=${j.runId}):`, ...swept);
  if (j.fatal) lines.push(t.fail(`internal error during the run (faults reverted first): ${j.fatal.split('\n')[0]}`), 'This is a bug in chaos; please report it with the output above.');
  if (hasLeftovers(j)) {
    lines.push(
      '',
      t.fail(t.bold('!! A fault may still be active in the cluster. Remove it with:')),
      '',
      `     ${t.bold(t.code(cleanupCommand(j)))}`,
    );
  }
  return lines;
}

/** The summary block, without a trailing newline (the caller prints it as a line). */
export function formatRunSummary(j: RunJournal, theme: Theme = plainTheme, secrets: readonly string[] = []): string {
  const run = redactDeep(j, secrets);
  const blocks = run.experiments.map((e) => experimentLines(e, theme).join('\n'));
  return redact([...blocks, runLines(run, theme).join('\n')].join('\n\n'), secrets);
}
