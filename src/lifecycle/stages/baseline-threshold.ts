// Baseline-relative thresholds (SPEC §10): the baseline is read from Prometheus history ending now (just
// before injection) — no waiting — and turns "1.5x baseline" into a number before steady state is judged.
import { baselineOf } from '../../criteria/baseline-stat.js';
import { thresholdFrom } from '../../criteria/baseline-expr.js';
import type { RunDeps } from '../deps.js';
import type { Tracked } from '../sampling.js';

/** Prometheus refuses ranges of more than 11,000 points; stay well inside. */
export const MAX_BASELINE_POINTS = 10_000;

export function baselineStepMs(windowMs: number, pollIntervalMs: number): number {
  return Math.max(1000, pollIntervalMs, Math.ceil(windowMs / MAX_BASELINE_POINTS / 1000) * 1000);
}

/** Reads every baseline in parallel; returns one line per baseline for the stage detail. */
export async function readBaselines(tracked: Tracked[], windowMs: number, deps: RunDeps): Promise<string[]> {
  const relative = tracked.filter((t) => t.planned.baseline && t.planned.resolvedQuery !== undefined);
  const endMs = deps.clock.now();
  const stepMs = baselineStepMs(windowMs, deps.settings.pollIntervalMs);
  return Promise.all(
    relative.map(async (t) => {
      const ref = t.planned.baseline!;
      const answer = await deps.metrics.queryRange(t.planned.resolvedQuery!, { startMs: endMs - windowMs, endMs, stepMs, signal: deps.interrupt });
      const reading = baselineOf(answer, t.planned.aggregate, ref.stat);
      const record = { stat: ref.stat, windowMs, factor: ref.factor, offset: ref.offset };
      if (!reading.ok) {
        t.result.baseline = { ...record, error: reading.error };
        return `${t.planned.label}: no baseline (${reading.error})`;
      }
      const threshold = thresholdFrom(ref, reading.value);
      t.result.baseline = { ...record, value: reading.value, points: reading.points };
      t.result.threshold = threshold;
      t.planned = { ...t.planned, value: threshold };
      return `${t.planned.label}: baseline ${short(reading.value)} → threshold ${short(threshold)}`;
    }),
  );
}

const short = (v: number) => String(Number(v.toPrecision(4)));
