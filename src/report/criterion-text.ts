// How one criterion reads in every report. Three kinds read differently: an `abort_when` condition
// is bad when it holds, and a hook's criterion is its exit status.
import type { CriterionResult, ExperimentJournal, HookResult, Sample } from '../lifecycle/journal.js';
import { formatDuration, formatValue } from './format-value.js';

/** `< 600ms`; `abort if > 5%`; `exit 0`; `< 1.5x baseline (median 48ms → 72ms)`; `not firing`; `answers 200`. */
export function expectedText(c: CriterionResult): string {
  if (c.kind === 'hook') return c.display;
  if (c.alert !== undefined) return c.kind === 'abort' ? 'abort if firing' : c.kind === 'effect' ? 'shows firing' : 'not firing';
  if (c.probe !== undefined) return c.kind === 'abort' ? `abort if ${c.display}` : c.kind === 'effect' ? `shows ${c.display}` : c.display;
  const base = c.unit === 'bool' && !c.baseline ? boolExpected(c) : `${c.op} ${c.display}${baselineText(c)}`;
  return c.kind === 'abort' ? `abort if ${base}` : c.kind === 'effect' ? `shows ${base}` : base;
}

/** `baseline: median 48.8ms over the 5m before injection (31 points) → threshold 73.1ms`, for a line of its own. */
export function baselineLine(c: CriterionResult): string | undefined {
  const b = c.baseline;
  if (!b) return undefined;
  const window = `the ${formatDuration(b.windowMs)} before injection`;
  if (b.value === undefined) return `baseline: none over ${window} (${b.error ?? 'no data'}): no-data, never met`;
  return `baseline: ${b.stat} ${formatValue(b.value, c.unit)} over ${window}${b.points !== undefined ? ` (${b.points} points)` : ''} → threshold ${formatValue(c.threshold, c.unit)}`;
}

/** ` (median 48ms → 72ms)`: the baseline read before injection and the threshold derived from it. */
export function baselineText(c: CriterionResult): string {
  const b = c.baseline;
  if (!b) return '';
  if (b.value === undefined) return ` (no baseline: ${b.error ?? 'no data'})`;
  return ` (${b.stat} ${formatValue(b.value, c.unit)} → ${formatValue(c.threshold, c.unit)})`;
}

/** Bool criteria are stored as `!= 0` (holds) or `== 0`; people wrote `true`, `false` or a named value. */
function boolExpected(c: CriterionResult): string {
  if (c.op === '==') return 'false';
  return c.display === 'true' || c.display === 'false' ? 'true' : c.display;
}

/** The value to show against the threshold: the journal's `worst`, else (abort conditions) the value that fired. */
function observedValue(c: CriterionResult): number | undefined {
  if (c.worst !== undefined || c.kind !== 'abort') return c.worst;
  const values = c.samples.filter((s) => s.value !== undefined);
  const fired = values.filter((s) => s.state === 'met').at(-1);
  return (fired ?? values.at(-1))?.value;
}

export function observedText(c: CriterionResult): string {
  const v = observedValue(c);
  if (c.kind === 'hook') return v === undefined ? '—' : `exit ${v}`;
  if (c.probe !== undefined) return probeObserved(c);
  if (c.alert !== undefined) return v === undefined ? '—' : v > 0 ? `${v} firing` : 'not firing';
  return formatValue(v, c.unit);
}

/** A probe reads as what it answered: the first failure when there was one, else the last answer. */
function probeObserved(c: CriterionResult): string {
  const failed = c.samples.find((s) => s.value === 0);
  const shown = failed ?? c.samples.at(-1);
  return shown?.detail ?? (shown?.error ? `no data: ${shown.error}` : '—');
}

/** An abort condition "breached" means it fired; "met" means it stayed quiet. */
export function verdictText(c: CriterionResult): string {
  if (c.kind === 'effect') return c.verdict === 'met' ? 'seen' : c.verdict === 'breached' ? 'not seen' : c.verdict;
  if (c.kind !== 'abort') return c.verdict;
  return c.verdict === 'breached' ? 'fired' : c.verdict === 'met' ? 'quiet' : c.verdict;
}

/**
 * A sample that counts against the experiment: a breach, or an abort condition holding. For an
 * `eventually` criterion that was met, earlier samples were only "not yet", not breaches.
 */
export function isBadSample(c: CriterionResult, s: Sample): boolean {
  if (c.kind === 'abort') return s.state === 'met';
  if (c.kind === 'effect') return false; // an effect not (yet) seen is no breach
  if (c.when === 'eventually' && c.verdict === 'met') return false;
  return s.state === 'breached';
}

/** The hook result behind a hook criterion (the lifecycle labels them `hook <phase> <name>`). */
export function hookFor(e: ExperimentJournal, c: CriterionResult): HookResult | undefined {
  return c.kind === 'hook' ? e.hooks.find((h) => c.label === `hook ${h.phase} ${h.name}`) : undefined;
}

/** Hooks not already shown as a criterion, so nothing is listed twice and nothing is lost. */
export function unmatchedHooks(e: ExperimentJournal): HookResult[] {
  const labels = new Set(e.criteria.filter((c) => c.kind === 'hook').map((c) => c.label));
  return e.hooks.filter((h) => !labels.has(`hook ${h.phase} ${h.name}`));
}

/** The failure line CI shows: expected vs observed. */
export function failureMessage(c: CriterionResult): string {
  if (c.kind === 'abort') return `abort condition ${c.label} fired, observed ${observedText(c)}`;
  if (c.kind === 'hook') return `expected ${c.label} to ${c.display}, observed ${c.reason ?? observedText(c)}`;
  if (c.kind === 'effect') return `expected the fault to show ${c.label}${baselineText(c)}, not seen (best ${observedText(c)})`;
  return `expected ${c.label}${baselineText(c)}, observed ${observedText(c)}${c.probe !== undefined ? '' : ' (worst)'}`;
}
