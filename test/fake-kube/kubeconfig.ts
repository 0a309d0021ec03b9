// Writes a real kubeconfig (certificate-authority-data, bearer token, context namespaces).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigContext {
  name: string;
  namespace?: string;
  /** Defaults to the fake cluster's server; set to point a context elsewhere. */
  server?: string;
}

export interface KubeconfigOptions {
  server: string;
  caPem: string;
  token: string;
  /** The first one is current unless currentContext says otherwise. */
  contexts: (string | KubeconfigContext)[];
  currentContext?: string;
  /** Namespace for contexts given by name only. */
  namespace?: string;
  fileName?: string;
}

export function writeKubeconfig(dir: string, opts: KubeconfigOptions): string {
  const contexts = opts.contexts.map((c) => (typeof c === 'string' ? { name: c } : c));
  if (contexts.length === 0) throw new Error('writeKubeconfig needs at least one context');
  const caData = Buffer.from(opts.caPem).toString('base64');
  const clusterName = (c: KubeconfigContext): string => (c.server ? `${c.name}-cluster` : 'fake-cluster');
  const clusters = new Map<string, { server: string }>();
  for (const c of contexts) clusters.set(clusterName(c), { server: c.server ?? opts.server });
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [...clusters].map(([name, { server }]) => ({
      name,
      cluster: { server, 'certificate-authority-data': caData },
    })),
    users: [{ name: 'fake-user', user: { token: opts.token } }],
    contexts: contexts.map((c) => {
      const namespace = c.namespace ?? opts.namespace;
      return {
        name: c.name,
        context: { cluster: clusterName(c), user: 'fake-user', ...(namespace ? { namespace } : {}) },
      };
    }),
    'current-context': opts.currentContext ?? contexts[0]!.name,
  };
  mkdirSync(dir, { recursive: true });
  const path = join(dir, opts.fileName ?? 'kubeconfig');
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}
