// The baseline of a criterion from Prometheus history: each instant reduced over series as the
// criterion reduces a sample, then one statistic over time. NaN instants are unknown, not zero.
import type { BaselineStat, SeriesRule } from '../experiment/model.js';
import type { RangeResult } from '../ports.js';
import { reduce } from './evaluate.js';

export type BaselineReading = { ok: true; value: number; points: number } | { ok: false; error: string };

export function baselineOf(r: RangeResult, rule: SeriesRule, stat: BaselineStat): BaselineReading {
  if (!r.ok) return { ok: false, error: r.error };
  const byTime = new Map<number, number[]>();
  for (const s of r.series) for (const p of s.values) byTime.set(p.t, [...(byTime.get(p.t) ?? []), p.value]);
  // every/any judge series one by one; for the baseline the worst (max) series of an instant stands for it.
  const aggregate = rule === 'every' || rule === 'any' ? 'max' : rule;
  const points = [...byTime.values()].filter((vs) => aggregate === 'count' || vs.every((v) => Number.isFinite(v))).map((vs) => reduce(vs, aggregate));
  if (points.length === 0) return { ok: false, error: r.series.length === 0 ? 'no history: the query had no series in the baseline window' : 'no history: only NaN or infinite values in the baseline window' };
  return { ok: true, value: statistic(points, stat), points: points.length };
}

export function statistic(values: readonly number[], stat: BaselineStat): number {
  const sorted = [...values].sort((a, b) => a - b);
  switch (stat) {
    case 'max':
      return sorted.at(-1)!;
    case 'mean':
      return sorted.reduce((a, b) => a + b, 0) / sorted.length;
    case 'median':
      return quantile(sorted, 0.5);
    case 'p95':
      return quantile(sorted, 0.95);
  }
}

/** Linear interpolation between closest ranks (numpy's default), on sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
