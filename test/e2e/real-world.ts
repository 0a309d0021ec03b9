// The e2e world on the real control plane (test/cluster/): kube-apiserver + etcd + controllers, Chaos Mesh's
// own admission webhook (optional), a metrics app that reacts to faults the simulated Chaos Mesh reports as
// injected, a real Prometheus scraping it, and a working folder whose chaos.config.yml allows context
// `chaos-test`. Start one per test FILE (beforeAll): a plane takes ~12 s to come up.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { startMetricsApp, type MetricsApp, type ServiceSpec } from '../support/metrics-app.js';
import { startPrometheus } from '../support/prometheus.js';
import { chaosResources, startRealCluster, type RealCluster, type RealClusterOptions } from '../support/real-cluster.js';
import { ROOT } from './cli.js';
import { HEALTHY_SERVICES } from './world.js';

export interface RealWorld {
  cluster: RealCluster;
  app: MetricsApp;
  prometheusUrl: string;
  dir: string;
  env: Record<string, string>;
  query(q: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface RealWorldOptions extends RealClusterOptions {
  services?: ServiceSpec[];
  /** Edits to the copied chaos.config.yml (path → value). */
  config?: [string[], unknown][];
}

/** A chaos object is an active fault while Chaos Mesh says AllInjected=True and it is not being deleted. */
export const isActiveFault = (o: any): boolean =>
  !o.metadata?.deletionTimestamp && (o.status?.conditions ?? []).some((c: any) => c.type === 'AllInjected' && c.status === 'True');

/**
 * Lists every chaos kind straight over HTTPS with the admin certificate and a keep-alive connection
 * (a kubectl process per poll would cost more CPU than the whole run on a shared machine).
 */
function chaosLister(cluster: RealCluster): { list: () => Promise<any[]>; close: () => void } {
  const pki = join(cluster.dir, 'pki');
  const agent = new Agent({
    keepAlive: true, maxSockets: 2,
    ca: readFileSync(cluster.caPath), cert: readFileSync(join(pki, 'admin.crt')), key: readFileSync(join(pki, 'admin.key')),
  });
  const get = (path: string) => new Promise<any[]>((resolve, reject) => {
    const req = request(`${cluster.server}${path}`, { agent, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body).items) : reject(new Error(`GET ${path}: ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: timeout`)));
    req.on('error', reject);
    req.end();
  });
  const paths = chaosResources().map((r) => `/apis/chaos-mesh.org/v1alpha1/${r.split('.')[0]}`);
  return { list: async () => (await Promise.all(paths.map(get))).flat(), close: () => agent.destroy() };
}

export async function startRealWorld(opts: RealWorldOptions = {}): Promise<RealWorld> {
  const cluster = await startRealCluster({ chaosMeshWebhook: opts.chaosMeshWebhook });
  // the metrics app asks synchronously on every scrape: keep its answer fresh from the API server
  const lister = chaosLister(cluster);
  let faultActive = false;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      faultActive = await lister.list().then((objects) => objects.some(isActiveFault), () => faultActive);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const app = await startMetricsApp({ services: opts.services ?? HEALTHY_SERVICES, faultActive: () => faultActive });
  const prom = await startPrometheus({ scrapeTargets: [app.target], scrapeIntervalMs: 1000 });
  const dir = mkdtempSync(join(tmpdir(), 'chaos-real-world-'));
  cpSync(join(ROOT, 'experiments'), join(dir, 'experiments'), { recursive: true });
  copyFileSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
  const doc = parseDocument(readFileSync(join(dir, 'chaos.config.yml'), 'utf8'));
  const edits: [string[], unknown][] = [
    [['prometheus', 'url'], prom.url],
    [['kubernetes', 'allowedContexts'], ['chaos-test']],
    [['defaults', 'pollInterval'], '1s'],
    [['defaults', 'injectionTimeout'], '20s'],
    [['defaults', 'recoveryTimeout'], '60s'],
    ...(opts.config ?? []),
  ];
  for (const [path, value] of edits) doc.setIn(path, value);
  writeFileSync(join(dir, 'chaos.config.yml'), doc.toString());
  const query = async (q: string) => {
    const body = (await (await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as any;
    const v = body?.data?.result?.[0]?.value?.[1];
    return v === undefined ? undefined : Number(v);
  };
  // steady state is judged on rates: wait for two scrapes in the 1m window
  for (let i = 0; i < 100 && !(((await query('sum(rate(http_requests_total[1m]))')) ?? 0) > 0); i++) await new Promise((r) => setTimeout(r, 200));
  return {
    cluster,
    app,
    prometheusUrl: prom.url,
    dir,
    env: { KUBECONFIG: cluster.kubeconfigPath },
    query,
    async close() {
      polling = false;
      await poller;
      lister.close();
      await Promise.allSettled([app.close(), prom.stop()]);
      await cluster.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
