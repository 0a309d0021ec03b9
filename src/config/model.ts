// The validated chaos.config.yml (SPEC §3). Secrets are never stored here: only env var names.
import type { Aggregate, Hooks, When } from '../experiment/model.js';

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

export interface Config {
  /** Absolute path of the file it came from, when one was found. */
  file?: string | undefined;
  kubernetes: { context?: string | undefined; namespace?: string | undefined; allowedContexts?: string[] | undefined };
  prometheus: PrometheusConfig;
  defaults: {
    serviceLabel: string;
    pollIntervalMs: number;
    injectionTimeoutMs: number;
    recoveryTimeoutMs: number;
    revertTimeoutMs: number;
  };
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
  },
  metrics: {},
  hooks: { before: [], during: [], after: [] },
};
