// From the journal to a verdict: a breach fails, missing data is inconclusive, never a false pass.
import { judgeCriterion, judgeEffect } from '../criteria/judge.js';
import { evaluateSample } from '../criteria/evaluate.js';
import type { PlannedExperiment } from './plan.js';
import type { ExperimentJournal } from './journal.js';
import type { Tracked } from './sampling.js';
import type { RecoveryResult } from './stages/recover.js';

/** Records recovery_time as a measured sample on the built-in criterion (seconds). */
export function recordRecovery(p: PlannedExperiment, ej: ExperimentJournal, criteria: Tracked[], r: RecoveryResult): void {
  if (r.recovered) {
    ej.recoveryMs = r.ms;
    ej.recoveredAt = (p.oneShot ? ej.injectedAt! : ej.revertedAt!) + r.ms;
  }
  for (const t of criteria.filter((c) => c.planned.builtin === 'recovery_time')) {
    const value = r.ms / 1000;
    // The same comparison as any Prometheus sample, on the duration chaos measured itself.
    const within = evaluateSample(t.planned, { ok: true, series: [{ labels: {}, value }] }).state === 'met';
    const at = ej.recoveredAt ?? (p.oneShot ? ej.injectedAt : ej.revertedAt) ?? ej.startedAt;
    t.result.samples.push({ t: at, phase: 'recovery', value, state: r.recovered ? (within ? 'met' : 'breached') : r.noData ? 'no-data' : 'breached' });
    t.result.worst = value;
    t.result.verdict = r.recovered ? (within ? 'met' : 'breached') : r.noData ? 'no-data' : 'breached';
    t.result.reason = r.recovered ? `recovered in ${value.toFixed(1)}s` : `not recovered after ${value.toFixed(1)}s: ${r.why}`;
  }
}

/** Judges every criterion from its samples, then the experiment. */
export function conclude(ej: ExperimentJournal, criteria: Tracked[], effects: Tracked[] = []): void {
  for (const { planned, result } of criteria) {
    if (planned.builtin) continue;
    const j = judgeCriterion(planned, result.samples);
    result.verdict = j.verdict;
    result.worst = j.worst;
    result.reason = j.reason;
  }
  for (const { planned, result } of effects) Object.assign(result, judgeEffect(planned, result.samples));
  // An experiment that proves nothing is not a pass: the fault must have shown one of the effects expected of it.
  if (effects.length > 0 && !effects.some((t) => t.result.verdict === 'met')) {
    const seen = effects.map((t) => `${t.planned.label}: ${t.result.reason}`).join('; ');
    ej.noEffect = [ej.noEffect, `none of expect_effect held during the fault (${seen})`].filter(Boolean).join('; ');
  }
  for (const c of ej.criteria.filter((x) => x.kind === 'abort')) {
    c.verdict = ej.abortReason?.includes(c.label) ? 'breached' : c.samples.length > 0 ? 'met' : 'no-data';
  }
  for (const c of ej.criteria.filter((x) => x.kind === 'builtin' && x.verdict === 'not-evaluated')) {
    c.verdict = 'no-data';
    c.reason = 'recovery was not measured';
  }
  const judged = ej.criteria.filter((c) => c.kind !== 'abort' && c.kind !== 'effect');
  const breached = judged.filter((c) => c.verdict === 'breached');
  const noData = judged.filter((c) => c.verdict === 'no-data');
  if (ej.abortReason || breached.length > 0) {
    // A breach seen while the fault was in place is real, even if the fault was lost afterwards.
    ej.verdict = 'failed';
    ej.reason = ej.abortReason ? `aborted: ${ej.abortReason}` : `breached: ${breached.map((c) => c.label).join(', ')}`;
  } else if (ej.faultLost) {
    const l = ej.faultLost;
    ej.verdict = 'inconclusive';
    ej.reason = `the fault stopped during the window at ${new Date(l.at).toISOString()} (${l.ref.kind} ${l.ref.name}: ${l.detail}); nothing proven`;
  } else if (ej.noEffect) {
    ej.verdict = 'inconclusive';
    ej.reason = `${ej.noEffect}: the fault had no visible effect; nothing proven`;
  } else if (ej.blindAt !== undefined) {
    ej.verdict = 'inconclusive';
    ej.reason = `Prometheus gave no data for any criterion (reverted at ${new Date(ej.blindAt).toISOString()} so the fault never ran blind); nothing proven`;
  } else if (noData.length > 0) {
    ej.verdict = 'inconclusive';
    ej.reason = `no data for: ${noData.map((c) => c.label).join(', ')} (nothing proven)`;
  } else if (ej.leftovers.length > 0) {
    ej.verdict = 'errored';
    ej.reason = 'the fault could not be removed';
  } else {
    ej.verdict = 'passed';
    ej.reason = `${judged.length} criteri${judged.length === 1 ? 'on' : 'a'} met`;
  }
}
