// `chaos run --dry-run | kubectl apply -f -`: the manifests are accepted by a real kubectl, against the
// fake API server that validates them with the Chaos Mesh CRDs.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos, ROOT } from './cli.js';
import { startFakeCluster, type FakeCluster } from '../fake-kube/index.js';

let cluster: FakeCluster;
beforeAll(async () => {
  cluster = await startFakeCluster();
});
afterAll(async () => cluster?.close());

test('kubectl apply --server-side accepts every manifest of run --dry-run', async () => {
  const examples = readdirSync(join(ROOT, 'experiments')).filter((f) => f.endsWith('.yml')).map((f) => `experiments/${f}`);
  const r = await runChaos(['run', '--dry-run', ...examples]);
  expect(r.code).toBe(0);
  const documents = r.stdout.split(/^---$/m).length;
  const out = await kubectl(['--kubeconfig', cluster.kubeconfigPath, 'apply', '--server-side', '--field-manager', 'chaos', '-f', '-'], r.stdout);
  expect(out.trim().split('\n')).toHaveLength(documents);
  expect(out).toMatch(/networkchaos\.chaos-mesh\.org\/api-latency-injection-[a-z0-9]{8} serverside-applied/);
  expect(cluster.objects()).toHaveLength(documents);
});

/** Async on purpose: the fake API server answers from this very process. */
function kubectl(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kubectl exited ${code}: ${err}`))));
    child.stdin.end(input);
  });
}
