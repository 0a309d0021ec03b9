// The two criteria that are not a metric against a threshold (SPEC §10): `{ alert: NAME }` (Prometheus'
// ALERTS series) and `{ http: {...} }` (an HTTP probe). Both become ordinary criteria, sampled each poll.
import type { Criterion, HeaderValue } from '../experiment/model.js';
import type { AlertCriterionInput, HttpCriterionInput } from '../experiment/schema/experiment.js';
import { schemaProblems } from '../experiment/schema/check.js';
import { parseDuration } from '../experiment/duration.js';
import type { Path, Reporter } from '../experiment/problems.js';
import { escapePromString } from './template.js';

export const PROBE_TIMEOUT_MS = 2000;

function checked(id: 'criterion.alert' | 'criterion.http', raw: object, path: Path, reporter: Reporter): boolean {
  const problems = schemaProblems(id, raw, path);
  for (const p of problems) reporter.report(p.path, p.message, p.at);
  return problems.length === 0;
}

/** `ALERTS{alertname="X",alertstate="firing",…}` counted, 0 when none fires (an absent series is "not firing", not "no data"). */
export function alertQuery(name: string, labels: Record<string, string>): string {
  const matchers = [['alertname', name], ['alertstate', 'firing'], ...Object.entries(labels)].map(([k, v]) => `${k}="${escapePromString(v ?? '')}"`);
  return `count(ALERTS{${matchers.join(',')}}) or vector(0)`;
}

/**
 * As a criterion the alert must not fire (count == 0, every sample: steady state and the window); as an
 * abort condition it fires when any matching alert does (count > 0).
 */
export function parseAlert(raw: object, path: Path, reporter: Reporter, abort: boolean): Criterion | undefined {
  if (!checked('criterion.alert', raw, path, reporter)) return undefined;
  const c = raw as AlertCriterionInput;
  const labels = c.labels ?? {};
  const shown = Object.keys(labels).length > 0 ? `{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}` : '';
  return {
    label: `alert ${c.alert}${shown}`,
    source: reporter.source(path),
    query: alertQuery(c.alert, labels),
    op: abort ? '>' : '==',
    value: 0,
    display: '0', // counted firing alerts: reports read it as "not firing" / "abort if firing"
    when: 'always',
    forMs: c.for === undefined ? undefined : parseDuration(c.for),
    aggregate: 'max',
    alert: { name: c.alert, labels },
  };
}

/**
 * A probe sample is 1 when the probe answered as expected, 0 otherwise. A criterion wants 1 every poll;
 * an abort condition fires on 0 (a failing probe).
 */
export function parseHttp(raw: object, path: Path, reporter: Reporter, abort: boolean): Criterion | undefined {
  if (!checked('criterion.http', raw, path, reporter)) return undefined;
  const { http, for: forText } = raw as HttpCriterionInput;
  const headers: Record<string, HeaderValue> = { ...http.headers };
  return {
    label: `http ${http.url}`,
    source: reporter.source(path),
    op: '==',
    value: abort ? 0 : 1,
    display: abort ? 'failing' : `answers ${http.status ?? '2xx'}${http.body_contains !== undefined ? ` containing ${JSON.stringify(http.body_contains)}` : ''}`,
    when: 'always',
    forMs: forText === undefined ? undefined : parseDuration(forText),
    aggregate: 'max',
    probe: {
      url: http.url,
      status: http.status,
      timeoutMs: http.timeout === undefined ? PROBE_TIMEOUT_MS : (parseDuration(http.timeout) ?? PROBE_TIMEOUT_MS),
      bodyContains: http.body_contains,
      headers,
    },
  };
}
