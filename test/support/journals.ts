// Realistic run journals for report tests and e2e checks: the seed's experiments with samples over
// baseline, fault window and recovery, and every ending (pass, breach + abort, no data, error,
// leftovers, not steady, interrupted, hooks).
import type { When } from '../../src/experiment/model.js';
import type { HookResult, RunJournal } from '../../src/lifecycle/journal.js';
import { type CriterionPlan, type ExperimentPlan, runJournal, type Series } from './journal-builder.js';

export { NAMESPACE, RUN_ID, SOURCE_FILE, T0, experimentJournal, runJournal } from './journal-builder.js';
export type { CriterionPlan, ExperimentPlan } from './journal-builder.js';

// The seed's experiments (chaos/experiments.yml), as planned criteria with sample series.
const ERROR_RATE_Q = 'sum(rate(http_requests_total{namespace="materi-production",service="api",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="materi-production",service="api"}[1m]))';
const P95_Q = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="api"}[1m])))';

export function errorRate(fault: Series = (i) => 0.002 + (i % 3) * 0.001): CriterionPlan {
  return { label: 'error_rate < 0.01', metric: 'error_rate', query: ERROR_RATE_Q, op: '<', threshold: 0.01, display: '0.01', when: 'always', baseline: () => 0.001, fault, recovery: () => 0.001 };
}

export function p95Latency(fault: Series = (i) => 0.48 + (i % 4) * 0.02): CriterionPlan {
  return { label: 'p95_latency < 600ms', metric: 'p95_latency', query: P95_Q, op: '<', threshold: 0.6, display: '600ms', unit: 'seconds', when: 'always', baseline: () => 0.12, fault, recovery: () => 0.13 };
}

function boolMetric(metric: string, when: When, fault?: Series, end?: number | null): CriterionPlan {
  return {
    label: `${metric}: true`,
    metric,
    query: `max(${metric}{service="api"})`,
    // As the criteria parser stores `{ metric: true }`: the query must return non-zero.
    op: '!=',
    threshold: 0,
    display: 'true',
    unit: 'bool',
    when,
    ...(fault ? { fault } : {}),
    ...(end === undefined ? {} : { end }),
  };
}

export const seedPlans = {
  latency: (): ExperimentPlan => ({
    name: 'api-latency-injection',
    line: 2,
    description: 'Inject latency into API responses',
    faultType: 'latency',
    kind: 'NetworkChaos',
    windowMs: 300_000,
    criteria: [errorRate(), p95Latency()],
  }),
  connection: (): ExperimentPlan => ({
    name: 'database-connection-failure',
    line: 9,
    faultType: 'connection_failure',
    kind: 'NetworkChaos',
    windowMs: 180_000,
    criteria: [boolMetric('circuit_breaker_triggered', 'eventually', (i) => (i >= 2 ? 1 : 0)), boolMetric('fallback_activated', 'eventually', (i) => (i >= 3 ? 1 : 0))],
  }),
  partition: (): ExperimentPlan => ({
    name: 'redis-partition',
    line: 15,
    faultType: 'network_partition',
    kind: 'NetworkChaos',
    windowMs: 120_000,
    criteria: [
      { label: 'websocket_reconnection < 5s', metric: 'websocket_reconnection', query: 'max(websocket_reconnect_seconds{service="relay"})', op: '<', threshold: 5, display: '5s', unit: 'seconds', when: 'always', baseline: () => 0.4, fault: (i) => 1.5 + i * 0.2, recovery: () => 0.5 },
      { ...boolMetric('data_consistency', 'end', undefined, 1), label: 'data_consistency: eventual' },
    ],
  }),
  podKill: (): ExperimentPlan => ({
    name: 'pod-failure',
    line: 20,
    faultType: 'pod_kill',
    kind: 'PodChaos',
    windowMs: 600_000,
    recoveryMs: 12_400,
    criteria: [
      { label: 'recovery_time < 30s', metric: 'recovery_time', op: '<', threshold: 30, display: '30s', unit: 'seconds', when: 'end', end: 12.4 },
      boolMetric('no_data_loss', 'end', undefined, 1),
    ],
  }),
};

/** Every seed experiment passes (exit 0). */
export function passingRun(): RunJournal {
  return runJournal([seedPlans.latency(), seedPlans.connection(), seedPlans.partition(), seedPlans.podKill()]);
}

/** error_rate breaches 40s into the window and the abort stops the fault (exit 1). */
export function failingRun(): RunJournal {
  const latency: ExperimentPlan = {
    ...seedPlans.latency(),
    criteria: [errorRate((i) => (i >= 2 ? 0.034 : 0.004)), p95Latency()],
    abortAfterMs: 40_000,
    abortReason: 'error_rate < 0.01 breached: observed 0.034 (abort on first breach)',
  };
  return runJournal([latency, seedPlans.podKill()]);
}

/** p95_latency has no data during the fault: injected, nothing proven (exit 7). */
export function inconclusiveRun(): RunJournal {
  return runJournal([{ ...seedPlans.latency(), criteria: [errorRate(), { ...p95Latency(() => null), error: 'query returned an empty result (no series)' }] }]);
}

/** Preflight finds no target pods: nothing injected (exit 4). */
export function erroredRun(): RunJournal {
  return runJournal([
    {
      ...seedPlans.latency(),
      preflightError: 'no pods match app=api in namespace materi-production',
      hint: 'check target.service / target.label_selector and the namespace',
    },
  ]);
}

/** The fault could not be confirmed removed: it may still be active (exit 6). */
export function leftoversRun(): RunJournal {
  return runJournal([{ ...seedPlans.latency(), revertError: 'NetworkChaos materi-production/api-latency-injection-k7x2m9 still present after 2m (finalizer not removed)' }]);
}

/** error_rate already breached before injection: nothing injected (exit 5). */
export function notSteadyRun(): RunJournal {
  return runJournal([{ ...seedPlans.latency(), criteria: [{ ...errorRate(), baseline: () => 0.05 }, p95Latency()], notSteady: 'error_rate < 0.01 not met before injection: observed 0.05' }]);
}

/** Ctrl-C 30s into the window: reverted, exit 130. */
export function interruptedRun(): RunJournal {
  return runJournal([{ ...seedPlans.latency(), interruptedAfterMs: 30_000, abortReason: 'interrupted by SIGINT' }], { interrupted: true });
}

export function hookResult(partial: Partial<HookResult> & Pick<HookResult, 'name' | 'phase'>): HookResult {
  return { command: ['k6', 'run', 'load.js'], exitCode: 0, signal: null, timedOut: false, stoppedByChaos: false, durationMs: 3200, outputTail: 'checks.........: 100.00% ✓ 1200 ✗ 0', ok: true, ...partial };
}

/** A `before` smoke test, a `during` k6 load stopped at revert and an `after` script that fails (exit 1). */
export function hooksRun(): RunJournal {
  return runJournal([
    {
      ...seedPlans.latency(),
      hooks: [
        hookResult({ name: 'smoke', phase: 'before', command: ['curl', '-fsS', 'http://api.materi-production/healthz'], outputTail: 'ok', durationMs: 240 }),
        hookResult({ name: 'load', phase: 'during', stoppedByChaos: true, signal: 'SIGTERM', exitCode: null, durationMs: 301_000 }),
        hookResult({ name: 'report', phase: 'after', command: ['./collect.sh'], exitCode: 2, ok: false, outputTail: 'collect: upload failed (HTTP 503)' }),
      ],
    },
  ]);
}

/** Every builder by name, for tests that check a property of all of them. */
export const ALL_RUNS: Record<string, () => RunJournal> = {
  passing: passingRun,
  failing: failingRun,
  inconclusive: inconclusiveRun,
  errored: erroredRun,
  leftovers: leftoversRun,
  notSteady: notSteadyRun,
  interrupted: interruptedRun,
  hooks: hooksRun,
};
