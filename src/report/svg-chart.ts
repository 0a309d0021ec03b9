// One inline SVG chart per criterion: samples over time, baseline / fault window / recovery shaded,
// the threshold dashed, breaches (or an abort condition holding) in red, missing data as grey ticks. No script, no external asset.
import type { CriterionResult, Sample } from '../lifecycle/journal.js';
import { escapeAttr, escapeXml } from './escape.js';
import { expectedText, isBadSample } from './criterion-text.js';
import { formatDuration, formatValue } from './format-value.js';
import { linear, niceDomain, round, timeTicks } from './svg-scale.js';

export interface ChartWindow {
  injectedAt?: number | undefined;
  revertedAt?: number | undefined;
  recoveredAt?: number | undefined;
}

const W = 720;
const H = 240;
const M = { left: 72, right: 104, top: 22, bottom: 42 };
const PLOT = { x0: M.left, x1: W - M.right, y0: M.top, y1: H - M.bottom };

const CHART_COLORS = { series: '#0969da', met: '#0969da', breached: '#cf222e', noData: '#8c959f', threshold: '#9a6700' };

function hasValue(s: Sample): s is Sample & { value: number } {
  return s.state !== 'no-data' && s.value !== undefined && Number.isFinite(s.value);
}

function region(cls: string, label: string, fill: string, from: number, to: number, last = false): string {
  if (to - from < 0.5) return '';
  // the label only where it fits (about 7px a character) or nothing follows, so labels never overprint
  const text = last || to - from >= label.length * 7 + 8 ? `<text class="region-label" x="${round(from + 4)}" y="${PLOT.y0 - 6}" font-size="11" fill="#57606a">${label}</text>` : '';
  return `<rect class="${cls}" x="${from}" y="${PLOT.y0}" width="${round(to - from)}" height="${PLOT.y1 - PLOT.y0}" fill="${fill}"/>${text}`;
}

function sampleTitle(s: Sample, origin: number, unit: string | undefined): string {
  const at = s.t >= origin ? `+${formatDuration(s.t - origin)}` : formatDuration(s.t - origin);
  const what = s.state === 'no-data' ? `no data${s.error ? `: ${s.error}` : ''}` : `${formatValue(s.value, unit)} (${s.state})`;
  return `<title>${escapeXml(`${at} ${s.phase}: ${what}`)}</title>`;
}

export function criterionChart(c: CriterionResult, w: ChartWindow): string {
  const samples = [...c.samples].sort((a, b) => a.t - b.t);
  const instants = [...samples.map((s) => s.t), w.injectedAt, w.revertedAt, w.recoveredAt].filter((t): t is number => t !== undefined);
  const open = `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeAttr(`${c.label} over time`)}" font-family="system-ui, sans-serif">`;
  if (instants.length === 0) {
    return `${open}<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="${CHART_COLORS.noData}">no samples recorded</text></svg>`;
  }
  const t0 = Math.min(...instants);
  const t1 = Math.max(t0 + 1000, ...instants);
  const origin = w.injectedAt ?? t0;
  const x = linear(t0, t1, PLOT.x0, PLOT.x1);

  const values = [...samples.filter(hasValue).map((s) => s.value), c.threshold];
  const isBool = c.unit === 'bool';
  const rawLo = isBool ? 0 : Math.min(0, ...values);
  const rawHi = isBool ? 1 : Math.max(...values);
  const dom = isBool ? { lo: 0, hi: 1, ticks: [0, 1] } : niceDomain(rawLo, rawHi === rawLo ? rawLo + 1 : rawHi * 1.1 - rawLo * 0.1, 4);
  const y = linear(dom.lo, dom.hi, PLOT.y1, PLOT.y0);

  const parts: string[] = [open];
  // regions: baseline before injection, the fault window shaded, recovery after removal
  const faultEnd = w.revertedAt ?? t1;
  if (w.injectedAt !== undefined) {
    parts.push(region('baseline-window', 'baseline', '#f6f8fa', x(t0), x(w.injectedAt)));
    parts.push(region('fault-window', 'fault', 'rgba(207,34,46,0.12)', x(w.injectedAt), x(faultEnd)));
  }
  if (w.revertedAt !== undefined) parts.push(region('recovery-window', 'recovery', 'rgba(9,105,218,0.08)', x(w.revertedAt), x(w.recoveredAt ?? t1), true));

  // axes and grid
  for (const v of dom.ticks) {
    parts.push(
      `<line class="grid" x1="${PLOT.x0}" x2="${PLOT.x1}" y1="${y(v)}" y2="${y(v)}" stroke="#eaeef2"/>`,
      `<text class="tick" x="${PLOT.x0 - 6}" y="${round(y(v) + 4)}" text-anchor="end" font-size="11" fill="#57606a">${escapeXml(formatValue(v, c.unit))}</text>`,
    );
  }
  for (const t of timeTicks(t0, t1, origin, 8)) {
    const label = t === origin ? '0' : t > origin ? `+${formatDuration(t - origin)}` : formatDuration(t - origin);
    parts.push(
      `<line class="tick" x1="${x(t)}" x2="${x(t)}" y1="${PLOT.y1}" y2="${PLOT.y1 + 4}" stroke="#57606a"/>`,
      `<text class="tick" x="${x(t)}" y="${PLOT.y1 + 16}" text-anchor="middle" font-size="11" fill="#57606a">${label}</text>`,
    );
  }
  parts.push(
    `<line class="axis" x1="${PLOT.x0}" x2="${PLOT.x1}" y1="${PLOT.y1}" y2="${PLOT.y1}" stroke="#57606a"/>`,
    `<line class="axis" x1="${PLOT.x0}" x2="${PLOT.x0}" y1="${PLOT.y0}" y2="${PLOT.y1}" stroke="#57606a"/>`,
    `<text class="axis-label" x="${round((PLOT.x0 + PLOT.x1) / 2)}" y="${H - 6}" text-anchor="middle" font-size="12" fill="#24292f">${w.injectedAt === undefined ? 'time since first sample' : 'time since injection'}</text>`,
    `<text class="axis-label" transform="translate(14 ${round((PLOT.y0 + PLOT.y1) / 2)}) rotate(-90)" text-anchor="middle" font-size="12" fill="#24292f">${escapeXml(c.metric ?? 'value')}</text>`,
  );

  // threshold
  const ty = y(c.threshold);
  parts.push(
    `<line class="threshold" x1="${PLOT.x0}" x2="${PLOT.x1}" y1="${ty}" y2="${ty}" stroke="${CHART_COLORS.threshold}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text class="threshold-label" x="${PLOT.x1 + 6}" y="${round(ty + 4)}" font-size="11" fill="${CHART_COLORS.threshold}">${escapeXml(expectedText(c))}</text>`,
  );

  // the series, broken where there was no data
  let run: string[] = [];
  const lines: string[] = [];
  const flush = (): void => {
    if (run.length > 1) lines.push(`<polyline class="series" points="${run.join(' ')}" fill="none" stroke="${CHART_COLORS.series}" stroke-width="1.5"/>`);
    run = [];
  };
  const marks: string[] = [];
  for (const s of samples) {
    if (!hasValue(s)) {
      flush();
      marks.push(`<line class="no-data" x1="${x(s.t)}" x2="${x(s.t)}" y1="${PLOT.y1}" y2="${PLOT.y1 - 10}" stroke="${CHART_COLORS.noData}" stroke-width="2">${sampleTitle(s, origin, c.unit)}</line>`);
      continue;
    }
    run.push(`${x(s.t)},${y(s.value)}`);
    const breached = isBadSample(c, s);
    marks.push(
      `<circle class="point ${breached ? 'breached' : 'met'}" cx="${x(s.t)}" cy="${y(s.value)}" r="${breached ? 4.5 : 3}" fill="${breached ? CHART_COLORS.breached : CHART_COLORS.met}">${sampleTitle(s, origin, c.unit)}</circle>`,
    );
  }
  flush();
  parts.push(...lines, ...marks, '</svg>');
  return parts.filter(Boolean).join('');
}
