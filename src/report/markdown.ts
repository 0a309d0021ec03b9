// `--report markdown`: a pull-request / $GITHUB_STEP_SUMMARY summary in GitHub-flavoured Markdown.
import type { CriterionResult, ExperimentJournal, RunJournal } from '../lifecycle/journal.js';
import {
  cleanupCommand,
  findStage,
  hasLeftovers,
  hookOutcome,
  overallVerdict,
  refText,
  runExitCode,
  stageDurationMs,
  verdictCountsText,
} from './facts.js';
import {
  CRITERION_EMOJI,
  exitMeaning,
  formatDuration,
  formatTimestamp,
  VERDICT_EMOJI,
  VERDICT_LABEL,
} from './format-value.js';
import { expectedText, observedText, unmatchedHooks, verdictText } from './criterion-text.js';
import { escapeXml } from './escape.js';
import { redact, redactDeep } from '../redact.js';

/** Plain text in a table cell or paragraph: nothing in it may become markup, a link or a new row. */
function text(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~#!]/g, (c) => `\\${c}`).replace(/&/g, '&amp;');
}

/** Inline code: a fence longer than any backtick run inside; `|` still escaped for GFM tables. */
function code(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A collapsed code block; the fence outgrows any backtick run in the text. */
function outputBlock(summary: string, body: string): string[] {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return ['<details>', `<summary>${escapeXml(summary)}</summary>`, '', fence, body.replace(/\r?\n$/, ''), fence, '', '</details>', ''];
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function criteriaTable(criteria: CriterionResult[]): string[] {
  if (criteria.length === 0) return [];
  return [
    row(['Criterion', 'Expected', 'Worst observed', 'Verdict']),
    row(['---', '---', '---', '---']),
    ...criteria.map((c) =>
      row([
        code(c.label),
        code(expectedText(c)),
        text(observedText(c)),
        `${CRITERION_EMOJI[c.verdict]} ${verdictText(c)}${c.reason && c.verdict !== 'met' ? ` — ${text(c.reason)}` : ''}`,
      ]),
    ),
    '',
  ];
}

function revertText(e: ExperimentJournal): string {
  if (e.leftovers.length > 0) return `🚨 **LEFT BEHIND:** ${e.leftovers.map((r) => code(refText(r))).join(', ')}`;
  if (e.applied.length === 0) return 'nothing was applied';
  const ms = stageDurationMs(findStage(e, 'revert'));
  return `reverted ${e.applied.length} object(s)${ms === undefined ? '' : ` in ${formatDuration(ms)}`}`;
}

function experimentSection(e: ExperimentJournal): string[] {
  const lines = [`### ${VERDICT_EMOJI[e.verdict]} ${text(e.name)} — ${VERDICT_LABEL[e.verdict]}`, ''];
  if (e.description) lines.push(text(e.description), '');
  if (e.reason) lines.push(`> ${text(e.reason)}`, '');
  if (e.abortReason && !(e.reason ?? '').includes(e.abortReason)) lines.push(`> aborted: ${text(e.abortReason)}`, '');
  if (e.hint) lines.push(`> hint: ${text(e.hint)}`, '');
  lines.push(...criteriaTable(e.criteria));
  const hooks = unmatchedHooks(e);
  if (hooks.length > 0) {
    lines.push(row(['Hook', 'Phase', 'Outcome', 'Took']), row(['---', '---', '---', '---']));
    for (const h of hooks) lines.push(row([code(h.name), h.phase, `${h.ok ? '✅' : '❌'} ${text(hookOutcome(h))}`, formatDuration(h.durationMs)]));
    lines.push('');
  }
  for (const h of e.hooks.filter((x) => !x.ok && x.outputTail.trim())) lines.push(...outputBlock(`hook ${h.phase} ${h.name}: last output`, h.outputTail));
  const facts = [
    `**Fault:** ${code(e.faultType)} in ${code(e.namespace)}, window ${formatDuration(e.windowMs)}`,
    `**Revert:** ${revertText(e)}`,
    e.recoveryMs === undefined ? undefined : `**Recovery:** ${formatDuration(e.recoveryMs)}`,
    `**Source:** ${code(`${e.source.file}:${e.source.line}`)}`,
  ].filter(Boolean);
  lines.push(facts.join(' · '), '');
  return lines;
}

export function formatMarkdown(j: RunJournal, secrets: readonly string[] = []): string {
  const run = redactDeep(j, secrets);
  const verdict = overallVerdict(run);
  const exit = runExitCode(run);
  const lines = [
    `## ${VERDICT_EMOJI[verdict]} chaos: ${VERDICT_LABEL[verdict]}`,
    '',
    [
      `Run ${code(run.runId)}`,
      `exit ${exit} (${exitMeaning(exit)})`,
      run.cluster ? `context ${code(run.cluster.context)}` : undefined,
      formatTimestamp(run.startedAt),
      verdictCountsText(run),
    ]
      .filter(Boolean)
      .join(' · '),
    '',
  ];
  if (hasLeftovers(run)) {
    lines.push('> [!CAUTION]', '> A fault may still be active in the cluster. Remove it with:', '>', '> ```sh', `> ${cleanupCommand(run)}`, '> ```', '');
  }
  if (run.experiments.length > 0) {
    lines.push(row(['Experiment', 'Verdict', 'Fault', 'Criteria met', 'Recovery']), row(['---', '---', '---', '---', '---']));
    for (const e of run.experiments) {
      const met = e.criteria.filter((c) => c.verdict === 'met').length;
      lines.push(
        row([
          text(e.name),
          `${VERDICT_EMOJI[e.verdict]} ${VERDICT_LABEL[e.verdict]}`,
          code(e.faultType),
          `${met}/${e.criteria.length}`,
          e.recoveryMs === undefined ? '—' : formatDuration(e.recoveryMs),
        ]),
      );
    }
    lines.push('');
  }
  for (const e of run.experiments) lines.push(...experimentSection(e));
  return redact(`${lines.join('\n').trimEnd()}\n`, secrets);
}
