// The composition root of a live run: the real Kubernetes, Prometheus and hook adapters, loaded lazily.
import { EnvironmentError } from '../errors.js';
import type { Config } from '../config/model.js';
import type { CliIO } from '../ports.js';
import type { Cluster, HookRunner, Metrics, Probes, RunObserver } from '../ports.js';
import type { Experiment, HttpProbe } from '../experiment/model.js';
import { createProbes, probeSecrets } from '../adapters/http-probe/index.js';
import type { RunOptions } from './run-plan.js';
import { kubeTimeoutMs } from './run-env.js';
import { headerSecrets, secretsInEnv } from '../redact.js';

export interface Edges {
  cluster: Cluster;
  metrics: Metrics & { url: string };
  probes: Probes;
  hooks: HookRunner;
}

/** The HTTP probes the experiments use (criteria, abort conditions, expected effects). */
export function probesOf(experiments: readonly Experiment[]): HttpProbe[] {
  return experiments.flatMap((e) => [...e.criteria, ...e.abortWhen, ...(e.expectEffect ?? [])].flatMap((c) => (c.probe ? [c.probe] : [])));
}

/** Every secret of a run: the config's, secret-looking env vars, and the env vars probe headers name. */
export function runSecrets(config: Config, experiments: readonly Experiment[], env: Record<string, string | undefined>): string[] {
  return [...secretsOf(config, env), ...probeSecrets(probesOf(experiments), env)];
}

/**
 * Values that must never be printed: what the env vars named by the config hold, sensitive header values,
 * and every secret-looking env var (the redactor, src/redact.ts, skips values too short to mask).
 */
export function secretsOf(config: Config, env: Record<string, string | undefined>): string[] {
  const names = [config.prometheus.bearerTokenEnv, config.prometheus.basicAuth?.passwordEnv].filter((n): n is string => Boolean(n));
  const named = names.map((n) => env[n]).filter((v): v is string => Boolean(v));
  const basic = config.prometheus.basicAuth;
  const password = basic ? env[basic.passwordEnv] : undefined;
  // The Authorization header carries user:password in base64: that string is as secret as the password.
  const encoded = basic && password ? [Buffer.from(`${basic.username}:${password}`).toString('base64')] : [];
  return [...named, ...encoded, ...headerSecrets(config.prometheus.headers), ...secretsInEnv([env])];
}

/** Used when no experiment has hooks: execa costs ~150 ms of start-up, so it is not loaded then. */
const NO_HOOKS: HookRunner = {
  run: () => Promise.reject(new Error('hooks were not loaded: no experiment declares any')),
  start: () => {
    throw new Error('hooks were not loaded: no experiment declares any');
  },
};

export async function connectEdges(config: Config, opts: RunOptions, io: CliIO, observer: RunObserver, needsHooks: boolean, experiments: readonly Experiment[] = []): Promise<Edges> {
  const [{ connectCluster }, { createPrometheus }] = await Promise.all([import('../adapters/kubernetes/index.js'), import('../adapters/prometheus/index.js')]);
  const cluster = await connectCluster({
    ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}),
    ...(config.kubernetes.context ? { context: config.kubernetes.context } : {}),
    env: io.env,
    requestTimeoutMs: kubeTimeoutMs(io.env),
  });
  if (!config.prometheus.url && !config.prometheus.service) {
    throw new EnvironmentError('no Prometheus configured: criteria cannot be judged', {
      hint: 'set prometheus.url in chaos.config.yml, CHAOS_PROMETHEUS_URL, or --prometheus-url',
    });
  }
  const secrets = runSecrets(config, experiments, io.env);
  io.addSecrets?.(secrets);
  const probes = createProbes(io.env, secrets);
  const metrics = createPrometheus(config.prometheus, io.env, config.prometheus.service ? { proxy: cluster.proxyTarget() } : {});
  observer.info(metrics.describe());
  if (!needsHooks) return { cluster, metrics, probes, hooks: NO_HOOKS };
  const { runHook, startDuringHook } = await import('../adapters/hooks/index.js');
  const onOutput = opts.verbose ? (name: string, line: string) => io.stderr.write(`[${name}] ${line}\n`) : undefined;
  const hooks: HookRunner = {
    run: (spec, phase, vars) => runHook(spec, phase, { vars, secrets, ...(onOutput ? { onOutput } : {}) }),
    start: (spec, vars) => startDuringHook(spec, { vars, secrets, ...(onOutput ? { onOutput } : {}) }),
  };
  return { cluster, metrics, probes, hooks };
}
