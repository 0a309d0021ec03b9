// An HTTP proxy in front of one of chaos's own dependencies (Prometheus) that can be told, at runtime,
// to misbehave: add latency, answer 429 with Retry-After or 500, reset connections, or hold a request
// past the client's timeout. Tests of the tool under faults, not only of the app.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode =
  | { kind: 'pass' }
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; code: number; retryAfterSeconds?: number }
  | { kind: 'reset' }
  | { kind: 'hold' };

export interface FaultProxy {
  url: string;
  mode: ProxyMode;
  /** Requests seen, with what the proxy did to them. */
  seen: { path: string; mode: ProxyMode['kind']; time: number }[];
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const held = new Set<ServerResponse>();
  const proxy: FaultProxy = { url: '', mode: { kind: 'pass' }, seen: [], close: async () => undefined };
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end('upstream unreachable');
      else res.destroy();
    });
    req.pipe(up);
  };
  const server = createServer((req, res) => {
    const mode = proxy.mode;
    proxy.seen.push({ path: req.url ?? '', mode: mode.kind, time: Date.now() });
    switch (mode.kind) {
      case 'pass':
        return forward(req, res);
      case 'latency':
        return void setTimeout(() => forward(req, res), mode.ms);
      case 'status': {
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (mode.retryAfterSeconds !== undefined) headers['Retry-After'] = String(mode.retryAfterSeconds);
        return void res.writeHead(mode.code, headers).end(JSON.stringify({ status: 'error', errorType: 'proxy', error: `simulated ${mode.code}` }));
      }
      case 'reset':
        return void req.socket.destroy();
      case 'hold':
        held.add(res); // never answered: the client's own timeout must fire
        res.on('close', () => held.delete(res));
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const res of held) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return proxy;
}
