import { afterAll, beforeAll, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeCluster, type FakeCluster } from '../fake-kube/index.js';

const run = promisify(execFile);
let c: FakeCluster;
beforeAll(async () => { c = await startFakeCluster(); });
afterAll(async () => { await c?.close(); });

async function k(args: string[]) {
  try {
    const r = await run('kubectl', ['--kubeconfig', c.kubeconfigPath, '--cache-dir', dir, ...args], { timeout: 20000 });
    console.log(`$ kubectl ${args.join(' ')}\n${r.stdout}${r.stderr}`);
  } catch (e: any) {
    console.log(`$ kubectl ${args.join(' ')} FAILED ${e.code}\n${e.stdout}${e.stderr}`);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'kc-'));

it('explore', async () => {
  const m = join(dir, 'm.yaml');
  writeFileSync(m, `apiVersion: chaos-mesh.org/v1alpha1
kind: NetworkChaos
metadata:
  name: lat
  namespace: materi-production
spec:
  action: delay
  mode: all
  selector:
    labelSelectors: { app: api }
  delay: { latency: 500ms }
  duration: 5m
`);
  const w = k(['get', 'networkchaos', '-w', '--request-timeout=4s']);
  await k(['apply', '--server-side', '-f', m]);
  await k(['get', 'networkchaos']);
  await k(['get', 'networkchaos', 'lat', '-o', 'json']);
  await k(['delete', 'networkchaos', 'lat', '--wait']);
  await w;
  await k(['apply', '--server-side', '-f', m]);
  writeFileSync(m, readFileSync(m, 'utf8').replace('500ms', '600ms'));
  await k(['apply', '--server-side', '-f', m]);
  await k(['apply', '--server-side', '--force-conflicts', '-f', m]);
  await k(['get', 'podchaos', '-o', 'json']);
  await k(['get', 'events']);
  await k(['auth', 'can-i', 'create', 'networkchaos']);
  for (const r of c.requests({method: 'POST'})) console.log(r.method, r.path, JSON.stringify(r.query), r.status, r.accept, r.contentType, Buffer.from(r.body).toString('hex'));
});
