// The means behind the budgets (issue 7), checked on one live run: criteria of an experiment are
// queried in parallel, one Prometheus round trip per criterion per poll, and Chaos Mesh is watched,
// not polled, while waiting for injection and removal.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos } from '../test/e2e/cli.js';
import type { World } from '../test/e2e/world.js';
import type { Figure } from './figures.js';

/** Added to every Prometheus answer: queries sent one after another would arrive this far apart. */
const QUERY_DELAY_MS = 100;

interface SlowProxy {
  url: string;
  arrivals: { t: number; path: string }[];
  close(): Promise<void>;
}

async function slowProxy(upstream: string): Promise<SlowProxy> {
  const arrivals: { t: number; path: string }[] = [];
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    arrivals.push({ t: Date.now(), path: req.url ?? '' });
    const body: Buffer[] = [];
    req.on('data', (d: Buffer) => body.push(d));
    req.on('end', () =>
      setTimeout(() => {
        const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        up.on('error', () => res.destroy());
        up.end(Buffer.concat(body));
      }, QUERY_DELAY_MS),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, arrivals, close: () => new Promise((r) => server.close(() => r())) };
}

export async function designFigures(w: World): Promise<Figure[]> {
  const proxy = await slowProxy(w.prometheusUrl);
  const report = join(w.dir, 'design.json');
  const started = Date.now();
  try {
    const args = ['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '5s', '--prometheus-url', proxy.url, '--report', `json=${report}`];
    const r = await runChaos(args, { cwd: w.dir, env: w.env });
    if (r.code !== 0) throw new Error(`design run: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  } finally {
    await proxy.close();
  }
  const e = JSON.parse(readFileSync(report, 'utf8')).experiments[0];
  const during = (t: number) => t >= e.injectedAt && t <= e.revertedAt;
  const queries = proxy.arrivals.filter((a) => a.path.startsWith('/api/v1/query') && during(a.t)).map((a) => a.t);
  const samples = e.criteria.flatMap((c: { samples: { t: number; phase: string }[] }) => c.samples).filter((s: { phase: string }) => s.phase === 'fault').length;
  // Group arrivals into polls (polls are a poll interval apart, far more than the proxy delay).
  const polls: number[][] = [];
  for (const t of queries) {
    const last = polls.at(-1);
    if (last && t - last[0]! < 5 * QUERY_DELAY_MS) last.push(t);
    else polls.push([t]);
  }
  const spread = Math.max(...polls.map((p) => p.at(-1)! - p[0]!));
  const ref = `/namespaces/${e.namespace}/${e.manifests[0].kind.toLowerCase()}/${e.manifests[0].metadata.name}`;
  const gets = w.cluster.requests({ method: 'GET' }).filter((q) => q.time >= started && q.path.endsWith(ref) && q.query.watch === undefined).length;
  const watches = w.cluster.requests({ method: 'GET' }).filter((q) => q.time >= started && q.query.watch === 'true' && q.query.fieldSelector === `metadata.name=${e.manifests[0].metadata.name}`).length;
  return [
    {
      id: 'queries-per-criterion-poll',
      label: 'Prometheus queries per criterion per poll',
      value: queries.length / samples,
      unit: 'count',
      budget: 1,
      detail: `${queries.length} queries for ${samples} samples (${e.criteria.length} criteria) while the fault was active`,
    },
    {
      id: 'poll-spread',
      label: "spread of one poll's queries",
      value: spread,
      unit: 'ms',
      baseline: { label: 'added query latency', value: QUERY_DELAY_MS, unit: 'ms' },
      budget: QUERY_DELAY_MS / 2,
      detail: `over ${polls.length} polls with every query delayed ${QUERY_DELAY_MS} ms: sent one after another they would be ≥ ${QUERY_DELAY_MS} ms apart`,
    },
    {
      id: 'object-gets',
      label: 'GETs of the chaos object (inject + revert waits)',
      value: gets,
      unit: 'count',
      budget: 2,
      detail: `${gets} GETs, ${watches} watch${watches === 1 ? '' : 'es'}: a GET (for a resourceVersion or to see it gone) per wait, then a watch; no polling`,
    },
  ];
}
