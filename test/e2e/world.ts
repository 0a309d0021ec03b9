// An end-to-end world: the fake cluster, a metrics app that reacts to injected faults, a real
// Prometheus scraping it, and a working folder with a chaos.config.yml pointing at all of them.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { startFakeCluster, type FakeCluster, type FakeClusterOptions } from '../fake-kube/index.js';
import { startPrometheus } from '../support/prometheus.js';
import { startMetricsApp, type ExtraSeries, type MetricsApp, type ServiceSpec } from '../support/metrics-app.js';
import { ROOT } from './cli.js';

export interface World {
  cluster: FakeCluster;
  app: MetricsApp;
  prometheusUrl: string;
  dir: string;
  env: Record<string, string>;
  /** Stops Prometheus (to test losing it mid-run). */
  stopPrometheus(): Promise<void>;
  /** Instant query straight to Prometheus (for the tests' own observations). */
  query(q: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export interface WorldOptions {
  cluster?: FakeClusterOptions;
  services?: ServiceSpec[];
  /** Series beyond the catalog's (e.g. several `up`-like series of one metric). */
  extra?: ExtraSeries[];
  /** Edits to the copied chaos.config.yml (path → value; undefined removes the key). */
  config?: [string[], unknown][];
  /** A Prometheus rule file (alerting rules), evaluated every second. */
  rules?: string;
}

/** The seed's services, healthy, with breakers and fallbacks that open while a fault is active. */
export const HEALTHY_SERVICES: ServiceSpec[] = [
  { namespace: 'materi-production', service: 'api', dependencies: ['postgresql'], values: { circuitBreakerOpen: (c) => (c.faultActive ? 1 : 0), fallbackActive: (c) => (c.faultActive ? 1 : 0) } },
  { namespace: 'materi-production', service: 'relay', dependencies: ['redis'], values: { websocketReconnectSeconds: 1.5 } },
];

/** A chaos object counts as an active fault while Chaos Mesh says it is injected and it is not being deleted. */
export function faultActive(cluster: FakeCluster): boolean {
  return cluster.objects().some((o: any) => !o.metadata.deletionTimestamp && o.status?.conditions?.some((c: any) => c.type === 'AllInjected' && c.status === 'True'));
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const cluster = await startFakeCluster(opts.cluster);
  const app = await startMetricsApp({ services: opts.services ?? HEALTHY_SERVICES, extra: opts.extra, faultActive: () => faultActive(cluster) });
  const prom = await startPrometheus({ scrapeTargets: [app.target], scrapeIntervalMs: 1000, ...(opts.rules ? { rules: opts.rules, evaluationIntervalMs: 1000 } : {}) });
  const dir = mkdtempSync(join(tmpdir(), 'chaos-world-'));
  cpSync(join(ROOT, 'experiments'), join(dir, 'experiments'), { recursive: true });
  copyFileSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
  const doc = parseDocument(readFileSync(join(dir, 'chaos.config.yml'), 'utf8'));
  const edits: [string[], unknown][] = [
    [['prometheus', 'url'], prom.url],
    [['kubernetes', 'allowedContexts'], ['fake']],
    [['defaults', 'pollInterval'], '1s'],
    [['defaults', 'injectionTimeout'], '5s'],
    [['defaults', 'recoveryTimeout'], '15s'],
    ...(opts.config ?? []),
  ];
  for (const [path, value] of edits) value === undefined ? doc.deleteIn(path) : doc.setIn(path, value);
  writeFileSync(join(dir, 'chaos.config.yml'), doc.toString());
  const query = async (q: string) => {
    const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(q)}`);
    const body = (await res.json()) as any;
    const v = body?.data?.result?.[0]?.value?.[1];
    return v === undefined ? undefined : Number(v);
  };
  // Wait until rates exist (two scrapes in the 1m window), so steady state is judged on real data.
  const ready = 'sum(rate(http_requests_total[1m]))';
  for (let i = 0; i < 100 && !(((await query(ready)) ?? 0) > 0); i++) await new Promise((r) => setTimeout(r, 200));
  return {
    cluster,
    app,
    prometheusUrl: prom.url,
    dir,
    env: { KUBECONFIG: cluster.kubeconfigPath },
    stopPrometheus: () => prom.stop(),
    query,
    async close() {
      await Promise.allSettled([cluster.close(), app.close(), prom.stop()]);
    },
  };
}
