// The comparison of several runs as text, markdown and a self-contained HTML page (see compare.ts).
import type { Comparison, ComparedExperiment } from './compare.js';
import { scoreText } from './compare.js';
import { escapeXml as esc } from './escape.js';
import { formatDuration, formatTimestamp, VERDICT_LABEL } from './format-value.js';
import { HTML_STYLE } from './html-style.js';
import { renderTable, type Cell } from './text-table.js';
import { plainTheme, type Theme } from './theme.js';

const TREND = { better: 'improved ↓', worse: 'worse ↑', same: 'about the same' } as const;

function runHeader(c: Comparison): string[] {
  return c.runs.map((r, i) => `#${i + 1} ${r.runId}`);
}

function recoveryRow(e: ComparedExperiment): string[] | undefined {
  if (e.recoveryMs.every((m) => m === undefined)) return undefined;
  return e.recoveryMs.map((m) => (m === undefined ? '—' : formatDuration(m)));
}

export function formatComparisonText(c: Comparison, t: Theme = plainTheme): string {
  const lines = [t.bold(`${c.runs.length} runs compared`), ...c.runs.map((r, i) => `  #${i + 1} ${r.runId}  ${formatTimestamp(r.startedAt)}  exit ${r.exitCode ?? '?'}  score ${scoreText(r.score)}`), ''];
  const widths = [40, ...c.runs.map(() => 18)];
  for (const e of c.experiments) {
    const rows: Cell[][] = [
      [{ text: e.name, paint: t.bold }, ...runHeader(c).map((text) => ({ text, paint: t.dim }))],
      [{ text: 'verdict' }, ...e.verdicts.map((v) => ({ text: v ? VERDICT_LABEL[v] : '—', paint: v === 'passed' ? t.ok : v ? t.fail : t.dim }))],
      [{ text: 'score (met/judged)' }, ...e.scores.map((s) => ({ text: scoreText(s) }))],
      ...e.criteria.map((cr) => [{ text: `${cr.label}` }, ...cr.cells.map((x) => ({ text: x ? `${x.observed} ${x.verdict}` : '—', paint: x?.bad ? t.fail : undefined }))]),
    ];
    const rec = recoveryRow(e);
    if (rec) rows.push([{ text: 'recovery_time' }, ...rec.map((text) => ({ text }))]);
    lines.push(...renderTable(rows, widths, ''));
    if (e.trend) lines.push(t.dim(`  recovery trend: ${TREND[e.trend]}`));
    lines.push('');
  }
  lines.push(t.dim('score = criteria met / criteria judged; no data counts as judged and not met'));
  return lines.join('\n');
}

const md = (s: string) => s.replaceAll('|', '\\|');

export function formatComparisonMarkdown(c: Comparison): string {
  const head = `| | ${runHeader(c).map(md).join(' | ')} |\n|---|${c.runs.map(() => '---').join('|')}|`;
  const out = [`## chaos: ${c.runs.length} runs compared`, '', head, `| **score** | ${c.runs.map((r) => scoreText(r.score)).join(' | ')} |`, ''];
  for (const e of c.experiments) {
    out.push(`### ${md(e.name)}${e.trend ? ` — recovery ${TREND[e.trend]}` : ''}`, '', head);
    out.push(`| verdict | ${e.verdicts.map((v) => (v ? VERDICT_LABEL[v] : '—')).join(' | ')} |`);
    out.push(`| score | ${e.scores.map(scoreText).join(' | ')} |`);
    for (const cr of e.criteria) out.push(`| \`${md(cr.label)}\` | ${cr.cells.map((x) => (x ? `${md(x.observed)} ${x.bad ? '❌' : '✅'}` : '—')).join(' | ')} |`);
    const rec = recoveryRow(e);
    if (rec) out.push(`| recovery_time | ${rec.join(' | ')} |`);
    out.push('');
  }
  out.push('_score = criteria met / criteria judged; no data counts as judged and not met_');
  return out.join('\n');
}

/** recovery_time per run as a small inline SVG line (no script, nothing fetched). */
function sparkline(ms: (number | undefined)[]): string {
  const pts = ms.map((m, i) => [i, m] as const).filter((p): p is readonly [number, number] => p[1] !== undefined);
  if (pts.length < 2) return '';
  const max = Math.max(...pts.map((p) => p[1]), 1);
  const x = (i: number) => 10 + (i * 180) / Math.max(ms.length - 1, 1);
  const y = (v: number) => 50 - (v / max) * 40;
  const d = pts.map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const dots = pts.map(([i, v]) => `<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3"><title>#${i + 1}: ${esc(formatDuration(v))}</title></circle>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" role="img" aria-label="recovery_time per run"><path d="${d}" fill="none" stroke="currentColor"/>${dots}</svg>`;
}

export function formatComparisonHtml(c: Comparison): string {
  const head = `<tr><th></th>${runHeader(c).map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const row = (label: string, cells: string[]) => `<tr><td>${label}</td>${cells.map((x) => `<td>${x}</td>`).join('')}</tr>`;
  const sections = c.experiments.map((e) => {
    const rows = [
      row('verdict', e.verdicts.map((v) => (v ? `<span class="badge ${v === 'passed' ? 'ok' : 'fail'}">${esc(VERDICT_LABEL[v])}</span>` : '—'))),
      row('score', e.scores.map((s) => esc(scoreText(s)))),
      ...e.criteria.map((cr) => row(`<code>${esc(cr.label)}</code>`, cr.cells.map((x) => (x ? `<span class="${x.bad ? 'fail' : 'ok'}">${esc(`${x.observed} ${x.verdict}`)}</span>` : '—')))),
    ];
    const rec = recoveryRow(e);
    if (rec) rows.push(row('recovery_time', rec.map(esc)));
    const trend = e.trend ? `<p>recovery ${esc(TREND[e.trend])} ${sparkline(e.recoveryMs)}</p>` : '';
    return `<section><h2>${esc(e.name)}</h2><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>${trend}</section>`;
  });
  const runs = c.runs.map((r, i) => `<li>#${i + 1} <code>${esc(r.runId)}</code> ${esc(formatTimestamp(r.startedAt))}: exit ${r.exitCode ?? '?'}, score ${esc(scoreText(r.score))}</li>`).join('');
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/><title>chaos: ${c.runs.length} runs compared</title><style>${HTML_STYLE}</style></head><body><main><h1>${c.runs.length} runs compared</h1><ul>${runs}</ul>${sections.join('')}<p><small>score = criteria met / criteria judged; no data counts as judged and not met</small></p></main></body></html>\n`;
}
