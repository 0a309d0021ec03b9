// The stages of one experiment as horizontal bars on a shared time axis, the fault window shaded.
import type { ExperimentJournal } from '../lifecycle/journal.js';
import { escapeAttr, escapeXml } from './escape.js';
import { experimentEnd, stageDurationMs } from './facts.js';
import { formatDuration } from './format-value.js';
import { linear, round } from './svg-scale.js';

const W = 720;
const ROW = 22;
const LABEL = 84;
const RIGHT = 80;

function barColor(ok: boolean | undefined): string {
  if (ok === undefined) return '#8c959f';
  return ok ? '#1a7f37' : '#cf222e';
}

export function stagesTimeline(e: ExperimentJournal): string {
  const t0 = e.startedAt;
  const t1 = Math.max(t0 + 1000, experimentEnd(e));
  const x = linear(t0, t1, LABEL, W - RIGHT);
  const h = e.stages.length * ROW + 8;
  const parts = [`<svg class="timeline" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${escapeAttr(`stages of ${e.name}`)}" font-family="system-ui, sans-serif">`];
  if (e.injectedAt !== undefined) {
    const from = x(e.injectedAt);
    const to = x(e.revertedAt ?? t1);
    parts.push(`<rect class="fault-window" x="${from}" y="0" width="${round(Math.max(0, to - from))}" height="${h}" fill="rgba(207,34,46,0.10)"/>`);
  }
  e.stages.forEach((s, i) => {
    const top = 4 + i * ROW;
    const from = x(s.startedAt);
    const width = Math.max(2, round(x(s.endedAt ?? t1) - from));
    const took = stageDurationMs(s);
    const status = s.ok === undefined ? 'unfinished' : s.ok ? 'ok' : 'failed';
    const title = [s.name, status, took === undefined ? undefined : formatDuration(took), s.error ?? s.detail].filter(Boolean).join(' · ');
    parts.push(
      `<text x="4" y="${top + 14}" font-size="12" fill="#24292f">${escapeXml(s.name)}</text>`,
      `<rect class="stage stage-${status}" x="${from}" y="${top + 2}" width="${width}" height="${ROW - 6}" rx="3" fill="${barColor(s.ok)}"><title>${escapeXml(title)}</title></rect>`,
      `<text x="${round(from + width + 4)}" y="${top + 14}" font-size="11" fill="#57606a">${took === undefined ? status : formatDuration(took)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
