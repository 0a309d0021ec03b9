// HTTP for the Prometheus adapter. node:http(s) by default because Node 20's fetch cannot take a CA,
// a client certificate or an insecure flag without importing undici.
import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string | undefined;
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  body: string;
}

/** Resolves with any HTTP status; rejects only when no HTTP answer arrived. */
export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

export interface TlsMaterial {
  ca?: string | Buffer | undefined;
  cert?: string | Buffer | undefined;
  key?: string | Buffer | undefined;
  /** false only when the user explicitly asked for insecureSkipVerify. */
  rejectUnauthorized: boolean;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function nodeTransport(tls: TlsMaterial): Transport {
  const agent = new HttpsAgent({ ...tls, keepAlive: false });
  return (req) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const send = req.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const headers = req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
      const r = send(req.url, { method: req.method, headers, signal: req.signal, ...(req.url.protocol === 'https:' ? { agent } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) res.destroy(Object.assign(new Error('answer larger than 64 MiB'), { code: 'ETOOBIG' }));
          else chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      r.on('error', reject);
      r.end(req.body);
    });
}

/** For callers that bring their own fetch (TLS settings are then the fetch's business). */
export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (req) => {
    const res = await fetchImpl(req.url, { method: req.method, headers: req.headers, body: req.body ?? null, signal: req.signal });
    return { status: res.status, statusText: res.statusText, body: await res.text() };
  };
}

export interface TransportFailure {
  errorType: 'network' | 'tls';
  message: string;
  retryable: boolean;
}

const VERIFY_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT/;

/** Works for node:http errors (e.code) and fetch's TypeError('fetch failed', { cause }). */
export function classifyTransportError(e: unknown): TransportFailure {
  const err = e as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = typeof err.code === 'string' ? err.code : typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  const message = String(err.cause?.message ?? err.message ?? e);
  // OpenSSL alerts arrive as "80DC…:error:0A00045C:SSL routines:…:tlsv13 alert certificate required:…".
  const alert = /alert ([a-z ]+)/.exec(message)?.[1];
  if (alert || code?.startsWith('ERR_SSL') || code === 'EPROTO') {
    const what = alert ? `the server ended the TLS handshake: ${alert}` : message;
    const hint = /certificate|handshake|unknown ca/.test(alert ?? '') ? ' (does it want a client certificate? set prometheus.tls.certFile and keyFile)' : '';
    return { errorType: 'tls', message: `${what}${hint}`, retryable: false };
  }
  if (code && VERIFY_CODES.test(code) && !code.startsWith('ERR_SSL')) {
    const hint = ' (set prometheus.tls.caFile to the CA that signed the server certificate, or insecureSkipVerify: true to skip verification)';
    return { errorType: 'tls', message: `server certificate not trusted: ${message} [${code}]${hint}`, retryable: false };
  }
  if (code === 'ETOOBIG') return { errorType: 'network', message, retryable: false };
  return { errorType: 'network', message: code && !message.includes(code) ? `${message} [${code}]` : message, retryable: true };
}
