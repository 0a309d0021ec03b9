// run's flags applied: RunOptions, the config they override, and the plan they make. Shared by run.ts (planned
// before any connection) and run-live.ts (planned again once the kube context's namespace is known).
import { planRun, type PlanOptions, type RunPlan } from '../lifecycle/plan.js';
import { parseDuration } from '../experiment/duration.js';
import { EnvironmentError, InvalidInputError, UsageError } from '../errors.js';
import { protectedNamespaceRefusal } from '../policy/namespaces.js';
import type { Config } from '../config/model.js';
import type { Experiment } from '../experiment/model.js';

export interface RunOptions {
  dryRun?: 'client' | 'server';
  config?: string;
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  prometheusUrl?: string;
  only?: string[];
  duration?: string;
  pollInterval?: string;
  failFast?: boolean;
  /** --parallel: experiments at once (default 1). */
  parallel?: number;
  abortOnBreach?: boolean;
  yes?: boolean;
  report?: string[];
  output?: string;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
}

export function durationFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new UsageError(`${flag} ${value}: not a duration`, { hint: `e.g. ${flag} 30s, 5m, 1m30s` });
  return ms;
}

/** Flags win over CHAOS_* env and the file (applyEnv already ran). */
export function applyFlags(config: Config, opts: RunOptions): Config {
  const poll = durationFlag(opts.pollInterval, '--poll-interval');
  return {
    ...config,
    kubernetes: {
      ...config.kubernetes,
      ...(opts.namespace ? { namespace: opts.namespace, namespaceOrigin: { file: 'command line', line: 1, col: 1, path: '--namespace' } } : {}),
      ...(opts.context ? { context: opts.context } : {}),
    },
    prometheus: { ...config.prometheus, ...(opts.prometheusUrl ? { url: opts.prometheusUrl, service: undefined } : {}) },
    defaults: { ...config.defaults, ...(poll ? { pollIntervalMs: poll } : {}) },
  };
}

export function planOptions(opts: RunOptions, runId: string, defaultNamespace?: string): PlanOptions {
  const durationOverrideMs = durationFlag(opts.duration, '--duration');
  return {
    runId,
    ...(defaultNamespace ? { defaultNamespace } : {}),
    ...(durationOverrideMs ? { durationOverrideMs } : {}),
    ...(opts.only?.length ? { only: opts.only } : {}),
  };
}

/** The plan again once the kube context is known (its namespace fills targets without one). */
export function makePlan(experiments: Experiment[], config: Config, opts: RunOptions, runId: string, defaultNamespace?: string): RunPlan {
  const { plan, issues } = planRun(experiments, config, planOptions(opts, runId, defaultNamespace));
  if (issues.length > 0) throw new InvalidInputError(issues);
  // A protected namespace that only the kube context supplies: refused before any lease or object.
  for (const p of plan.experiments) {
    const refusal = p.namespaceFrom === 'context' ? protectedNamespaceRefusal(p.namespace, p.policy, 'target') : undefined;
    if (refusal) {
      throw new EnvironmentError(`${p.experiment.name}: ${refusal} (the namespace comes from the kube context)`, {
        hint: 'set target.namespace, kubernetes.namespace in chaos.config.yml, or --namespace',
      });
    }
  }
  return plan;
}
