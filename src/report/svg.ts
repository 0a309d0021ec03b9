// Building blocks of the inline SVG charts: an element writer that escapes every attribute, linear
// scales and "nice" ticks. Coordinates are rounded so the same journal renders byte-identical SVG.
import { escapeAttr } from './escape.js';

type Attrs = Record<string, string | number | undefined>;

/** `<name a="…">inner</name>`, or self-closing without inner; `inner` is markup, already escaped. */
export function el(name: string, attrs: Attrs, inner?: string): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  return inner === undefined ? `<${name}${a}/>` : `<${name}${a}>${inner}</${name}>`;
}

export interface Scale {
  (v: number): number;
  domain: [number, number];
}

export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0 || 1;
  const f = ((v: number) => round(r0 + ((v - d0) / span) * (r1 - r0))) as Scale;
  f.domain = [d0, d1];
  return f;
}

export function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** 1, 2 or 5 × 10^k, the smallest such step giving at most `maxTicks` intervals over `span`. */
function niceStep(span: number, maxTicks: number): number {
  const raw = span / Math.max(1, maxTicks);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

/** Extends [lo, hi] to whole steps and lists the ticks. */
export function niceDomain(lo: number, hi: number, maxTicks: number): { lo: number; hi: number; ticks: number[] } {
  const step = niceStep(hi - lo, maxTicks);
  const nlo = Math.floor(lo / step) * step;
  const nhi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = nlo; v <= nhi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { lo: nlo, hi: nhi, ticks };
}

const TIME_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800].map((s) => s * 1000);

/** Time ticks at whole steps from `origin` (the injection), covering [t0, t1]. */
export function timeTicks(t0: number, t1: number, origin: number, maxTicks: number): number[] {
  const step = TIME_STEPS_MS.find((s) => (t1 - t0) / s <= maxTicks) ?? (TIME_STEPS_MS[TIME_STEPS_MS.length - 1] as number);
  const ticks: number[] = [];
  for (let k = Math.ceil((t0 - origin) / step); origin + k * step <= t1; k++) ticks.push(origin + k * step);
  return ticks;
}
