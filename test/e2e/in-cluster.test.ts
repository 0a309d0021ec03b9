// Inside a pod: no kubeconfig, KUBERNETES_SERVICE_HOST/PORT and a mounted service account (token, CA,
// namespace). The built binary runs exactly the command `chaos deploy` puts in the Job, from the files
// of its ConfigMap, against the fake API server (which refuses any request without that token).
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runChaos } from './cli.js';
import { startWorld, type World } from './world.js';

let world: World;
let home: string;
let serviceAccount: string;
beforeAll(async () => {
  world = await startWorld({ config: [[['kubernetes', 'allowedContexts'], ['in-cluster']]] });
  home = mkdtempSync(join(tmpdir(), 'chaos-pod-home-')); // no ~/.kube/config
  serviceAccount = mkdtempSync(join(tmpdir(), 'chaos-sa-'));
  writeFileSync(join(serviceAccount, 'token'), world.cluster.token);
  copyFileSync(world.cluster.caPath, join(serviceAccount, 'ca.crt'));
  writeFileSync(join(serviceAccount, 'namespace'), 'materi-production');
  writeFileSync(join(world.dir, 'nightly.yml'), [
    'name: api-latency-nightly',
    'target: { service: api, percentage: 10 }',
    'fault: { type: latency, duration: 100ms }',
    'duration: 3s',
    'success_criteria:',
    '  - error_rate < 0.01',
    '',
  ].join('\n'));
});
afterAll(() => world?.close());

function podEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const url = new URL(world.cluster.url);
  return { HOME: home, KUBECONFIG: undefined, KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port, CHAOS_SERVICE_ACCOUNT_DIR: serviceAccount, ...extra };
}

/** `chaos deploy`'s Job, with its ConfigMap written out where the pod would mount it. */
async function deployedCommand(): Promise<string[]> {
  const r = await runChaos(['deploy', 'nightly.yml'], { cwd: world.dir, env: world.env });
  expect(r.code, r.stderr).toBe(0);
  const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
  const mount = join(mkdtempSync(join(tmpdir(), 'chaos-mount-')), 'etc', 'chaos');
  mkdirSync(mount, { recursive: true });
  for (const [key, text] of Object.entries(docs.find((d) => d.kind === 'ConfigMap').data as Record<string, string>)) writeFileSync(join(mount, key), text);
  const args: string[] = docs.find((d) => d.kind === 'Job').spec.template.spec.containers[0].args;
  return args.map((a) => a.replace(/^\/etc\/chaos/, mount));
}

describe('in-cluster service account', () => {
  test('the deployed Job\'s command runs with the pod\'s service account: every request carries its token, exit 0, nothing left', async () => {
    const args = await deployedCommand();
    const before = world.cluster.requests().length;
    const r = await runChaos(args, { cwd: home, env: podEnv() });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const journal = JSON.parse(r.stdout);
    expect(journal.cluster).toMatchObject({ context: 'in-cluster', server: world.cluster.url.replace(/\/$/, ''), namespace: 'materi-production' });
    expect(journal.experiments.map((e: any) => [e.name, e.verdict])).toEqual([['api-latency-nightly', 'passed']]);
    const requests = world.cluster.requests().slice(before);
    expect(requests.some((q) => q.method === 'PATCH' && /networkchaos/.test(q.path))).toBe(true);
    expect(requests.filter((q) => !q.authenticated)).toEqual([]);
    expect(world.cluster.objects()).toEqual([]);
    expect(world.cluster.leases()).toEqual([]);
  });

  test('a kubeconfig given (KUBECONFIG) wins over the service account', async () => {
    const r = await runChaos(['run', '--dry-run=server', 'nightly.yml'], { cwd: world.dir, env: podEnv({ KUBECONFIG: world.cluster.kubeconfigPath }) });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/context "?fake"?/);
    expect(r.stdout + r.stderr).not.toMatch(/in-cluster/);
  });

  test('no token file: not a pod, and no kubeconfig either: exit 4 saying so', async () => {
    const r = await runChaos(['run', 'nightly.yml', '--yes'], { cwd: world.dir, env: podEnv({ CHAOS_SERVICE_ACCOUNT_DIR: join(serviceAccount, 'missing') }) });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stderr).toMatch(/no kubeconfig found: .*not a pod with a service account/);
    expect(world.cluster.objects()).toEqual([]);
  });
});
