// How one criterion reads in every report. Three kinds read differently: an `abort_when` condition
// is bad when it holds, and a hook's criterion is its exit status.
import type { CriterionResult, ExperimentJournal, HookResult, Sample } from '../lifecycle/journal.js';
import { formatValue } from './format-value.js';

/** `< 600ms`; `abort if > 5%`; `exit 0`. */
export function expectedText(c: CriterionResult): string {
  if (c.kind === 'hook') return c.display;
  if (c.kind === 'abort') return `abort if ${c.op} ${c.display}`;
  if (c.unit === 'bool') return boolExpected(c);
  return `${c.op} ${c.display}`;
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
  return formatValue(v, c.unit);
}

/** An abort condition "breached" means it fired; "met" means it stayed quiet. */
export function verdictText(c: CriterionResult): string {
  if (c.kind !== 'abort') return c.verdict;
  return c.verdict === 'breached' ? 'fired' : c.verdict === 'met' ? 'quiet' : c.verdict;
}

/**
 * A sample that counts against the experiment: a breach, or an abort condition holding. For an
 * `eventually` criterion that was met, earlier samples were only "not yet", not breaches.
 */
export function isBadSample(c: CriterionResult, s: Sample): boolean {
  if (c.kind === 'abort') return s.state === 'met';
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
  return `expected ${c.label}, observed ${observedText(c)} (worst)`;
}
