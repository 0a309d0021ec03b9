// `--report html`: one self-contained file (inline CSS and SVG, no script, nothing fetched) with a
// chart per criterion, the stages timeline and the applied manifests. Also well-formed XML.
import { stringify } from 'yaml';
import type { CriterionResult, ExperimentJournal, RunJournal } from '../lifecycle/journal.js';
import { escapeAttr, escapeXml as esc } from './escape.js';
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
  exitMeaning,
  formatDuration,
  formatTimestamp,
  VERDICT_LABEL,
} from './format-value.js';
import { expectedText, observedText, verdictText } from './criterion-text.js';
import { HTML_STYLE } from './html-style.js';
import { redact, redactDeep } from '../redact.js';
import { criterionChart } from './svg-chart.js';
import { stagesTimeline } from './svg-timeline.js';

/** A table from already-escaped cells. */
function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const badge = (cls: string, label: string): string => `<span class="badge ${cls}">${esc(label)}</span>`;

/** Experiment names are DNS-1123 labels, so they make safe fragment ids. */
const anchor = (name: string): string => `exp-${name.replace(/[^a-z0-9-]/gi, '-')}`;

function criteriaTable(criteria: CriterionResult[]): string {
  const rows = criteria.map((c) => [
    `<code>${esc(c.label)}</code>`,
    `<code>${esc(expectedText(c))}</code>`,
    esc(observedText(c)),
    `${badge(`c-${c.verdict}`, verdictText(c))}${c.reason && c.verdict !== 'met' ? ` ${esc(c.reason)}` : ''}`,
    esc(c.kind === 'abort' ? 'abort' : c.kind === 'effect' ? 'effect' : c.when),
  ]);
  return table(['criterion', 'expected', 'worst observed', 'verdict', 'when'], rows);
}

/** A chart per criterion with samples over time; hook criteria are exit statuses, shown in the hooks table. */
function charts(e: ExperimentJournal): string {
  const window = { injectedAt: e.injectedAt, revertedAt: e.revertedAt, recoveredAt: e.recoveredAt };
  return e.criteria
    .filter((c) => c.kind !== 'hook')
    .map(
      (c) =>
        `<figure data-criterion="${escapeAttr(c.label)}"><figcaption><code>${esc(c.label)}</code> ${badge(`c-${c.verdict}`, verdictText(c))}</figcaption>` +
        `${criterionChart(c, window)}</figure>`,
    )
    .join('\n');
}

function hooksSection(e: ExperimentJournal): string {
  if (e.hooks.length === 0) return '';
  const rows = e.hooks.map((h) => [
    `<code>${esc(h.name)}</code>`,
    esc(h.phase),
    `${badge(h.ok ? 'c-met' : 'c-breached', h.ok ? 'ok' : 'failed')} ${esc(hookOutcome(h))}`,
    esc(formatDuration(h.durationMs)),
    `<details><summary><code>${esc(h.command.join(' '))}</code></summary><pre>${esc(h.outputTail)}</pre></details>`,
  ]);
  return `<h3>Hooks</h3>${table(['hook', 'phase', 'outcome', 'took', 'command and output'], rows)}`;
}

function revertSection(e: ExperimentJournal): string {
  if (e.leftovers.length > 0) {
    return `<p class="leftovers"><strong>LEFT BEHIND:</strong> ${e.leftovers.map((r) => `<code>${esc(refText(r))}</code>`).join(', ')}</p>`;
  }
  if (e.applied.length === 0) return '<p>Revert: nothing was applied.</p>';
  const ms = stageDurationMs(findStage(e, 'revert'));
  return `<p>Revert: removed ${e.applied.map((r) => `<code>${esc(refText(r))}</code>`).join(', ')}${ms === undefined ? '' : ` in ${esc(formatDuration(ms))}`}.</p>`;
}

function experimentSection(e: ExperimentJournal): string {
  const facts = [
    `fault <code>${esc(e.faultType)}</code>`,
    `namespace <code>${esc(e.namespace)}</code>`,
    `window ${esc(formatDuration(e.windowMs))}`,
    e.targets ? `targets ${e.targets.ready}/${e.targets.total} ready` : '',
    e.recoveryMs === undefined ? '' : `recovered in ${esc(formatDuration(e.recoveryMs))}`,
    `<code>${esc(`${e.source.file}:${e.source.line}`)}</code>`,
  ].filter(Boolean);
  const notes = [
    e.description ? `<p>${esc(e.description)}</p>` : '',
    e.reason ? `<p class="reason">${esc(e.reason)}</p>` : '',
    e.abortReason && !(e.reason ?? '').includes(e.abortReason) ? `<p class="reason">aborted: ${esc(e.abortReason)}</p>` : '',
    e.hint ? `<p class="reason">hint: ${esc(e.hint)}</p>` : '',
  ];
  const manifests =
    e.manifests.length === 0
      ? ''
      : `<details><summary>Applied manifests (${e.manifests.length})</summary><pre>${esc(e.manifests.map((m) => stringify(m)).join('---\n'))}</pre></details>`;
  return [
    `<section class="experiment" id="${anchor(e.name)}">`,
    `<h2>${esc(e.name)} ${badge(`v-${e.verdict}`, VERDICT_LABEL[e.verdict])}</h2>`,
    `<p class="meta">${facts.join(' · ')}</p>`,
    ...notes,
    '<h3>Stages</h3>',
    stagesTimeline(e),
    e.criteria.length ? `<h3>Criteria</h3>${criteriaTable(e.criteria)}` : '',
    e.criteria.length
      ? '<p class="legend">Grey: baseline · red band: fault window · blue band: recovery · dashed: threshold · dotted: baseline (shaded up to the threshold it allows) · red dots: breaches · grey ticks: no data.</p>'
      : '',
    charts(e),
    hooksSection(e),
    '<h3>Revert</h3>',
    revertSection(e),
    manifests,
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

function summaryTable(j: RunJournal): string {
  const rows = j.experiments.map((e) => [
    `<a href="#${anchor(e.name)}">${esc(e.name)}</a>`,
    badge(`v-${e.verdict}`, VERDICT_LABEL[e.verdict]),
    `<code>${esc(e.faultType)}</code>`,
    `${e.criteria.filter((c) => c.verdict === 'met').length}/${e.criteria.length}`,
    esc(e.reason ?? ''),
  ]);
  return table(['experiment', 'verdict', 'fault', 'criteria met', 'reason'], rows);
}

export function formatHtml(j: RunJournal, secrets: readonly string[] = []): string {
  const run = redactDeep(j, secrets);
  const verdict = overallVerdict(run);
  const code = runExitCode(run);
  const meta = [
    `run <code>${esc(run.runId)}</code>`,
    `exit ${code} (${esc(exitMeaning(code))})`,
    esc(formatTimestamp(run.startedAt)),
    run.cluster ? `context <code>${esc(run.cluster.context)}</code> (${esc(run.cluster.server)})` : '',
    run.prometheus ? `Prometheus <code>${esc(run.prometheus.url)}</code>` : '',
    esc(verdictCountsText(run)),
    `${esc(run.tool.name)} ${esc(run.tool.version)}`,
  ].filter(Boolean);
  const leftovers = hasLeftovers(run)
    ? `<p class="leftovers"><strong>A fault may still be active in the cluster.</strong> Remove it with <code>${esc(cleanupCommand(run))}</code></p>`
    : '';
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    `<title>${esc(`chaos ${VERDICT_LABEL[verdict]} — run ${run.runId}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>chaos run ${badge(`v-${verdict}`, VERDICT_LABEL[verdict])}</h1><p class="meta">${meta.join(' · ')}</p></header>`,
    leftovers,
    summaryTable(run),
    ...run.experiments.map(experimentSection),
    '</body>',
    '</html>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
  return redact(`${html}\n`, secrets);
}
