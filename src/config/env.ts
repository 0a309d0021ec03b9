// CHAOS_* environment variables override the config file (precedence: flag → env → file → default).
import { UsageError } from '../errors.js';
import { parseDuration } from '../experiment/duration.js';
import { DNS1123_LABEL } from '../experiment/selector.js';
import type { Config } from './model.js';

export function applyEnv(config: Config, env: Record<string, string | undefined>): Config {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const out = structuredClone(config);
  const url = value('CHAOS_PROMETHEUS_URL');
  if (url !== undefined) {
    if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError('CHAOS_PROMETHEUS_URL must be an http:// or https:// URL');
    // An explicit URL replaces a service-proxy setting from the file.
    out.prometheus = { ...out.prometheus, url, service: undefined };
  }
  const context = value('CHAOS_CONTEXT');
  if (context !== undefined) out.kubernetes.context = context;
  const namespace = value('CHAOS_NAMESPACE');
  if (namespace !== undefined) {
    if (!DNS1123_LABEL.test(namespace)) throw new UsageError(`CHAOS_NAMESPACE must be a namespace name (DNS-1123 label), got "${namespace}"`);
    out.kubernetes.namespace = namespace;
    out.kubernetes.namespaceOrigin = { file: 'environment', line: 1, col: 1, path: 'CHAOS_NAMESPACE' };
  }
  const poll = value('CHAOS_POLL_INTERVAL');
  if (poll !== undefined) {
    const ms = parseDuration(poll);
    if (ms === undefined || ms <= 0) throw new UsageError(`CHAOS_POLL_INTERVAL must be a duration like 5s or 1m, got "${poll}"`);
    out.defaults.pollIntervalMs = ms;
  }
  return out;
}
