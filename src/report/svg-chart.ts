// One inline SVG chart per criterion: samples over time, baseline / fault window / recovery shaded,
// the threshold dashed, breaches (or an abort condition holding) in red, missing data as grey ticks.
// No script, no external asset.
import type { CriterionResult, Sample } from '../lifecycle/journal.js';
import { expectedText, isBadSample } from './criterion-text.js';
import { escapeXml } from './escape.js';
import { formatDuration, formatValue } from './format-value.js';
import { el, linear, niceDomain, round, type Scale, timeTicks } from './svg.js';

export interface ChartWindow {
  injectedAt?: number | undefined;
  revertedAt?: number | undefined;
  recoveredAt?: number | undefined;
}

const W = 720;
const H = 240;
const PLOT = { x0: 72, x1: W - 104, y0: 22, y1: H - 42 };
const COLOR = { line: '#0969da', bad: '#cf222e', noData: '#8c959f', threshold: '#9a6700', axis: '#57606a', text: '#24292f' };
const SMALL = { 'font-size': 11, fill: COLOR.axis };

function hasValue(s: Sample): s is Sample & { value: number } {
  return s.state !== 'no-data' && s.value !== undefined && Number.isFinite(s.value);
}

const since = (t: number, origin: number): string => (t === origin ? '0' : t > origin ? `+${formatDuration(t - origin)}` : formatDuration(t - origin));

function region(cls: string, label: string, fill: string, from: number, to: number, last = false): string {
  if (to - from < 0.5) return '';
  const rect = el('rect', { class: cls, x: from, y: PLOT.y0, width: round(to - from), height: PLOT.y1 - PLOT.y0, fill });
  // the label only where it fits (about 7px a character) or nothing follows, so labels never overprint
  const fits = last || to - from >= label.length * 7 + 8;
  return fits ? rect + el('text', { class: 'region-label', x: round(from + 4), y: PLOT.y0 - 6, ...SMALL }, label) : rect;
}

function regions(w: ChartWindow, x: Scale, t0: number, t1: number): string[] {
  const out: string[] = [];
  if (w.injectedAt !== undefined) {
    out.push(region('baseline-window', 'baseline', '#f6f8fa', x(t0), x(w.injectedAt)));
    out.push(region('fault-window', 'fault', 'rgba(207,34,46,0.12)', x(w.injectedAt), x(w.revertedAt ?? t1)));
  }
  if (w.revertedAt !== undefined) out.push(region('recovery-window', 'recovery', 'rgba(9,105,218,0.08)', x(w.revertedAt), x(w.recoveredAt ?? t1), true));
  return out;
}

function axes(c: CriterionResult, x: Scale, y: Scale, yTicks: number[], origin: number, fromInjection: boolean): string[] {
  const [t0, t1] = x.domain;
  const out: string[] = [];
  for (const v of yTicks) {
    out.push(
      el('line', { class: 'grid', x1: PLOT.x0, x2: PLOT.x1, y1: y(v), y2: y(v), stroke: '#eaeef2' }),
      el('text', { class: 'tick', x: PLOT.x0 - 6, y: round(y(v) + 4), 'text-anchor': 'end', ...SMALL }, escapeXml(formatValue(v, c.unit))),
    );
  }
  for (const t of timeTicks(t0, t1, origin, 8)) {
    out.push(
      el('line', { class: 'tick', x1: x(t), x2: x(t), y1: PLOT.y1, y2: PLOT.y1 + 4, stroke: COLOR.axis }),
      el('text', { class: 'tick', x: x(t), y: PLOT.y1 + 16, 'text-anchor': 'middle', ...SMALL }, since(t, origin)),
    );
  }
  const label = { 'text-anchor': 'middle', 'font-size': 12, fill: COLOR.text };
  out.push(
    el('line', { class: 'axis', x1: PLOT.x0, x2: PLOT.x1, y1: PLOT.y1, y2: PLOT.y1, stroke: COLOR.axis }),
    el('line', { class: 'axis', x1: PLOT.x0, x2: PLOT.x0, y1: PLOT.y0, y2: PLOT.y1, stroke: COLOR.axis }),
    el('text', { class: 'axis-label', x: round((PLOT.x0 + PLOT.x1) / 2), y: H - 6, ...label }, fromInjection ? 'time since injection' : 'time since first sample'),
    el('text', { class: 'axis-label', transform: `translate(14 ${round((PLOT.y0 + PLOT.y1) / 2)}) rotate(-90)`, ...label }, escapeXml(c.metric ?? 'value')),
  );
  return out;
}

function threshold(c: CriterionResult, y: Scale): string[] {
  // A baseline-relative criterion without a baseline has no threshold to draw.
  if (c.baseline && c.baseline.value === undefined) return [];
  const ty = y(c.threshold);
  return [
    ...baselineBand(c, y),
    el('line', { class: 'threshold', x1: PLOT.x0, x2: PLOT.x1, y1: ty, y2: ty, stroke: COLOR.threshold, 'stroke-width': 1.5, 'stroke-dasharray': '6 4' }),
    el('text', { class: 'threshold-label', x: PLOT.x1 + 6, y: round(ty + 4), 'font-size': 11, fill: COLOR.threshold }, escapeXml(expectedText(c))),
  ];
}

/** The baseline read before injection as a line, and the band up to the threshold it allows. */
function baselineBand(c: CriterionResult, y: Scale): string[] {
  const v = c.baseline?.value;
  if (v === undefined) return [];
  const [top, bottom] = [Math.min(y(v), y(c.threshold)), Math.max(y(v), y(c.threshold))];
  return [
    el('rect', { class: 'baseline-band', x: PLOT.x0, y: top, width: PLOT.x1 - PLOT.x0, height: round(bottom - top), fill: 'rgba(154,103,0,0.08)' }),
    el('line', { class: 'baseline', x1: PLOT.x0, x2: PLOT.x1, y1: y(v), y2: y(v), stroke: COLOR.axis, 'stroke-width': 1, 'stroke-dasharray': '2 3' }),
    el('text', { class: 'baseline-label', x: PLOT.x1 + 6, y: round(y(v) + 4), ...SMALL }, escapeXml(`baseline ${formatValue(v, c.unit)}`)),
  ];
}

/** The polyline, broken where there was no data, then one mark per sample with a tooltip. */
function series(c: CriterionResult, samples: Sample[], x: Scale, y: Scale, origin: number): string[] {
  const lines: string[] = [];
  const marks: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 1) lines.push(el('polyline', { class: 'series', points: run.join(' '), fill: 'none', stroke: COLOR.line, 'stroke-width': 1.5 }));
    run = [];
  };
  for (const s of samples) {
    const what = hasValue(s) ? `${formatValue(s.value, c.unit)} (${s.state})` : `no data${s.error ? `: ${s.error}` : ''}`;
    const title = el('title', {}, escapeXml(`${since(s.t, origin)} ${s.phase}: ${what}`));
    if (!hasValue(s)) {
      flush();
      marks.push(el('line', { class: 'no-data', x1: x(s.t), x2: x(s.t), y1: PLOT.y1, y2: PLOT.y1 - 10, stroke: COLOR.noData, 'stroke-width': 2 }, title));
      continue;
    }
    run.push(`${x(s.t)},${y(s.value)}`);
    const bad = isBadSample(c, s);
    const point = { class: `point ${bad ? 'breached' : 'met'}`, cx: x(s.t), cy: y(s.value), r: bad ? 4.5 : 3, fill: bad ? COLOR.bad : COLOR.line };
    marks.push(el('circle', point, title));
  }
  flush();
  return [...lines, ...marks];
}

export function criterionChart(c: CriterionResult, w: ChartWindow): string {
  const samples = [...c.samples].sort((a, b) => a.t - b.t);
  const instants = [...samples.map((s) => s.t), w.injectedAt, w.revertedAt, w.recoveredAt].filter((t): t is number => t !== undefined);
  const frame = { class: 'chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `${c.label} over time` };
  const svg = (inner: string): string => el('svg', { ...frame, 'font-family': 'system-ui, sans-serif' }, inner);
  if (instants.length === 0) return svg(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', fill: COLOR.noData }, 'no samples recorded'));

  const t0 = Math.min(...instants);
  const t1 = Math.max(t0 + 1000, ...instants);
  const origin = w.injectedAt ?? t0;
  const x = linear(t0, t1, PLOT.x0, PLOT.x1);
  const values = [...samples.filter(hasValue).map((s) => s.value), c.threshold, ...(c.baseline?.value !== undefined ? [c.baseline.value] : [])];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values);
  // bool metrics get exactly false/true; others a little headroom above the highest value
  const dom = c.unit === 'bool' ? { lo: 0, hi: 1, ticks: [0, 1] } : niceDomain(lo, hi === lo ? lo + 1 : hi + (hi - lo) * 0.1, 4);
  const y = linear(dom.lo, dom.hi, PLOT.y1, PLOT.y0);
  const parts = [
    ...regions(w, x, t0, t1),
    ...axes(c, x, y, dom.ticks, origin, w.injectedAt !== undefined),
    ...threshold(c, y),
    ...series(c, samples, x, y, origin),
  ];
  return svg(parts.join(''));
}
