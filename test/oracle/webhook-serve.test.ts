// `oracle serve`: the same upstream code behind controller-runtime's admission handlers, over HTTPS with a
// test CA, answering AdmissionReview v1 as Chaos Mesh's webhook server does on a cluster.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tlsMaterial, type TlsMaterial } from '../fake-kube/tls.js';
import { runChaos } from '../e2e/cli.js';
import { examples } from './examples.js';
import { BUILD_TIMEOUT_MS, buildOracle, judge } from './oracle.js';

let server: ChildProcess;
let base = '';
let tls: TlsMaterial;

beforeAll(async () => {
  const bin = await buildOracle();
  tls = await tlsMaterial();
  server = spawn(bin, ['serve', '--cert', join(tls.dir, 'server.crt'), '--key', join(tls.dir, 'server.key'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (https:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.on('exit', (code) => reject(new Error(`oracle serve exited ${code}: ${out}`)));
  });
}, BUILD_TIMEOUT_MS);

afterAll(() => void server?.kill());

interface Review { apiVersion: string; kind: string; response: { uid: string; allowed: boolean; patchType?: string; patch?: string; status?: { code: number; message: string } } }

function post(path: string, body: unknown, trust: 'test-ca' | 'system' = 'test-ca'): Promise<{ status: number; review: Review }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: 'POST', ...(trust === 'test-ca' ? { ca: tls.caPem } : {}), agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, review: JSON.parse(text) as Review }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

let uid = 0;
function review(obj: Record<string, unknown>, operation = 'CREATE') {
  const kind = String(obj.kind);
  const meta = obj.metadata as { name: string; namespace: string };
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `uid-${++uid}`, operation, name: meta.name, namespace: meta.namespace,
      kind: { group: 'chaos-mesh.org', version: 'v1alpha1', kind },
      resource: { group: 'chaos-mesh.org', version: 'v1alpha1', resource: kind.toLowerCase() },
      object: obj, userInfo: { username: 'test' },
    },
  };
}

const patchOf = (r: Review) => JSON.parse(Buffer.from(r.response.patch ?? 'W10=', 'base64').toString()) as Array<{ op: string; path: string; value?: unknown }>;

/** Applies the add/replace operations of a JSON patch (all a defaulting webhook sends). */
function applyPatch(obj: Record<string, unknown>, ops: Array<{ op: string; path: string; value?: unknown }>): Record<string, unknown> {
  const out = structuredClone(obj);
  for (const { op, path, value } of ops) {
    if (op !== 'add' && op !== 'replace') throw new Error(`unexpected patch op ${op}`);
    const keys = path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    let at = out as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]!] = value;
  }
  return out;
}

const network = (spec: Record<string, unknown>) => ({
  apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'NetworkChaos', metadata: { name: 'n', namespace: 'shop' },
  spec: { action: 'delay', mode: 'all', selector: {}, delay: { latency: '10ms' }, duration: '1m', ...spec },
});

describe('oracle serve', () => {
  test('/mutate answers with a JSONPatch of upstream defaults (namespaces, direction, jitter, correlation)', async () => {
    const { status, review: r } = await post('/mutate', review(network({})));
    expect(status).toBe(200);
    expect([r.apiVersion, r.kind, r.response.uid, r.response.allowed, r.response.patchType]).toEqual(['admission.k8s.io/v1', 'AdmissionReview', `uid-${uid}`, true, 'JSONPatch']);
    const ops = patchOf(r).filter((o) => o.path.startsWith('/spec'));
    expect(ops).toEqual(expect.arrayContaining([
      { op: 'add', path: '/spec/selector/namespaces', value: ['shop'] },
      { op: 'add', path: '/spec/direction', value: 'to' },
      { op: 'add', path: '/spec/delay/jitter', value: '0ms' },
      { op: 'add', path: '/spec/delay/correlation', value: '0' },
    ]));
    // v2.8.3 has no partitionBehavior: the served commit's default for it is not sent.
    expect(ops.map((o) => o.path)).not.toContain('/spec/partitionBehavior');
  });

  test('/validate denies what upstream rejects (403, its message) and allows the rest', async () => {
    const bad = await post('/validate', review(network({ mode: 'fixed-percent', value: '150', duration: '5 min' })));
    expect(bad.review.response.allowed).toBe(false);
    expect(bad.review.response.status?.code).toBe(403);
    expect(bad.review.response.status?.message).toContain('value of 150 is invalid, Must be (0,100] with mode:fixed-percent');
    // Upstream's validation needs the defaults its mutating webhook adds first (an empty correlation fails it).
    const good = await post('/validate', review(network({ selector: { namespaces: ['shop'] }, delay: { latency: '10ms', jitter: '0ms', correlation: '0' } })));
    expect(good.review.response.allowed).toBe(true);
  });

  test("upstream's own per-kind paths serve the same handlers", async () => {
    const r = await post('/validate-chaos-mesh-org-v1alpha1-networkchaos', review(network({ direction: 'both', externalTargets: ['1.2.3.4'] })));
    expect(r.review.response.allowed).toBe(false);
    expect(r.review.response.status?.message).toContain('external targets cannot be used with `from` and `both` direction');
    const m = await post('/mutate-chaos-mesh-org-v1alpha1-networkchaos', review(network({})));
    expect(m.review.response.allowed).toBe(true);
  });

  test('a kind without a Chaos Mesh webhook is an error, not an approval', async () => {
    const r = await post('/validate', review({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'shop' } }));
    expect(r.review.response.allowed).toBe(false);
    expect(r.review.response.status?.code).toBe(400);
  });

  test('TLS: a client that does not trust the test CA is refused', async () => {
    await expect(post('/validate', review(network({})), 'system')).rejects.toThrow(/self-signed|unable to verify|certificate/i);
  });

  test('mutate then validate agrees with the stdin mode on every shipped manifest and on rejected ones', async () => {
    const r = await runChaos(['run', '--dry-run', '--output', 'json', ...examples()]);
    expect(r.code).toBe(0);
    const shipped = (JSON.parse(r.stdout) as { experiments: Array<{ manifests: Record<string, unknown>[] }> }).experiments.flatMap((e) => e.manifests);
    const broken = shipped.slice(0, 5).map((o) => ({ ...o, spec: { ...(o.spec as object), duration: '1 day' } }));
    const objects = [...shipped, ...broken];
    const served: boolean[] = [];
    for (const obj of objects) {
      const m = await post('/mutate', review(obj));
      const v = await post('/validate', review(applyPatch(obj, patchOf(m.review))));
      served.push(m.review.response.allowed && v.review.response.allowed);
    }
    expect(served).toEqual(judge(objects).map((v) => v.accepted));
    expect(served.filter((a) => !a)).toHaveLength(broken.length);
  });
});
