// The Probes adapter (Node's fetch) against a local server: status, body, headers from env vars,
// timeouts and refused connections are failed probes, never exceptions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProbes, probeSecrets } from '../../src/adapters/http-probe/index.js';
import type { HttpProbe } from '../../src/experiment/model.js';

let server: Server;
let base = '';
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.url === '/ok') return void res.writeHead(200).end('all ok');
    if (req.url === '/teapot') return void res.writeHead(418).end('short and stout');
    if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 1000);
    res.writeHead(503).end('down');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const spec = (path: string, over: Partial<HttpProbe> = {}): HttpProbe => ({ url: `${base}${path}`, timeoutMs: 2000, headers: {}, ...over });

describe('HTTP probe adapter', () => {
  const probes = createProbes({ HEALTH_HEADER: 'Bearer s3cret-value' });

  it('any 2xx by default; an expected status and body are checked', async () => {
    expect(await probes.probe(spec('/ok'))).toEqual({ ok: true, status: 200, detail: 'HTTP 200' });
    expect(await probes.probe(spec('/ok', { bodyContains: 'ok' }))).toMatchObject({ ok: true });
    expect(await probes.probe(spec('/ok', { bodyContains: 'healthy' }))).toEqual({ ok: false, status: 200, detail: 'HTTP 200 without "healthy" in the body' });
    expect(await probes.probe(spec('/teapot', { status: 418 }))).toMatchObject({ ok: true, status: 418 });
    expect(await probes.probe(spec('/down'))).toEqual({ ok: false, status: 503, detail: 'HTTP 503, expected 2xx' });
    expect(await probes.probe(spec('/ok', { status: 204 }))).toMatchObject({ ok: false, detail: 'HTTP 200, expected 204' });
  });

  it('header values come from env vars ({ env }) or are literal; unset vars are reported for preflight', async () => {
    seen.length = 0;
    await probes.probe(spec('/ok', { headers: { Authorization: { env: 'HEALTH_HEADER' } } }));
    expect(seen).toEqual(['Bearer s3cret-value']);
    expect(probes.missingEnv(spec('/ok', { headers: { Authorization: { env: 'NOPE' }, 'X-A': 'b' } }))).toEqual(['NOPE']);
    expect(probeSecrets([spec('/ok', { headers: { Authorization: { env: 'HEALTH_HEADER' }, 'X-A': 'b' } })], { HEALTH_HEADER: 'Bearer s3cret-value' })).toEqual(['Bearer s3cret-value']);
  });

  it('a timeout and a refused connection are failed probes (reachability), never exceptions', async () => {
    expect(await probes.probe(spec('/slow', { timeoutMs: 100 }))).toEqual({ ok: false, detail: 'timeout: no answer within 100ms' });
    // a port that was just free: nothing listens there
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const refused = await probes.probe({ url: `http://127.0.0.1:${port}/health`, timeoutMs: 2000, headers: {} });
    expect(refused.ok).toBe(false);
    expect(refused.detail).toMatch(/ECONNREFUSED/);
  });

  it('an interrupt cancels a probe in flight: a failed probe, not a timeout', async () => {
    const ac = new AbortController();
    const pending = probes.probe(spec('/slow', { timeoutMs: 5000 }), { signal: ac.signal });
    ac.abort();
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(r.detail).not.toMatch(/^timeout/);
  });
});
