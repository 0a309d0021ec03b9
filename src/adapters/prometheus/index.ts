// The Metrics port over Prometheus' HTTP API: instant queries with auth, TLS, a per-call deadline and
// bounded retries on transport failures. Never throws for query or transport problems (SPEC §1).
import { setTimeout as sleep } from 'node:timers/promises';
import type { PrometheusConfig } from '../../config/model.js';
import type { Metrics, QueryResult, RangeQuery, RangeResult } from '../../ports.js';
import { resolveEndpoint, type ServiceProxy } from './endpoint.js';
import { redact } from '../../redact.js';
import { parseQueryResponse, parseRangeResponse } from './response.js';
import { classifyTransportError, fetchTransport, nodeTransport, type HttpRequest, type HttpResponse } from './transport.js';

export type { ServiceProxy } from './endpoint.js';

export interface PrometheusOptions {
  /** Replaces the node:http(s) transport; TLS settings are then up to that fetch. */
  fetch?: typeof fetch | undefined;
  /** Reach `cfg.service` through the Kubernetes API service proxy. */
  proxy?: ServiceProxy | undefined;
}

export type PrometheusMetrics = Metrics & { url: string; describe(): string };

const MAX_ATTEMPTS = 3;
const BACKOFF_MS = 250;
/** Beyond this the query goes in a POST form body: long GET URLs hit proxy/server limits. */
const MAX_GET_QUERY_CHARS = 2000;
/** Gateways and a not-yet-ready Prometheus answer these; they are worth another try. */
const RETRY_STATUS = new Set([502, 503, 504]);

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Throws EnvironmentError when the config names an unset env var, an unreadable TLS file, or no URL. */
export function createPrometheus(
  cfg: PrometheusConfig,
  env: Record<string, string | undefined>,
  opts: PrometheusOptions = {},
): PrometheusMetrics {
  const endpoint = resolveEndpoint(cfg, env, opts.proxy);
  const transport = opts.fetch ? fetchTransport(opts.fetch) : nodeTransport(endpoint.tls);
  const url = endpoint.base.href.replace(/\/$/, '');

  function request(api: URL, params: Record<string, string>, signal: AbortSignal): HttpRequest {
    const form = new URLSearchParams(params).toString();
    const headers = { accept: 'application/json', ...endpoint.headers };
    if (form.length <= MAX_GET_QUERY_CHARS) return { method: 'GET', url: new URL(`${api.href}?${form}`), headers, signal };
    return { method: 'POST', url: api, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form, signal };
  }

  function failure(errorType: string, message: string, promql: string): { ok: false; errorType: string; error: string } {
    return { ok: false, errorType, error: redact(`${errorType}: ${message} (query: ${promql})`, endpoint.secrets) };
  }

  type Answer<T> = { ok: true } & T;
  type Parse<T> = (status: number, statusText: string, body: string) => Answer<T> | { ok: false; errorType: string; message: string };

  /** One API call with the deadline, retries and error wording every query shares. */
  async function call<T>(api: URL, params: Record<string, string>, parse: Parse<T>, qopts: { signal?: AbortSignal | undefined }): Promise<Answer<T> | { ok: false; errorType: string; error: string }> {
    const promql = params.query ?? '';
    const deadline = AbortSignal.timeout(cfg.timeoutMs);
    const signal = qopts.signal ? AbortSignal.any([qopts.signal, deadline]) : deadline;
    let lastProblem = '';
    for (let attempt = 1; ; attempt++) {
      const tries = attempt > 1 ? `, ${attempt} attempts` : '';
      let res: HttpResponse | undefined;
      try {
        res = await transport(request(api, params, signal));
      } catch (e) {
        if (qopts.signal?.aborted) return failure('aborted', 'query cancelled', promql);
        if (deadline.aborted) {
          const last = lastProblem ? `; last error: ${lastProblem}` : '';
          return failure('timeout', `no answer from ${url} within ${seconds(cfg.timeoutMs)}${tries}${last}`, promql);
        }
        const t = classifyTransportError(e);
        if (!t.retryable || attempt >= MAX_ATTEMPTS) return failure(t.errorType, `${t.message} (${url}${tries})`, promql);
        lastProblem = t.message;
      }
      if (res && (!RETRY_STATUS.has(res.status) || attempt >= MAX_ATTEMPTS)) {
        const parsed = parse(res.status, res.statusText, res.body);
        return parsed.ok ? parsed : failure(parsed.errorType, `${parsed.message}${attempt > 1 ? ` (${attempt} attempts)` : ''}`, promql);
      }
      if (res) lastProblem = `HTTP ${res.status} ${res.statusText}`;
      // Aborted sleeps fall through: the next attempt fails at once and reports timeout/cancel.
      await sleep(BACKOFF_MS * 2 ** (attempt - 1), undefined, { signal }).catch(() => undefined);
    }
  }

  const queryUrl = new URL(`${url}/api/v1/query`);
  const rangeUrl = new URL(`${url}/api/v1/query_range`);
  const query = (promql: string, qopts: { signal?: AbortSignal } = {}): Promise<QueryResult> => call(queryUrl, { query: promql }, parseQueryResponse, qopts);
  const queryRange = (promql: string, r: RangeQuery): Promise<RangeResult> =>
    call(rangeUrl, { query: promql, start: String(r.startMs / 1000), end: String(r.endMs / 1000), step: String(r.stepMs / 1000) }, parseRangeResponse, { signal: r.signal });

  return {
    url,
    query,
    queryRange,
    describe: () => [`Prometheus ${url}`, ...endpoint.details, `timeout ${seconds(cfg.timeoutMs)}`].join(', '),
  };
}
