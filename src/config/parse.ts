// chaos.config.yml text → Config (defaults filled in) and every problem in it, located precisely.
import type { Issue } from '../errors.js';
import { positiveMs } from '../experiment/fault.js';
import { normaliseHooks } from '../experiment/hooks.js';
import { labelKeyError } from '../experiment/selector.js';
import type { Reporter } from '../experiment/problems.js';
import { parseYaml } from '../experiment/yaml/source.js';
import { schemaProblems } from '../experiment/schema/check.js';
import { DEFAULT_CONFIG, type Config, type MetricDef } from './model.js';
import type { ConfigInput, MetricInput } from '../experiment/schema/config.js';
import { templateError } from './templates.js';

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

export function parseConfigText(file: string, text: string): { config: Config; issues: Issue[] } {
  const issues: Issue[] = [];
  const config = defaultConfig();
  const src = parseYaml(file, text);
  issues.push(...src.issues);
  if (src.fatal || src.value === undefined || src.value === null) return { config, issues };
  const r = src.reporter(issues);
  if (typeof src.value !== 'object' || Array.isArray(src.value)) {
    r.report([], 'expected a mapping with kubernetes, prometheus, defaults, metrics and hooks');
    return { config, issues };
  }
  const problems = schemaProblems('config', src.value, []);
  for (const p of problems) r.report(p.path, p.message, p.at);
  // Sections (and single metrics) that passed their schema are used and checked further.
  const failed = new Set(problems.flatMap((p) => [String(p.path[0]), `${String(p.path[0])}.${String(p.path[1])}`]));
  const raw = src.value as ConfigInput;
  if (raw.kubernetes && !failed.has('kubernetes')) {
    config.kubernetes = { ...raw.kubernetes };
    if (raw.kubernetes.namespace !== undefined) config.kubernetes.namespaceOrigin = { ...r.source(['kubernetes', 'namespace']), path: 'kubernetes.namespace' };
  }
  if (raw.policy && !failed.has('policy')) applyPolicy(config, raw.policy);
  if (raw.prometheus && !failed.has('prometheus')) applyPrometheus(config, raw.prometheus, r);
  if (raw.defaults && !failed.has('defaults')) applyDefaults(config, raw.defaults, r);
  for (const [name, def] of Object.entries(raw.metrics ?? {})) {
    config.metrics[name] = failed.has(`metrics.${name}`) ? placeholder(def) : metricDef(name, def, r);
  }
  if (raw.hooks && !failed.has('hooks')) config.hooks = normaliseHooks(raw.hooks, config.hooks, ['hooks'], r);
  return { config, issues: issues.sort((a, b) => a.line - b.line || a.col - b.col) };
}

export function defaultConfig(): Config {
  return structuredClone(DEFAULT_CONFIG);
}

function applyPrometheus(config: Config, p: NonNullable<ConfigInput['prometheus']>, r: Reporter): void {
  const at = (...k: string[]) => ['prometheus', ...k];
  if (p.url !== undefined && p.service !== undefined) r.report(at('service'), 'set url or service, not both', 'key');
  if (p.url !== undefined && hasCredentials(p.url)) r.report(at('url'), 'credentials in the URL: use basicAuth { username, passwordEnv } instead');
  for (const name of Object.keys(p.headers ?? {}))
    if (SECRET_HEADERS.has(name.toLowerCase())) r.report(at('headers', name), `${name} never lives in this file: use bearerTokenEnv or basicAuth`, 'key');
  const timeoutMs = p.timeout === undefined ? undefined : positiveMs(p.timeout, at('timeout'), r);
  config.prometheus = {
    url: p.url,
    service: p.service,
    bearerTokenEnv: p.bearerTokenEnv,
    basicAuth: p.basicAuth,
    tls: p.tls,
    headers: { ...(p.headers ?? {}) },
    timeoutMs: timeoutMs ?? config.prometheus.timeoutMs,
  };
}

function hasCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== '' || u.password !== '';
  } catch {
    return false;
  }
}

function applyPolicy(config: Config, p: NonNullable<ConfigInput['policy']>): void {
  config.policy = {
    protectedNamespaces: p.protectedNamespaces ? [...p.protectedNamespaces] : config.policy.protectedNamespaces,
    maxPods: p.maxPods ?? config.policy.maxPods,
    maxPercentage: p.maxPercentage ?? config.policy.maxPercentage,
  };
}

function applyDefaults(config: Config, d: NonNullable<ConfigInput['defaults']>, r: Reporter): void {
  const ms = (key: 'pollInterval' | 'injectionTimeout' | 'recoveryTimeout' | 'revertTimeout' | 'baselineWindow', fallback: number) => {
    const text = d[key];
    return (text === undefined ? undefined : positiveMs(text, ['defaults', key], r)) ?? fallback;
  };
  const bad = d.serviceLabel === undefined ? undefined : labelKeyError(d.serviceLabel);
  if (bad) r.report(['defaults', 'serviceLabel'], bad);
  const current = config.defaults;
  config.defaults = {
    serviceLabel: bad ? current.serviceLabel : (d.serviceLabel ?? current.serviceLabel),
    pollIntervalMs: ms('pollInterval', current.pollIntervalMs),
    injectionTimeoutMs: ms('injectionTimeout', current.injectionTimeoutMs),
    recoveryTimeoutMs: ms('recoveryTimeout', current.recoveryTimeoutMs),
    revertTimeoutMs: ms('revertTimeout', current.revertTimeoutMs),
    blindAbortAfter: d.blindAbortAfter ?? current.blindAbortAfter,
    baselineWindowMs: ms('baselineWindow', current.baselineWindowMs),
  };
}

function metricDef(name: string, def: MetricInput, r: Reporter): MetricDef {
  const at = (...k: string[]) => ['metrics', name, ...k];
  if (name === 'recovery_time') r.report(at(), 'recovery_time is built in (measured by chaos, not Prometheus): choose another name', 'key');
  if (def.query === undefined && def.values === undefined) r.report(at(), 'needs query (PromQL) or values (named queries)', 'key');
  const check = (query: string, ...path: string[]) => {
    const bad = templateError(query);
    if (bad) r.report(at(...path), bad);
  };
  if (def.query !== undefined) check(def.query, 'query');
  for (const [value, v] of Object.entries(def.values ?? {})) check(v.query, 'values', value, 'query');
  return { ...def, values: def.values && Object.fromEntries(Object.entries(def.values).map(([k, v]) => [k, { ...v }])) };
}

/** A metric whose definition is broken (already reported) still exists, so criteria naming it add no noise. */
function placeholder(def: unknown): MetricDef {
  const values = typeof def === 'object' && def !== null && 'values' in def && typeof def.values === 'object' && def.values ? def.values : {};
  const names = Object.keys(values);
  return { query: '', values: names.length > 0 ? Object.fromEntries(names.map((k) => [k, { query: '' }])) : undefined };
}
