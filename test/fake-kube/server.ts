// HTTPS front door: bearer-token auth, latency, request log, discovery, and routing of resource
// paths to the REST handlers. Every error leaves as a metav1.Status.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discovery } from './discovery.js';
import { openapi } from './openapi.js';
import { decodeAccessReview, isProtobuf } from './protobuf.js';
import { selfSubjectAccessReview } from './rbac.js';
import type { RequestLog } from './request-log.js';
import { findType } from './resources.js';
import { getObject, listObjects, watchObjects } from './rest-read.js';
import { deleteCollection, deleteObject } from './rest-delete.js';
import { createObject, patchObject, replaceObject } from './rest-write.js';
import { authorize, attributes, type FakeState, type Reply, type ResourceRequest, served } from './state.js';
import { badRequest, internalError, methodNotAllowed, pathNotFound, StatusError, unauthorized, unsupportedMediaType } from './status.js';
import type { TlsMaterial } from './tls.js';
import type { ApiFault } from './behaviour.js';

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  res.writeHead(reply.code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...reply.headers });
  res.end(`${JSON.stringify(reply.body)}\n`);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const VERB_OF: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch' };

/** Splits /api/v1/... or /apis/g/v/... into a resource request, or undefined when it is not one. */
function resourceRequest(state: FakeState, path: string, base: Omit<ResourceRequest, 'type'>): ResourceRequest | undefined {
  const segs = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api' && segs.length >= 3) [group, version, rest] = ['', segs[1]!, segs.slice(2)];
  else if (segs[0] === 'apis' && segs.length >= 4) [group, version, rest] = [segs[1]!, segs[2]!, segs.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub] = rest;
  const type = findType(served(state), group, version, plural!);
  if (!type || sub !== undefined || rest.length > 3) return undefined;
  if (namespace !== undefined && !type.namespaced) return undefined;
  if (namespace === undefined && type.namespaced && name !== undefined) return undefined;
  return { ...base, type, ...(namespace !== undefined ? { namespace } : {}), ...(name !== undefined ? { name } : {}) };
}

function route(state: FakeState, r: ResourceRequest, res: ServerResponse): Reply | undefined {
  const watching = r.query.get('watch') === 'true' || r.query.get('watch') === '1';
  const verb =
    r.method === 'GET' ? (watching ? 'watch' : r.name ? 'get' : 'list')
    : r.method === 'DELETE' ? (r.name ? 'delete' : 'deletecollection')
    : VERB_OF[r.method];
  if (!verb || !r.type.verbs.includes(verb)) throw methodNotAllowed();
  if (isProtobuf(r.headers['content-type']) && r.type.kind !== 'SelfSubjectAccessReview') {
    throw unsupportedMediaType(String(r.headers['content-type']), ['application/json', 'application/yaml']);
  }
  if (r.type.kind === 'SelfSubjectAccessReview') {
    let body: unknown;
    try {
      body = isProtobuf(r.headers['content-type']) ? decodeAccessReview(r.raw) : JSON.parse(r.body);
    } catch {
      throw badRequest('the body of the request could not be decoded as a SelfSubjectAccessReview');
    }
    return { code: 201, body: selfSubjectAccessReview(state.behaviour.rbacDeny, body) };
  }
  if (verb === 'watch' || verb === 'get' || verb === 'list') authorize(state, attributes(r, verb));
  if (verb === 'watch') {
    watchObjects(state, r, res);
    return undefined;
  }
  if (verb === 'get') return getObject(state, r);
  if (verb === 'list') return listObjects(state, r);
  if (verb === 'create') {
    if (r.name !== undefined) throw methodNotAllowed();
    return createObject(state, r);
  }
  if (r.name === undefined && verb !== 'deletecollection') throw methodNotAllowed();
  if (verb === 'update') return replaceObject(state, r);
  if (verb === 'patch') return patchObject(state, r);
  if (verb === 'delete') return deleteObject(state, r);
  return deleteCollection(state, r);
}

/** The first configured API fault matching this request (consumed when it has a count). */
function takeFault(state: FakeState, method: string, path: string): ApiFault | undefined {
  const fault = state.behaviour.faults.find((f) => (f.method === undefined || f.method === method) && (f.path === undefined || f.path.test(path)) && (f.times === undefined || f.times > 0));
  if (fault?.times !== undefined) fault.times -= 1;
  return fault;
}

function faultStatus(code: number): object {
  const reason = code === 429 ? 'TooManyRequests' : code === 504 ? 'Timeout' : 'InternalError';
  const message = code === 429 ? 'Too many requests, please try again later.' : `simulated API server failure (${code})`;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

export interface ServerHandle {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(state: FakeState, log: RequestLog, tls: TlsMaterial, token: string): Promise<ServerHandle> {
  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    void handle(req, res).catch((err) => send(res, { code: 500, body: internalError(String(err)).status }));
  });
  let host = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://fake');
    const raw = await readBody(req);
    const body = raw.toString('utf8');
    const entry = {
      method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      authenticated: req.headers.authorization === `Bearer ${token}`, body, time: Date.now(),
    };
    log.add(entry);
    res.on('finish', () => Object.assign(entry, { status: res.statusCode }));
    if (state.behaviour.latencyMs > 0) await new Promise((r) => setTimeout(r, state.behaviour.latencyMs));
    const fault = takeFault(state, entry.method, url.pathname);
    if (fault?.holdMs) await new Promise((r) => setTimeout(r, fault.holdMs));
    if (fault?.reset) return void req.socket.destroy();
    if (fault?.status) {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      return send(res, { code: fault.status, headers, body: faultStatus(fault.status) });
    }
    try {
      if (['/healthz', '/livez', '/readyz'].includes(url.pathname)) {
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        return;
      }
      if (!entry.authenticated) throw unauthorized();
      if (req.method === 'GET') {
        const doc = discovery(url.pathname, req.headers.accept, served(state), host) ?? openapi(url.pathname, served(state));
        if (doc) return send(res, doc);
      }
      const r = resourceRequest(state, url.pathname, { method: entry.method, query: url.searchParams, headers: req.headers, body, raw });
      if (!r) throw pathNotFound();
      const reply = route(state, r, res);
      if (reply) send(res, reply);
      else Object.assign(entry, { status: 200 });
    } catch (err) {
      if (err instanceof StatusError) return send(res, { code: err.code, body: err.status });
      throw err;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url: `https://${host}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of [...state.watches]) w.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
