// An authenticating reverse proxy in front of Prometheus (like an ingress with basic auth, an OAuth
// proxy, or a Mimir gateway wanting X-Scope-OrgID), optionally over TLS, optionally demanding a client
// certificate. It records what reached it so tests can prove which credentials were sent.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AuthProxyOptions {
  /** Base URL of the real Prometheus. */
  upstream: string;
  basic?: { username: string; password: string };
  bearer?: string;
  /** Only paths under this prefix are served (404 otherwise), forwarded without it: a service proxy. */
  pathPrefix?: string;
  /** Headers that must be present with exactly these values (403 otherwise). */
  headers?: Record<string, string>;
  /** Serve HTTPS with this certificate; with `clientCa`, demand a client certificate it signed. */
  tls?: { cert: string; key: string; clientCa?: string };
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface AuthProxy {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

function authorized(opts: AuthProxyOptions, header: string | undefined): boolean {
  if (!opts.basic && !opts.bearer) return true;
  const basic = opts.basic && `Basic ${Buffer.from(`${opts.basic.username}:${opts.basic.password}`).toString('base64')}`;
  const bearer = opts.bearer && `Bearer ${opts.bearer}`;
  return header !== undefined && (header === basic || header === bearer);
}

function forward(upstream: string, path: string, req: IncomingMessage, body: string, res: ServerResponse, done: (status: number) => void): void {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
  const up = request(new URL(path, upstream), { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'text/plain' });
    answer.pipe(res);
    done(answer.statusCode ?? 502);
  });
  up.on('error', (e) => {
    res.writeHead(502).end(`upstream: ${e.message}`);
    done(502);
  });
  up.end(body);
}

export async function startAuthProxy(opts: AuthProxyOptions): Promise<AuthProxy> {
  const requests: SeenRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, status: 0 };
      requests.push(seen);
      if (!authorized(opts, req.headers.authorization)) {
        seen.status = 401;
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="prometheus"' }).end('401 Unauthorized\n');
        return;
      }
      const missing = Object.entries(opts.headers ?? {}).find(([k, v]) => req.headers[k.toLowerCase()] !== v);
      if (missing) {
        seen.status = 403;
        res.writeHead(403, { 'content-type': 'text/plain' }).end(`missing or wrong ${missing[0]} header\n`);
        return;
      }
      const path = req.url ?? '/';
      if (opts.pathPrefix && !path.startsWith(opts.pathPrefix)) {
        seen.status = 404;
        res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
        return;
      }
      forward(opts.upstream, path.slice(opts.pathPrefix?.length ?? 0), req, body, res, (status) => (seen.status = status));
    });
  };
  const server = opts.tls
    ? createHttpsServer(
        { cert: opts.tls.cert, key: opts.tls.key, ...(opts.tls.clientCa ? { ca: opts.tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}) },
        handler,
      )
    : createHttpServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export interface TestCertificates {
  dir: string;
  /** Self-signed server certificate for 127.0.0.1/localhost (its own CA), and its key. */
  serverCert: string;
  serverKey: string;
  /** Self-signed client certificate (trusted directly by the server) and its key. */
  clientCert: string;
  clientKey: string;
  /** File paths of the above, for prometheus.tls.{caFile,certFile,keyFile}. */
  files: { serverCert: string; clientCert: string; clientKey: string };
  remove(): void;
}

/** Fresh self-signed certificates via openssl (EC P-256: fast to generate). */
export function makeCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-tls-'));
  const selfSigned = (name: string, cn: string, ext: string): void => {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
      '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`), '-subj', `/CN=${cn}`,
      '-addext', ext,
    ], { stdio: 'pipe' });
  };
  selfSigned('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost');
  selfSigned('client', 'chaos-client', 'extendedKeyUsage=clientAuth');
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  return {
    dir,
    serverCert: read('server.crt'),
    serverKey: read('server.key'),
    clientCert: read('client.crt'),
    clientKey: read('client.key'),
    files: { serverCert: join(dir, 'server.crt'), clientCert: join(dir, 'client.crt'), clientKey: join(dir, 'client.key') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
