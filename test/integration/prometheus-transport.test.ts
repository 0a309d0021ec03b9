// Transport behaviour of the adapter: unreachable servers, bounded retries, what is (not) retried,
// deadline and cancellation, configuration errors at creation. Uses tiny local servers, no Prometheus.
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheus } from '../../src/adapters/prometheus/index.js';
import type { PrometheusConfig } from '../../src/config/model.js';
import { EnvironmentError } from '../../src/errors.js';

const servers: (Server | NetServer)[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((ok) => s.close(ok))));
});

async function listen<S extends Server | NetServer>(server: S): Promise<string> {
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An HTTP server answering from a script of (status, body) pairs; counts requests. */
async function scripted(answers: [number, unknown][]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const handler: RequestListener = (_req, res) => {
    const [status, body] = answers[Math.min(hits, answers.length - 1)] ?? [500, ''];
    hits++;
    res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  return { url: await listen(createHttpServer(handler)), hits: () => hits };
}

const cfg = (url: string, extra: Partial<PrometheusConfig> = {}): PrometheusConfig => ({ url, headers: {}, timeoutMs: 10_000, ...extra });
const success = { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '7'] }] } };

describe('unreachable Prometheus', () => {
  it('answers ok:false (never throws) with the address and the attempts made', async () => {
    // Grab a free port, then close it: nothing listens there.
    const url = await listen(createNetServer());
    await new Promise((ok) => servers.pop()?.close(ok));
    const r = await createPrometheus(cfg(url), {}).query('up');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errorType).toBe('network');
    expect(!r.ok && r.error).toContain('ECONNREFUSED');
    expect(!r.ok && r.error).toContain(`${url}, 3 attempts`);
    expect(!r.ok && r.error).toMatch(/\(query: up\)$/);
  });

  it('retries a dropped connection a bounded number of times', async () => {
    let connections = 0;
    const url = await listen(createNetServer((socket) => (connections++, socket.destroy())));
    const r = await createPrometheus(cfg(url), {}).query('up');
    expect(r).toMatchObject({ ok: false, errorType: 'network' });
    expect(connections).toBe(3);
  });

  it('retries 503 from a gateway and returns the answer that follows', async () => {
    const s = await scripted([[503, 'upstream not ready'], [200, success]]);
    expect(await createPrometheus(cfg(s.url), {}).query('up')).toEqual({ ok: true, series: [{ labels: {}, value: 7 }] });
    expect(s.hits()).toBe(2);
  });

  it('does not retry a query error', async () => {
    const s = await scripted([[400, { status: 'error', errorType: 'bad_data', error: 'parse error' }]]);
    const r = await createPrometheus(cfg(s.url), {}).query('up(');
    expect(r).toEqual({ ok: false, errorType: 'bad_data', error: 'bad_data: parse error (query: up()' });
    expect(s.hits()).toBe(1);
  });

  it('reports a non-Prometheus answer as such', async () => {
    const s = await scripted([[200, '<html>login page</html>']]);
    const r = await createPrometheus(cfg(s.url), {}).query('up');
    expect(r).toMatchObject({ ok: false, errorType: 'bad_response' });
    expect(!r.ok && r.error).toContain('login page');
  });

  it('gives up at the deadline with errorType timeout', async () => {
    const url = await listen(createHttpServer(() => undefined)); // accepts, never answers
    const r = await createPrometheus(cfg(url, { timeoutMs: 300 }), {}).query('up');
    expect(r).toMatchObject({ ok: false, errorType: 'timeout' });
    expect(!r.ok && r.error).toContain(`no answer from ${url} within 300ms`);
  });

  it('stops when the caller aborts', async () => {
    const url = await listen(createHttpServer(() => undefined));
    const ac = new AbortController();
    const pending = createPrometheus(cfg(url), {}).query('up', { signal: ac.signal });
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, errorType: 'aborted' });
  });

  it('uses a caller-supplied fetch when given', async () => {
    const s = await scripted([[200, success]]);
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(String(input));
      return fetch(input, init);
    };
    expect(await createPrometheus(cfg(s.url), {}, { fetch: spy }).query('up')).toMatchObject({ ok: true });
    expect(seen).toEqual([`${s.url}/api/v1/query?query=up`]);
  });

  it('keeps a path prefix of the URL (Prometheus behind /prometheus/)', async () => {
    const paths: string[] = [];
    const url = await listen(createHttpServer((req, res) => (paths.push(req.url ?? ''), res.end(JSON.stringify(success)))));
    expect(await createPrometheus(cfg(`${url}/prometheus/`), {}).query('up')).toMatchObject({ ok: true });
    expect(paths).toEqual(['/prometheus/api/v1/query?query=up']);
  });
});

describe('configuration problems surface when the adapter is created', () => {
  it.each<[string, Partial<PrometheusConfig>, RegExp]>([
    ['no URL', { url: undefined }, /no Prometheus URL/],
    ['a bad URL', { url: 'not a url' }, /not a valid URL/],
    ['a non-http URL', { url: 'ftp://prom' }, /http:\/\/ or https:\/\//],
    ['an unset token variable', { bearerTokenEnv: 'PROM_TOKEN_UNSET' }, /PROM_TOKEN_UNSET.*not set/],
    ['an unset password variable', { basicAuth: { username: 'u', passwordEnv: 'PROM_PW_UNSET' } }, /PROM_PW_UNSET.*not set/],
    ['two kinds of auth', { bearerTokenEnv: 'T', basicAuth: { username: 'u', passwordEnv: 'T' } }, /not several/],
    ['an Authorization header and a token', { bearerTokenEnv: 'T', headers: { Authorization: 'Bearer x' } }, /not several/],
    ['TLS on an http URL', { tls: { insecureSkipVerify: true } }, /not https/],
    ['an unreadable CA file', { url: 'https://prom', tls: { caFile: '/nonexistent/ca.pem' } }, /caFile: cannot read \/nonexistent\/ca.pem/],
    ['a cert without key', { url: 'https://prom', tls: { certFile: '/etc/hostname' } }, /certFile and keyFile go together/],
    ['a service without a cluster', { url: undefined, service: 'monitoring/prom:9090' }, /needs a Kubernetes connection/],
  ])('%s → EnvironmentError', (_what, extra, message) => {
    const create = () => createPrometheus(cfg('http://127.0.0.1:9090', extra), { T: 'token-value' });
    expect(create).toThrow(EnvironmentError);
    expect(create).toThrow(message);
  });
});
