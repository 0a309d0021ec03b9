// The stages of one experiment as horizontal bars on a shared time axis, the fault window shaded.
import type { ExperimentJournal, StageRecord } from '../lifecycle/journal.js';
import { escapeXml } from './escape.js';
import { experimentEnd, stageDurationMs } from './facts.js';
import { formatDuration } from './format-value.js';
import { el, round, type Scale, linear } from './svg.js';

const W = 720;
const ROW = 22;
const LABEL = 84;
const RIGHT = 80;
const COLOR = { ok: '#1a7f37', failed: '#cf222e', unfinished: '#8c959f' };

function stageRow(s: StageRecord, i: number, x: Scale, end: number): string {
  const top = 4 + i * ROW;
  const from = x(s.startedAt);
  const width = Math.max(2, round(x(s.endedAt ?? end) - from));
  const took = stageDurationMs(s);
  const status = s.ok === undefined ? 'unfinished' : s.ok ? 'ok' : 'failed';
  const title = [s.name, status, took === undefined ? undefined : formatDuration(took), s.error ?? s.detail].filter(Boolean).join(' · ');
  return [
    el('text', { x: 4, y: top + 14, 'font-size': 12, fill: '#24292f' }, escapeXml(s.name)),
    el('rect', { class: `stage stage-${status}`, x: from, y: top + 2, width, height: ROW - 6, rx: 3, fill: COLOR[status] }, el('title', {}, escapeXml(title))),
    el('text', { x: round(from + width + 4), y: top + 14, 'font-size': 11, fill: '#57606a' }, took === undefined ? status : formatDuration(took)),
  ].join('');
}

export function stagesTimeline(e: ExperimentJournal): string {
  const t0 = e.startedAt;
  const t1 = Math.max(t0 + 1000, experimentEnd(e));
  const x = linear(t0, t1, LABEL, W - RIGHT);
  const h = e.stages.length * ROW + 8;
  let fault = '';
  if (e.injectedAt !== undefined) {
    const from = x(e.injectedAt);
    const width = round(Math.max(0, x(e.revertedAt ?? t1) - from));
    fault = el('rect', { class: 'fault-window', x: from, y: 0, width, height: h, fill: 'rgba(207,34,46,0.10)' });
  }
  const rows = e.stages.map((s, i) => stageRow(s, i, x, t1));
  const attrs = { class: 'timeline', viewBox: `0 0 ${W} ${h}`, width: W, height: h, role: 'img', 'aria-label': `stages of ${e.name}` };
  return el('svg', { ...attrs, 'font-family': 'system-ui, sans-serif' }, fault + rows.join(''));
}
