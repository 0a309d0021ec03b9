// One world for both tools: the real control plane, a watch on its NetworkChaos objects (what the API
// server saw, with arrival times), a metrics app whose fault follows that watch, a real Prometheus
// scraping it, and a proxy in front of Prometheus that the bench can turn off.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseDocument } from 'yaml';
import { ROOT } from '../../test/e2e/cli.js';
import { HEALTHY_SERVICES } from '../../test/e2e/world.js';
import { startFaultProxy, type FaultProxy } from '../../test/support/fault-proxy.js';
import { startMetricsApp, type MetricsApp } from '../../test/support/metrics-app.js';
import { startPrometheus, type RunningPrometheus } from '../../test/support/prometheus.js';
import { startRealCluster, waitFor, type RealCluster } from '../../test/support/real-cluster.js';

export const NAMESPACE = 'materi-production';

/** One watch event of a NetworkChaos, stamped when it reached us. */
export interface ChaosEvent {
  at: number;
  type: string;
  name: string;
  deleting: boolean;
  injected: boolean;
  recovered: boolean;
}

export interface PeersWorld {
  cluster: RealCluster;
  prom: RunningPrometheus;
  /** What both tools are given as the Prometheus URL. */
  proxy: FaultProxy;
  app: MetricsApp;
  /** A folder with chaos.config.yml pointing at the proxy and the chaos experiment. */
  chaosDir: string;
  events: ChaosEvent[];
  /** The catalog's error_rate query for the api (what both tools judge by). */
  errorRateQuery: string;
  close(): Promise<void>;
}


function watchNetworkChaos(kubeconfig: string, events: ChaosEvent[]): ChildProcess {
  // -o json in watch mode prints one compact event per line
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'networkchaos', '-n', NAMESPACE, '--watch', '--output-watch-events', '-o', 'json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const at = Date.now();
    const { type, object: o } = JSON.parse(line);
    const is = (c: string) => (o.status?.conditions ?? []).some((x: any) => x.type === c && x.status === 'True');
    events.push({ at, type, name: o.metadata.name, deleting: Boolean(o.metadata.deletionTimestamp) || type === 'DELETED', injected: is('AllInjected'), recovered: is('AllRecovered') });
  });
  return child;
}

/** Whether the last event of each object says it is injected and not being deleted. */
function faultActive(events: readonly ChaosEvent[]): boolean {
  const last = new Map<string, ChaosEvent>();
  for (const e of events) last.set(e.name, e);
  return [...last.values()].some((e) => e.injected && !e.deleting);
}

export async function startPeersWorld(): Promise<PeersWorld> {
  const cluster = await startRealCluster();
  const events: ChaosEvent[] = [];
  const watch = watchNetworkChaos(cluster.kubeconfigPath, events);
  const app = await startMetricsApp({ services: HEALTHY_SERVICES, faultActive: () => faultActive(events) });
  const prom = await startPrometheus({ scrapeTargets: [app.target], scrapeIntervalMs: 1000 });
  const proxy = await startFaultProxy(prom.url);
  const chaosDir = mkdtempSync(join(tmpdir(), 'chaos-peers-'));
  copyFileSync(join(ROOT, 'bench', 'peers', 'api-latency.yml'), join(chaosDir, 'api-latency.yml'));
  const doc = parseDocument(readFileSync(join(ROOT, 'chaos.config.yml'), 'utf8'));
  // the same settings as test/integration/real-cluster-run.test.ts
  doc.setIn(['prometheus', 'url'], proxy.url);
  doc.setIn(['kubernetes', 'allowedContexts'], ['chaos-test']);
  doc.setIn(['defaults', 'pollInterval'], '1s');
  doc.setIn(['defaults', 'injectionTimeout'], '20s');
  doc.setIn(['defaults', 'recoveryTimeout'], '60s');
  writeFileSync(join(chaosDir, 'chaos.config.yml'), doc.toString());
  const catalog = doc.toJS() as { metrics: { error_rate: { query: string } } };
  const errorRateQuery = catalog.metrics.error_rate.query.replaceAll('{{namespace}}', NAMESPACE).replaceAll('{{service}}', 'api');
  // both tools judge rates: wait until the 1m window holds two scrapes
  await waitFor('a request rate in Prometheus', async () => {
    const q = `${prom.url}/api/v1/query?query=${encodeURIComponent('sum(rate(http_requests_total[1m]))')}`;
    const body = (await (await fetch(q)).json()) as any;
    return Number(body?.data?.result?.[0]?.value?.[1] ?? 0) > 0;
  }, 60_000);
  return {
    cluster, prom, proxy, app, chaosDir, events, errorRateQuery,
    async close() {
      watch.kill('SIGTERM');
      await Promise.allSettled([proxy.close(), app.close(), prom.stop()]);
      await cluster.close();
      rmSync(chaosDir, { recursive: true, force: true });
    },
  };
}

/** Deletes whatever NetworkChaos a run left, and waits until the API server lists none. */
export async function clearChaos(w: PeersWorld): Promise<string[]> {
  const left = (await w.cluster.listChaosObjects()).map((o: any) => `${o.kind}/${o.metadata.name}`);
  if (left.length) await w.cluster.kubectl(['delete', 'networkchaos', '--all', '-n', NAMESPACE, '--wait=false']);
  await waitFor('no chaos object left', async () => (await w.cluster.listChaosObjects()).length === 0, 60_000);
  return left;
}
