// A criterion's verdict from its samples, per `when` (SPEC §4). Pure: samples in, verdict out.
import type { Criterion, Op } from '../experiment/model.js';
import type { CriterionVerdict, Sample, SamplePhase } from './sample.js';

export interface Judgement {
  verdict: CriterionVerdict;
  /** The observed value that explains the verdict (see valueToShow). */
  worst?: number | undefined;
  reason: string;
}

/** `always` criteria: a breach that lasted `for` (or any breach without `for`) during the fault. */
export function isConfirmedBreach(c: Criterion, samples: readonly Sample[]): boolean {
  if (c.when !== 'always') return false;
  return breachSustained(c, inPhases(samples, ['fault']));
}

/** `abort_when` conditions: the condition held (for `for`, when set) during the fault. */
export function isAbortTriggered(c: Criterion, samples: readonly Sample[]): boolean {
  return sustained(inPhases(samples, ['fault']), 'met', c.forMs);
}

/** expect_effect: the condition held (for `for`, when set) at some sample during the fault. */
export function judgeEffect(c: Criterion, samples: readonly Sample[]): Judgement {
  const s = inPhases(samples, ['fault']);
  const best = extreme(c.op, c.value, values(s), 'best');
  const expect = expectation(c);
  if (sustained(s, 'met', c.forMs)) return { verdict: 'met', worst: best, reason: `the fault showed ${expect} (best ${show(c, best)})` };
  if (count(s, 'breached') > 0) return { verdict: 'breached', worst: best, reason: `never ${expect} during the fault (best ${show(c, best)})` };
  return { verdict: 'no-data', worst: best, reason: s.length === 0 ? 'no samples during the fault' : `no data: ${firstError(s)}` };
}

export function judgeCriterion(c: Criterion, samples: readonly Sample[]): Judgement {
  switch (c.when) {
    case 'always':
      return judgeAlways(c, inPhases(samples, ['fault']));
    case 'eventually':
      return judgeEventually(c, inPhases(samples, ['fault', 'recovery']));
    case 'end':
      return judgeEnd(c, inPhases(samples, ['end']));
  }
}

function judgeAlways(c: Criterion, s: Sample[]): Judgement {
  if (s.length === 0) return { verdict: 'no-data', reason: 'no samples during the fault' };
  const worst = extreme(c.op, c.value, values(s), 'worst');
  const breached = count(s, 'breached');
  const noData = count(s, 'no-data');
  const expect = expectation(c);
  if (breachSustained(c, s)) {
    const how = c.forMs ? `for at least ${formatMs(c.forMs)}` : `in ${breached} of ${s.length} samples`;
    return { verdict: 'breached', worst, reason: `breached ${how} during the fault (worst ${show(c, worst)}, expected ${expect})${seriesNote(s, 'breached')}` };
  }
  const ignored = breached > 0 ? `; ${breached} breached samples never lasted ${formatMs(c.forMs ?? 0)}` : '';
  if (noData > 0) {
    return { verdict: 'no-data', worst, reason: `no data in ${noData} of ${s.length} samples: ${firstError(s)}${ignored}` };
  }
  return { verdict: 'met', worst, reason: `all ${s.length} samples during the fault met ${expect} (worst ${show(c, worst)})${ignored}` };
}

function judgeEventually(c: Criterion, s: Sample[]): Judgement {
  if (s.length === 0) return { verdict: 'no-data', reason: 'no samples during the fault or recovery' };
  // For `eventually` the interesting figure is how close it came, so report the best value.
  const best = extreme(c.op, c.value, values(s), 'best');
  const expect = expectation(c);
  const held = c.forMs ? ` and held for ${formatMs(c.forMs)}` : '';
  if (sustained(s, 'met', c.forMs)) {
    return { verdict: 'met', worst: best, reason: `reached ${expect}${held} (best ${show(c, best)})` };
  }
  if (count(s, 'breached') > 0) {
    return { verdict: 'breached', worst: best, reason: `never reached ${expect}${held} during the fault or recovery (best ${show(c, best)})${seriesNote(s.slice(-1), 'breached')}` };
  }
  const brief = count(s, 'met') > 0 ? `met only briefly, never for ${formatMs(c.forMs ?? 0)}` : undefined;
  const missing = count(s, 'no-data') > 0 ? `no data: ${firstError(s)}` : undefined;
  return { verdict: 'no-data', worst: best, reason: [missing, brief].filter(Boolean).join('; ') };
}

function judgeEnd(c: Criterion, s: Sample[]): Judgement {
  const last = s.at(-1);
  if (!last) return { verdict: 'no-data', reason: 'no sample after recovery' };
  if (last.state === 'no-data') return { verdict: 'no-data', reason: `after recovery: no data: ${last.error ?? 'unknown'}` };
  const verb = last.state === 'met' ? 'met' : 'breached';
  return { verdict: last.state, worst: last.value, reason: `after recovery ${show(c, last.value)} ${verb} ${c.op} ${c.display}${seriesNote([last], 'breached')}` };
}

/** `< 600ms`; a probe reads as what it expects (`answers 200`), not as `== 1`. */
function expectation(c: Criterion): string {
  return c.probe ? c.display : `${c.op} ${c.display}`;
}

function breachSustained(c: Criterion, s: readonly Sample[]): boolean {
  return sustained(s, 'breached', c.forMs);
}

/**
 * True when samples in `state` span at least forMs consecutively (any one sample when forMs is unset).
 * A breach run is broken only by a `met` sample (a no-data gap does not disprove it); a met run is
 * broken by anything that is not `met` (a gap does not prove it).
 */
function sustained(s: readonly Sample[], state: 'met' | 'breached', forMs: number | undefined): boolean {
  let start: number | undefined;
  for (const x of s) {
    if (x.state === state) {
      start ??= x.t;
      if (x.t - start >= (forMs ?? 0)) return true;
    } else if (state === 'met' || x.state === 'met') {
      start = undefined;
    }
  }
  return false;
}

function inPhases(samples: readonly Sample[], phases: readonly SamplePhase[]): Sample[] {
  return samples.filter((x) => phases.includes(x.phase)).sort((a, b) => a.t - b.t);
}

function values(s: readonly Sample[]): number[] {
  return s.flatMap((x) => (x.state !== 'no-data' && x.value !== undefined ? [x.value] : []));
}

function count(s: readonly Sample[], state: Sample['state']): number {
  return s.filter((x) => x.state === state).length;
}

/** `; breaching series: up{instance="c"}, …` — which of several series broke the rule, across the samples. */
export function seriesNote(s: readonly Sample[], state: 'met' | 'breached'): string {
  const names = [...new Set(s.filter((x) => x.state === state).flatMap((x) => x.series ?? []))];
  if (names.length === 0) return '';
  const shown = names.length > 3 ? [...names.slice(0, 3), `and ${names.length - 3} more`] : names;
  return `; ${state === 'breached' ? 'breaching' : 'matching'} series: ${shown.join(', ')}`;
}

function firstError(s: readonly Sample[]): string {
  return s.find((x) => x.state === 'no-data')?.error ?? 'unknown';
}

/** The value furthest on the wrong side of the threshold ('worst') or closest to satisfying it ('best'). */
export function extreme(op: Op, threshold: number, vs: readonly number[], which: 'worst' | 'best'): number | undefined {
  if (vs.length === 0) return undefined;
  // Higher score = worse.
  const score = (v: number): number => {
    switch (op) {
      case '<':
      case '<=':
        return v;
      case '>':
      case '>=':
        return -v;
      case '==':
        return Math.abs(v - threshold);
      case '!=':
        return -Math.abs(v - threshold);
    }
  };
  const sign = which === 'worst' ? 1 : -1;
  return vs.reduce((a, b) => (sign * score(b) > sign * score(a) ? b : a));
}

function show(c: Criterion, v: number | undefined): string {
  if (v === undefined) return 'none';
  if (c.unit === 'seconds' && Number.isFinite(v)) return v < 1 ? `${round(v * 1000)}ms` : `${round(v)}s`;
  return round(v);
}

function round(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
