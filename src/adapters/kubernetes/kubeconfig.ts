// Finds and loads the kubeconfig the way kubectl does, but never falls back to an
// unauthenticated http://localhost:8080 (client-node's loadFromDefault does when nothing is found).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Cluster as KcCluster, Context as KcContext, User as KcUser } from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.js';
import type { ClusterInfo } from '../../ports.js';

/** Where Kubernetes mounts a pod's service account; CHAOS_SERVICE_ACCOUNT_DIR moves it (tests, unusual mounts). */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeconfigOptions {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  env: Record<string, string | undefined>;
}

export interface LoadedKubeconfig {
  kc: KubeConfig;
  info: ClusterInfo;
}

const NO_KUBECONFIG_HINT =
  'point chaos at a cluster with --kubeconfig <file>, the KUBECONFIG environment variable, or ~/.kube/config ' +
  '(kind: `kind get kubeconfig --name <cluster> > kubeconfig`; EKS: `aws eks update-kubeconfig`; GKE: `gcloud container clusters get-credentials`)';

export function loadKubeconfig(opts: KubeconfigOptions): LoadedKubeconfig {
  const { kc, source } = loadFromSources(opts);
  selectContext(kc, opts.context, source);
  return { kc, info: describe(kc) };
}

function loadFromSources(opts: KubeconfigOptions): { kc: KubeConfig; source: string } {
  if (opts.kubeconfig !== undefined) {
    if (!existsSync(opts.kubeconfig)) {
      throw new EnvironmentError(`kubeconfig ${opts.kubeconfig} (from --kubeconfig) does not exist`, {
        hint: NO_KUBECONFIG_HINT,
      });
    }
    return { kc: loadFiles([opts.kubeconfig]), source: opts.kubeconfig };
  }
  const fromEnv = opts.env.KUBECONFIG;
  if (fromEnv !== undefined && fromEnv !== '') {
    const listed = fromEnv.split(delimiter).filter((f) => f !== '');
    // kubectl ignores entries of the list that do not exist; so do we, unless none does.
    const present = listed.filter((f) => existsSync(f));
    if (present.length === 0) {
      throw new EnvironmentError(`no kubeconfig found: KUBECONFIG=${fromEnv} names no existing file`, {
        hint: NO_KUBECONFIG_HINT,
      });
    }
    return { kc: loadFiles(present), source: present.join(delimiter) };
  }
  const home = opts.env.HOME ?? opts.env.USERPROFILE ?? homedir();
  const defaultPath = join(home, '.kube', 'config');
  if (existsSync(defaultPath)) return { kc: loadFiles([defaultPath]), source: defaultPath };
  const inCluster = loadInCluster(opts.env);
  if (inCluster) return { kc: inCluster, source: 'in-cluster service account' };
  throw new EnvironmentError(
    'no kubeconfig found: no --kubeconfig, KUBECONFIG is unset, ~/.kube/config does not exist and this is not a pod with a service account',
    { hint: NO_KUBECONFIG_HINT },
  );
}

/** Merges several files with kubectl's rule: the first file to define a name (or current-context) wins. */
function loadFiles(files: string[]): KubeConfig {
  const merged = new KubeConfig();
  const clusters: KcCluster[] = [];
  const users: KcUser[] = [];
  const contexts: KcContext[] = [];
  let currentContext = '';
  for (const file of files) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (e) {
      throw new EnvironmentError(`cannot read kubeconfig ${file}: ${(e as Error).message}`, { cause: e });
    }
    const fresh = <T extends { name: string }>(have: T[], add: T[] | undefined): T[] =>
      (add ?? []).filter((x) => !have.some((h) => h.name === x.name));
    clusters.push(...fresh(clusters, one.getClusters()));
    users.push(...fresh(users, one.getUsers()));
    contexts.push(...fresh(contexts, one.getContexts()));
    if (currentContext === '' && one.getCurrentContext()) currentContext = one.getCurrentContext();
  }
  merged.loadFromOptions({ clusters, users, contexts, currentContext });
  return merged;
}

function loadInCluster(env: Record<string, string | undefined>): KubeConfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const dir = env.CHAOS_SERVICE_ACCOUNT_DIR || SERVICE_ACCOUNT_DIR;
  const tokenFile = `${dir}/token`;
  if (!host || !port || !existsSync(tokenFile)) return undefined;
  const nsFile = `${dir}/namespace`;
  const namespace = existsSync(nsFile) ? readFileSync(nsFile, 'utf8').trim() : undefined;
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'in-cluster', server, caFile: `${dir}/ca.crt`, skipTLSVerify: false }],
    // client-node's FileAuth re-reads a tokenFile auth provider, so rotated tokens keep working.
    users: [{ name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'service-account', namespace }],
    currentContext: 'in-cluster',
  });
  return kc;
}

function selectContext(kc: KubeConfig, wanted: string | undefined, source: string): void {
  const names = kc.getContexts().map((c) => c.name);
  const available = names.length > 0 ? names.join(', ') : '(none)';
  if (wanted !== undefined) {
    if (!names.includes(wanted)) {
      throw new EnvironmentError(`context "${wanted}" not found in ${source}; available contexts: ${available}`, {
        hint: 'list them with `kubectl config get-contexts`',
      });
    }
    kc.setCurrentContext(wanted);
  } else if (!kc.getCurrentContext() || !kc.getContextObject(kc.getCurrentContext())) {
    const current = kc.getCurrentContext();
    const why = current ? `its current-context "${current}" is not defined` : 'it sets no current-context';
    throw new EnvironmentError(`kubeconfig ${source}: ${why}; available contexts: ${available}`, {
      hint: 'pass --context <name>, or set kubernetes.context in chaos.config.yml',
    });
  }
  const ctx = kc.getContextObject(kc.getCurrentContext());
  if (!ctx || !kc.getCluster(ctx.cluster)) {
    throw new EnvironmentError(
      `context "${kc.getCurrentContext()}" in ${source} refers to cluster "${ctx?.cluster ?? ''}", which is not defined`,
    );
  }
}

function describe(kc: KubeConfig): ClusterInfo {
  const ctx = kc.getContextObject(kc.getCurrentContext());
  const server = kc.getCurrentCluster()?.server ?? '';
  return {
    context: kc.getCurrentContext(),
    server,
    namespace: ctx?.namespace || 'default',
    user: ctx?.user || undefined,
  };
}
