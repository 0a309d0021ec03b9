// Builds normalised experiments and plans directly (no YAML), for lifecycle tests.
import { planRun, type PlannedExperiment } from '../../src/lifecycle/plan.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config/model.js';
import type { Criterion, Experiment } from '../../src/experiment/model.js';

const source = { file: 'experiments/test.yml', line: 2, col: 5 };

export function criterion(label: string, over: Partial<Criterion>): Criterion {
  return { label, source, op: '<', value: 0.01, display: '0.01', when: 'always', aggregate: 'max', ...over };
}

export const errorRate = (value = 0.01) => criterion(`error_rate < ${value}`, { metric: 'error_rate', query: 'error_rate{namespace="{{namespace}}",service="{{service}}"}', value, display: String(value) });
export const recoveryTime = (seconds: number) => criterion(`recovery_time < ${seconds}s`, { metric: 'recovery_time', builtin: 'recovery_time', value: seconds, display: `${seconds}s`, unit: 'seconds', when: 'end' });

export function experiment(over: Partial<Experiment> = {}): Experiment {
  return {
    name: 'api-latency',
    source,
    target: { service: 'api', namespace: 'shop', selector: { matchLabels: { app: 'api' }, matchExpressions: [] }, mode: 'all' },
    fault: { type: 'latency', latency: '500ms' },
    durationMs: 60_000,
    criteria: [errorRate()],
    abortWhen: [],
    hooks: { before: [], during: [], after: [] },
    ...over,
  };
}

export function planned(exp: Experiment, config: Config = DEFAULT_CONFIG): PlannedExperiment {
  const { plan, issues } = planRun([exp], config, { runId: 'r1234567' });
  if (issues.length > 0) throw new Error(`plan issues: ${JSON.stringify(issues)}`);
  return plan.experiments[0]!;
}
