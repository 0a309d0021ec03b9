// Credentials reach a real Prometheus through an authenticating proxy, and never show up in the
// adapter's url, describe() or error messages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheus, type PrometheusMetrics } from '../../src/adapters/prometheus/index.js';
import type { PrometheusConfig } from '../../src/config/model.js';
import type { QueryResult } from '../../src/ports.js';
import { startAuthProxy, type AuthProxy, type AuthProxyOptions } from '../support/auth-proxy.js';
import { startPrometheus, type RunningPrometheus } from '../support/prometheus.js';

const PASSWORD = 'pw-9f8e7d6c5b4a';
const TOKEN = 'tok-0a1b2c3d4e5f';
const KUBE_TOKEN = 'kube-1234567890ab';

let prom: RunningPrometheus;
const proxies: AuthProxy[] = [];

beforeAll(async () => {
  prom = await startPrometheus();
});
afterAll(async () => {
  await prom?.stop();
});
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

async function proxy(opts: Omit<AuthProxyOptions, 'upstream'>): Promise<AuthProxy> {
  const p = await startAuthProxy({ upstream: prom.url, ...opts });
  proxies.push(p);
  return p;
}

const cfg = (url: string, extra: Partial<PrometheusConfig> = {}): PrometheusConfig => ({ url, headers: {}, timeoutMs: 5_000, ...extra });

/** Everything the adapter could show to a person or a log. */
function visible(p: PrometheusMetrics, r: QueryResult): string {
  return [p.url, p.describe(), r.ok ? '' : r.error].join('\n');
}

// vector(42) needs no data: it proves the request reached Prometheus and came back.
const FORTY_TWO = { ok: true, series: [{ labels: {}, value: 42 }] };

describe('basic auth', () => {
  it('sends the username and the password from the named env var', async () => {
    const px = await proxy({ basic: { username: 'chaos', password: PASSWORD } });
    const p = createPrometheus(cfg(px.url, { basicAuth: { username: 'chaos', passwordEnv: 'PROM_PW' } }), { PROM_PW: PASSWORD });
    const r = await p.query('vector(42)');
    expect(r).toEqual(FORTY_TWO);
    expect(px.requests.map((x) => x.status)).toEqual([200]);
    expect(p.describe()).toContain('basic auth as chaos (password from $PROM_PW)');
    expect(visible(p, r)).not.toContain(PASSWORD);
  });

  it('fails with a 401 that points at the config, without showing the wrong password', async () => {
    const px = await proxy({ basic: { username: 'chaos', password: PASSWORD } });
    const wrong = 'wrong-password-123';
    const p = createPrometheus(cfg(px.url, { basicAuth: { username: 'chaos', passwordEnv: 'PROM_PW' } }), { PROM_PW: wrong });
    const r = await p.query('vector(42)');
    expect(r).toMatchObject({ ok: false, errorType: 'http' });
    expect(!r.ok && r.error).toMatch(/^http: HTTP 401 Unauthorized.*check prometheus\.bearerTokenEnv, basicAuth and headers/);
    expect(visible(p, r)).not.toContain(wrong);
    expect(px.requests).toHaveLength(1); // a 401 is not retried
  });

  it('takes credentials from the URL and strips them from url and describe()', async () => {
    const px = await proxy({ basic: { username: 'chaos', password: PASSWORD } });
    const p = createPrometheus(cfg(px.url.replace('http://', `http://chaos:${PASSWORD}@`)), {});
    const r = await p.query('vector(42)');
    expect(r).toEqual(FORTY_TWO);
    expect(p.url).toBe(px.url);
    expect(visible(p, r)).not.toContain(PASSWORD);
  });
});

describe('bearer token', () => {
  it('sends the token from the named env var', async () => {
    const px = await proxy({ bearer: TOKEN });
    const p = createPrometheus(cfg(px.url, { bearerTokenEnv: 'PROM_TOKEN' }), { PROM_TOKEN: TOKEN });
    const r = await p.query('vector(42)');
    expect(r).toEqual(FORTY_TWO);
    expect(px.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(p.describe()).toContain('bearer token from $PROM_TOKEN');
    expect(visible(p, r)).not.toContain(TOKEN);
  });

  it('is refused without it', async () => {
    const px = await proxy({ bearer: TOKEN });
    const r = await createPrometheus(cfg(px.url), {}).query('vector(42)');
    expect(r).toMatchObject({ ok: false, errorType: 'http' });
  });

  it('keeps the token out of errors even when a server echoes it', async () => {
    // A proxy that reflects the Authorization header in its error page must not leak it through us.
    const { createServer } = await import('node:http');
    const echo = createServer((req, res) => res.writeHead(403).end(`denied for ${req.headers.authorization}`));
    await new Promise<void>((ok) => echo.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
    const p = createPrometheus(cfg(url, { bearerTokenEnv: 'PROM_TOKEN' }), { PROM_TOKEN: TOKEN });
    const r = await p.query('vector(42)');
    await new Promise((ok) => echo.close(ok));
    expect(!r.ok && r.error).toMatch(/denied for Bearer \*\*\*/);
    expect(visible(p, r)).not.toContain(TOKEN);
  });
});

describe('tenant headers', () => {
  it('sends configured headers (X-Scope-OrgID) and names them in describe()', async () => {
    const px = await proxy({ headers: { 'X-Scope-OrgID': 'team-a' } });
    const p = createPrometheus(cfg(px.url, { headers: { 'X-Scope-OrgID': 'team-a' } }), {});
    expect(await p.query('vector(42)')).toEqual(FORTY_TWO);
    expect(p.describe()).toContain('headers X-Scope-OrgID');
    const without = await createPrometheus(cfg(px.url), {}).query('vector(42)');
    expect(!without.ok && without.error).toMatch(/^http: HTTP 403 Forbidden: missing or wrong X-Scope-OrgID header/);
  });

  it('sends auth and tenant headers on long queries sent as POST', async () => {
    const px = await proxy({ bearer: TOKEN, headers: { 'X-Scope-OrgID': 'team-a' } });
    const p = createPrometheus(cfg(px.url, { bearerTokenEnv: 'T', headers: { 'X-Scope-OrgID': 'team-a' } }), { T: TOKEN });
    const long = `vector(42)${' + 0 * vector(1)'.repeat(200)}`;
    expect(await p.query(long)).toEqual(FORTY_TWO);
    expect(px.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/query', status: 200 });
    expect(px.requests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(px.requests[0]?.body).get('query')).toBe(long);
  });
});

describe('through the Kubernetes API service proxy', () => {
  const prefix = '/api/v1/namespaces/monitoring/services/prometheus-k8s:9090/proxy';

  it('queries <apiserver>/api/v1/namespaces/<ns>/services/<name>:<port>/proxy with the cluster credentials', async () => {
    const apiserver = await proxy({ bearer: KUBE_TOKEN, pathPrefix: prefix, headers: { 'X-Scope-OrgID': 'team-a' } });
    const p = createPrometheus(
      { service: 'monitoring/prometheus-k8s:9090', headers: { 'X-Scope-OrgID': 'team-a' }, timeoutMs: 5_000 },
      {},
      { proxy: { baseUrl: apiserver.url, headers: { Authorization: `Bearer ${KUBE_TOKEN}` } } },
    );
    const r = await p.query('vector(42)');
    expect(r).toEqual(FORTY_TWO);
    expect(apiserver.requests[0]?.path).toBe(`${prefix}/api/v1/query?query=vector%2842%29`);
    expect(p.url).toBe(`${apiserver.url}${prefix}`);
    expect(p.describe()).toContain('service monitoring/prometheus-k8s:9090 via the Kubernetes API service proxy');
    expect(visible(p, r)).not.toContain(KUBE_TOKEN);
  });

  it('refuses Prometheus credentials that would clash with the cluster Authorization header', () => {
    expect(() =>
      createPrometheus(
        { service: 'monitoring/prometheus-k8s:9090', bearerTokenEnv: 'T', headers: {}, timeoutMs: 5_000 },
        { T: TOKEN },
        { proxy: { baseUrl: 'https://127.0.0.1:6443', headers: {} } },
      ),
    ).toThrow(/cannot be combined with prometheus.service/);
  });

  it('keeps the cluster token out of errors', async () => {
    const apiserver = await proxy({ bearer: 'another-token-xyz', pathPrefix: prefix });
    const p = createPrometheus(
      { service: 'monitoring/prometheus-k8s:9090', headers: {}, timeoutMs: 5_000 },
      {},
      { proxy: { baseUrl: apiserver.url, headers: { Authorization: `Bearer ${KUBE_TOKEN}` } } },
    );
    const r = await p.query('vector(42)');
    expect(r).toMatchObject({ ok: false, errorType: 'http' });
    expect(visible(p, r)).not.toContain(KUBE_TOKEN);
  });
});
