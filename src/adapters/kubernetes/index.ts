// The Kubernetes adapter: implements the Cluster port on @kubernetes/client-node 1.4.
// Loaded lazily (await import) by `chaos run` and `chaos cleanup` only: the client costs ~0.6 s to import.
import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.js';
import type { Cluster, ClusterInfo } from '../../ports.js';
import { apply, checkChaosKinds, deleteObject, listManaged } from './chaos-objects.js';
import { waitForGone, waitForInjection, watchInjected } from './chaos-wait.js';
import { makeClients } from './clients.js';
import type { Session } from './clients.js';
import { loadKubeconfig } from './kubeconfig.js';
import type { KubeconfigOptions } from './kubeconfig.js';
import { acquireLease, liveLeaseHolder, releaseLease, renewLease } from './lease.js';
import { canI, countPods, namespaceExists } from './pods.js';

/** How to reach the API server directly (Prometheus through the service proxy). Holds credentials: never log it. */
export interface ProxyTarget {
  baseUrl: string;
  headers: Record<string, string>;
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipVerify?: boolean;
}

export type KubeCluster = Cluster & {
  kubeConfig: KubeConfig;
  proxyTarget(): ProxyTarget;
  /** Which run holds the namespace's lease and until when, while it is live (chaos cleanup --all). */
  liveLeaseHolder(namespace: string): Promise<{ holder: string; until: number } | undefined>;
};

/**
 * Resolves the kubeconfig (--kubeconfig, KUBECONFIG, ~/.kube/config, in-cluster; never localhost:8080)
 * and the context. Contacts no server: the first request is made by the first port call.
 */
export async function connectCluster(opts: KubeconfigOptions & { requestTimeoutMs?: number }): Promise<KubeCluster> {
  const { kc, info } = loadKubeconfig(opts);
  const target = await proxyTargetOf(kc, info);
  const s: Session = { clients: makeClients(kc, info.server, opts.requestTimeoutMs), info };
  return {
    kubeConfig: kc,
    proxyTarget: () => ({ ...target, headers: { ...target.headers } }),
    info: () => ({ ...info }),
    checkChaosKinds: (kinds) => checkChaosKinds(s, kinds),
    namespaceExists: (namespace) => namespaceExists(s, namespace),
    countPods: (namespace, selector) => countPods(s, namespace, selector),
    canI: (verb, group, resource, namespace) => canI(s, verb, group, resource, namespace),
    apply: (obj, o) => apply(s, obj, o?.dryRun === true),
    waitForInjection: (ref, o) => waitForInjection(s, ref, o),
    delete: (ref, o) => deleteObject(s, ref, o?.signal),
    waitForGone: (ref, o) => waitForGone(s, ref, o),
    watchInjected: (ref, o) => watchInjected(s, ref, o),
    listManaged: (labels, namespace) => listManaged(s, labels, namespace),
    acquireLease: (namespace, holder, ttlMs) => acquireLease(s, namespace, holder, ttlMs),
    renewLease: (lease) => renewLease(s, lease),
    releaseLease: (lease) => releaseLease(s, lease),
    liveLeaseHolder: (namespace) => liveLeaseHolder(s, namespace),
  };
}

/** Resolves credentials once (runs exec plugins, reads cert files), which also surfaces a broken user entry early. */
async function proxyTargetOf(kc: KubeConfig, info: ClusterInfo): Promise<ProxyTarget> {
  const o: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(o);
  } catch (e) {
    const msg = (e as Error).message;
    const insecureHttp = msg.startsWith('HTTP protocol is not allowed');
    throw new EnvironmentError(`cannot use context "${info.context}" (server ${info.server}): ${msg}`, {
      hint: insecureHttp
        ? 'use an https:// server, or set insecure-skip-tls-verify: true on the cluster entry if plain http is really intended'
        : `check the user entry "${info.user ?? ''}" of that context (certificate files, exec plugin, token)`,
      cause: e,
    });
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') headers[k] = String(v);
  }
  if (o.auth) headers.Authorization = `Basic ${Buffer.from(o.auth).toString('base64')}`;
  const pem = (v: unknown): string | undefined =>
    Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'string' ? v : undefined;
  const target: ProxyTarget = { baseUrl: info.server.replace(/\/+$/, ''), headers };
  const ca = pem(o.ca);
  const cert = pem(o.cert);
  const key = pem(o.key);
  if (ca !== undefined) target.ca = ca;
  if (cert !== undefined) target.cert = cert;
  if (key !== undefined) target.key = key;
  if (kc.getCurrentCluster()?.skipTLSVerify) target.insecureSkipVerify = true;
  return target;
}
