// Thresholds relative to the baseline (SPEC §10): "1.5x baseline", "baseline + 0.01", "baseline - 5ms".
// The baseline itself is read from Prometheus history at run time (lifecycle/baseline-threshold.ts).
import type { BaselineRef, BaselineStat } from '../experiment/model.js';
import { parseQuantity, type Quantity } from './units.js';

export interface BaselineExpr {
  factor: number;
  offset: number;
  /** The offset as written (its unit is checked against the metric's), absent for `Nx baseline`. */
  offsetQ?: Quantity | undefined;
  display: string;
}

const FACTOR = /^((?:\d+(?:\.\d*)?|\.\d+))\s*x\s*baseline$/i;
const OFFSET = /^baseline\s*([+-])\s*(.+)$/i;
export const BASELINE_FORMS = 'write "<N>x baseline" (e.g. 1.5x baseline), "baseline + <c>" or "baseline - <c>" (e.g. baseline + 0.01)';

/** undefined: the text does not mention the baseline; a string: it does, but in no form we read. */
export function parseBaselineExpr(input: string | number | boolean): BaselineExpr | string | undefined {
  if (typeof input !== 'string' || !/baseline/i.test(input)) return undefined;
  const text = input.trim();
  const f = FACTOR.exec(text);
  if (f) {
    const factor = Number(f[1]);
    return factor > 0 ? { factor, offset: 0, display: `${f[1]}x baseline` } : `${JSON.stringify(text)}: the factor must be above 0`;
  }
  const o = OFFSET.exec(text);
  if (o) {
    const q = parseQuantity(o[2] ?? '');
    if (!q || q.unit === 'bool') return `${JSON.stringify(text)}: ${JSON.stringify(o[2])} is not a number or quantity (e.g. 0.01, 50ms, 1%)`;
    const sign = o[1] === '-' ? -1 : 1;
    return { factor: 1, offset: sign * q.value, offsetQ: q, display: `baseline ${o[1]} ${q.display}` };
  }
  return `${JSON.stringify(text)} is not a baseline-relative value: ${BASELINE_FORMS}`;
}

export function baselineRef(e: BaselineExpr, stat: BaselineStat | undefined): BaselineRef {
  return { factor: e.factor, offset: e.offset, stat: stat ?? 'median' };
}

/** The threshold a baseline gives: factor × baseline + offset. */
export function thresholdFrom(ref: BaselineRef, baseline: number): number {
  return ref.factor * baseline + ref.offset;
}
