// A fake instrumented app for live-scrape tests: /metrics in the Prometheus text format, with the series
// the shipped metric catalog queries. Every value is a number or a function of { faultActive, elapsedMs },
// so a test can script "the error rate rises while the fault is active".
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ValueContext {
  faultActive: boolean;
  elapsedMs: number;
  /** Set for the per-dependency gauges (circuit_breaker_open, fallback_active). */
  dependency?: string | undefined;
}
export type Value = number | ((ctx: ValueContext) => number);

export interface ServiceValues {
  /** Requests per second, all codes (http_requests_total). */
  rps: Value;
  /** Share of requests answered 500, 0..1. */
  errorRatio: Value;
  /** Latency of every request in seconds; histogram_quantile interpolates inside its bucket. */
  latencySeconds: Value;
  circuitBreakerOpen: Value;
  fallbackActive: Value;
  websocketReconnectSeconds: Value;
  replicationDivergence: Value;
  /** Rate of writes_lost_total, per second. */
  writesLostPerSecond: Value;
}

export interface ServiceSpec {
  namespace: string;
  service: string;
  /** One circuit_breaker_open/fallback_active series per dependency (none: series without the label). */
  dependencies?: string[];
  values?: Partial<ServiceValues>;
}

/** Anything the catalog does not cover; a counter's value is its per-second rate. */
export interface ExtraSeries {
  name: string;
  type: 'gauge' | 'counter';
  labels: Record<string, string>;
  value: Value;
}

export interface MetricsState {
  services: ServiceSpec[];
  extra?: ExtraSeries[];
  /** Asked on every scrape; its answer is `faultActive` for the value functions. */
  faultActive?: () => boolean | Promise<boolean>;
}

export interface MetricsApp {
  /** http://127.0.0.1:port/metrics */
  url: string;
  /** 127.0.0.1:port, for a scrape config. */
  target: string;
  set(partial: Partial<ServiceValues>): void;
  setForService(namespace: string, service: string, partial: Partial<ServiceValues>): void;
  setFaultActive(fn: () => boolean | Promise<boolean>): void;
  /** How many times /metrics was served. */
  scrapes(): number;
  close(): Promise<void>;
}

const DEFAULTS: ServiceValues = {
  rps: 10,
  errorRatio: 0,
  latencySeconds: 0.05,
  circuitBreakerOpen: 0,
  fallbackActive: 0,
  websocketReconnectSeconds: 0,
  replicationDivergence: 0,
  writesLostPerSecond: 0,
};
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];

interface Counters {
  ok: number;
  errors: number;
  buckets: number[];
  sum: number;
  writesLost: number;
}

const resolve = (v: Value, ctx: ValueContext): number => (typeof v === 'function' ? v(ctx) : v);
const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (labels: Record<string, string>): string =>
  `{${Object.entries(labels).map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
const num = (n: number): string => (n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n));

export async function startMetricsApp(initial: MetricsState): Promise<MetricsApp> {
  const started = Date.now();
  let faultActive = initial.faultActive ?? (() => false);
  let lastFault = false;
  let lastT = started;
  let served = 0;
  const services = initial.services.map((spec) => ({
    spec,
    values: { ...DEFAULTS, ...spec.values },
    c: { ok: 0, errors: 0, buckets: BUCKETS.map(() => 0), sum: 0, writesLost: 0 } as Counters,
  }));
  const extraTotals = (initial.extra ?? []).map(() => 0);

  // Counters grow by rate × elapsed time, using the values in force since the previous accumulation.
  function accumulate(now: number): void {
    const dt = (now - lastT) / 1000;
    const ctx = { faultActive: lastFault, elapsedMs: now - started };
    for (const { values, c } of services) {
      const requests = resolve(values.rps, ctx) * dt;
      const errors = requests * resolve(values.errorRatio, ctx);
      const latency = resolve(values.latencySeconds, ctx);
      c.ok += requests - errors;
      c.errors += errors;
      BUCKETS.forEach((le, i) => (c.buckets[i] = (c.buckets[i] ?? 0) + (latency <= le ? requests : 0)));
      c.sum += requests * latency;
      c.writesLost += resolve(values.writesLostPerSecond, ctx) * dt;
    }
    (initial.extra ?? []).forEach((x, i) => {
      if (x.type === 'counter') extraTotals[i] = (extraTotals[i] ?? 0) + resolve(x.value, ctx) * dt;
    });
    lastT = now;
  }

  function render(): string {
    const ctx = { faultActive: lastFault, elapsedMs: lastT - started };
    const out: string[] = [];
    const family = (name: string, type: string, lines: string[]): void => void out.push(`# TYPE ${name} ${type}`, ...lines);
    const per = (f: (s: (typeof services)[number], base: Record<string, string>) => string[]): string[] =>
      services.flatMap((s) => f(s, { namespace: s.spec.namespace, service: s.spec.service }));
    family('http_requests_total', 'counter', per(({ c }, b) => [
      `http_requests_total${labelText({ ...b, code: '200' })} ${c.ok}`,
      `http_requests_total${labelText({ ...b, code: '500' })} ${c.errors}`,
    ]));
    family('http_request_duration_seconds', 'histogram', per(({ c }, b) => [
      ...BUCKETS.map((le, i) => `http_request_duration_seconds_bucket${labelText({ ...b, le: num(le) })} ${c.buckets[i]}`),
      `http_request_duration_seconds_sum${labelText(b)} ${c.sum}`,
      `http_request_duration_seconds_count${labelText(b)} ${c.ok + c.errors}`,
    ]));
    const perDependency = (name: string, pick: (v: ServiceValues) => Value): string[] =>
      per(({ spec, values }, b) =>
        (spec.dependencies?.length ? spec.dependencies : [undefined]).map((dependency) => {
          const labels = dependency ? { ...b, dependency } : b;
          return `${name}${labelText(labels)} ${num(resolve(pick(values), { ...ctx, dependency }))}`;
        }),
      );
    family('circuit_breaker_open', 'gauge', perDependency('circuit_breaker_open', (v) => v.circuitBreakerOpen));
    family('fallback_active', 'gauge', perDependency('fallback_active', (v) => v.fallbackActive));
    const gauge = (name: string, pick: (v: ServiceValues) => Value): void =>
      family(name, 'gauge', per(({ values }, b) => [`${name}${labelText(b)} ${num(resolve(pick(values), ctx))}`]));
    gauge('websocket_reconnect_duration_seconds', (v) => v.websocketReconnectSeconds);
    gauge('replication_divergence', (v) => v.replicationDivergence);
    family('writes_lost_total', 'counter', per(({ c }, b) => [`writes_lost_total${labelText(b)} ${c.writesLost}`]));
    // Extra series sharing a name are one family (one TYPE line), as an exporter writes them.
    const extras = new Map<string, { type: string; lines: string[] }>();
    (initial.extra ?? []).forEach((x, i) => {
      const value = x.type === 'counter' ? (extraTotals[i] ?? 0) : resolve(x.value, ctx);
      const f = extras.get(x.name) ?? { type: x.type, lines: [] };
      f.lines.push(`${x.name}${labelText(x.labels)} ${num(value)}`);
      extras.set(x.name, f);
    });
    for (const [name, f] of extras) family(name, f.type, f.lines);
    return `${out.join('\n')}\n`;
  }

  const server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const active = await faultActive();
      accumulate(Date.now()); // the elapsed interval is credited to the state that was in force
      lastFault = active;
      served++;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(render());
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;

  const update = (match: (s: ServiceSpec) => boolean, partial: Partial<ServiceValues>): void => {
    accumulate(Date.now());
    const hit = services.filter((s) => match(s.spec));
    if (hit.length === 0) throw new Error('metrics-app: no such service');
    for (const s of hit) Object.assign(s.values, partial);
  };

  return {
    url: `http://127.0.0.1:${port}/metrics`,
    target: `127.0.0.1:${port}`,
    set: (partial) => update(() => true, partial),
    setForService: (namespace, service, partial) => update((s) => s.namespace === namespace && s.service === service, partial),
    setFaultActive: (fn) => {
      faultActive = fn;
    },
    scrapes: () => served,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
