// For tests: a real client-node setup against a fake cluster, manifests, and Status extraction.
import * as k8s from '@kubernetes/client-node';
import type { FakeCluster } from './index.js';

export const NS = 'materi-production';
export const API_VERSION = 'chaos-mesh.org/v1alpha1';

export interface Clients {
  kc: k8s.KubeConfig;
  objects: k8s.KubernetesObjectApi;
  core: k8s.CoreV1Api;
  custom: k8s.CustomObjectsApi;
}

export function clients(c: FakeCluster): Clients {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(c.kubeconfigPath);
  return {
    kc,
    objects: k8s.KubernetesObjectApi.makeApiClient(kc),
    core: kc.makeApiClient(k8s.CoreV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
  };
}

export function networkChaos(name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}): any {
  return {
    apiVersion: API_VERSION,
    kind: 'NetworkChaos',
    metadata: { name, namespace: NS, labels: { 'app.kubernetes.io/managed-by': 'chaos', ...labels } },
    spec: { action: 'delay', mode: 'all', selector: { labelSelectors: { app: 'api' } }, delay: { latency: '500ms' }, duration: '5m', ...spec },
  };
}

export function podChaos(name: string, spec: Record<string, unknown>): any {
  return { apiVersion: API_VERSION, kind: 'PodChaos', metadata: { name, namespace: NS }, spec };
}

/** Server-side apply as the tool does it (field manager `chaos`, force). */
export function apply(api: k8s.KubernetesObjectApi, obj: any, opts: { manager?: string; force?: boolean; dryRun?: string } = {}) {
  return api.patch(obj, undefined, opts.dryRun, opts.manager ?? 'chaos', opts.force ?? true, k8s.PatchStrategy.ServerSideApply);
}

/** The Status body of a failed call (client-node keeps it as a JSON string). */
export async function apiError(p: Promise<unknown>): Promise<{ code: number; body: any }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof k8s.ApiException) return { code: e.code, body: typeof e.body === 'string' ? JSON.parse(e.body) : e.body };
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** A request with the cluster's CA and (unless told otherwise) its token, bypassing client-node. */
export async function rawRequest(
  c: FakeCluster,
  method: string,
  path: string,
  opts: { token?: string; body?: string; contentType?: string } = {},
): Promise<{ status: number; body: any }> {
  const { request } = await import('node:https');
  const token = opts.token ?? c.token;
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (opts.contentType) headers['Content-Type'] = opts.contentType;
  return new Promise((resolve, reject) => {
    const req = request(`${c.url}${path}`, { method, ca: c.caPem, headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export const rawGet = (c: FakeCluster, path: string, token?: string) => rawRequest(c, 'GET', path, token === undefined ? {} : { token });
