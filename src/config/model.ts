// The validated chaos.config.yml (SPEC §3). Secrets are never stored here: only env var names.
import type { Aggregate, Hooks, SourceRef, When } from '../experiment/model.js';

export type MetricUnit = 'seconds' | 'ratio' | 'bytes' | 'bool';

export interface MetricDef {
  query?: string | undefined;
  unit?: MetricUnit | undefined;
  when?: When | undefined;
  aggregate?: Aggregate | undefined;
  /** For `{ metric: <value> }` criteria whose value selects a query (data_consistency: eventual). */
  values?: Record<string, { query: string; when?: When | undefined; unit?: MetricUnit | undefined }> | undefined;
  description?: string | undefined;
}

export interface PrometheusConfig {
  url?: string | undefined;
  /** `namespace/name:port` reached through the Kubernetes API service proxy. */
  service?: string | undefined;
  bearerTokenEnv?: string | undefined;
  basicAuth?: { username: string; passwordEnv: string } | undefined;
  tls?: { caFile?: string; certFile?: string; keyFile?: string; insecureSkipVerify?: boolean } | undefined;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** Where a setting came from, for located errors: a file position, or the command line / environment. */
export interface Origin extends SourceRef {
  path: string;
}

/** An allowedContexts entry as written: a context name glob, or the API server a context must point at. */
export type AllowedContext = string | { server: string };

/** What a run may touch (SPEC §10 "Policy"); src/policy/ answers the questions about it. */
export interface Policy {
  protectedNamespaces: string[];
  maxPods?: number | undefined;
  maxPercentage: number;
}

export const DEFAULT_PROTECTED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease', 'chaos-mesh'];

export interface Config {
  /** Absolute path of the file it came from, when one was found. */
  file?: string | undefined;
  kubernetes: {
    context?: string | undefined;
    namespace?: string | undefined;
    /** Where kubernetes.namespace was set (file position, CHAOS_NAMESPACE or --namespace). */
    namespaceOrigin?: Origin | undefined;
    allowedContexts?: AllowedContext[] | undefined;
  };
  prometheus: PrometheusConfig;
  defaults: {
    serviceLabel: string;
    pollIntervalMs: number;
    injectionTimeoutMs: number;
    recoveryTimeoutMs: number;
    revertTimeoutMs: number;
    /** Polls with no data for every criterion and abort condition before the fault is reverted (exit 7). */
    blindAbortAfter: number;
    /** Prometheus history read for baseline-relative criteria. */
    baselineWindowMs: number;
  };
  policy: Policy;
  metrics: Record<string, MetricDef>;
  hooks: Hooks;
}

export const DEFAULT_CONFIG: Config = {
  kubernetes: {},
  prometheus: { headers: {}, timeoutMs: 10_000 },
  defaults: {
    serviceLabel: 'app',
    pollIntervalMs: 10_000,
    injectionTimeoutMs: 60_000,
    recoveryTimeoutMs: 300_000,
    revertTimeoutMs: 120_000,
    blindAbortAfter: 3,
    baselineWindowMs: 300_000,
  },
  policy: { protectedNamespaces: [...DEFAULT_PROTECTED_NAMESPACES], maxPercentage: 100 },
  metrics: {},
  hooks: { before: [], during: [], after: [] },
};
