// `chaos deploy … | kubectl apply --dry-run=server -f -`: the real kubectl against the fake API server,
// which checks every field of the built-in kinds against the Kubernetes API models and stores nothing
// on a dry run. A misspelt field is refused there, so the acceptance means something.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeCluster, type FakeCluster } from '../fake-kube/index.js';
import { baseEnv, ROOT, runChaos } from './cli.js';

let cluster: FakeCluster;
beforeAll(async () => {
  cluster = await startFakeCluster();
});
afterAll(() => cluster?.close());

function kubectlApply(manifests: string, dryRun = true): Promise<{ code: number | null; out: string }> {
  const child = spawn('kubectl', ['apply', ...(dryRun ? ['--dry-run=server'] : []), '-f', '-'], { env: baseEnv({ KUBECONFIG: cluster.kubeconfigPath }), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  child.stdin.end(manifests);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}


describe('chaos deploy output through kubectl apply --dry-run=server', () => {
  test.each([
    ['a CronJob', ['--schedule', '0 3 * * *', '--time-zone', 'Europe/Paris']],
    ['a Job', []],
  ])('%s: every object accepted, nothing stored', async (_, flags) => {
    const deploy = await runChaos(['deploy', ...flags, 'experiments/materi.yml'], { cwd: ROOT });
    expect(deploy.code, deploy.stderr).toBe(0);
    const r = await kubectlApply(deploy.stdout);
    expect(r.code, r.out).toBe(0);
    const kind = flags.length > 0 ? 'cronjob.batch' : 'job.batch';
    expect(r.out.trim().split('\n').sort()).toEqual([
      `${kind}/chaos created (server dry run)`,
      'configmap/chaos created (server dry run)',
      'role.rbac.authorization.k8s.io/chaos created (server dry run)',
      'rolebinding.rbac.authorization.k8s.io/chaos created (server dry run)',
      'serviceaccount/chaos created (server dry run)',
    ].sort());
    expect(cluster.workloads()).toEqual([]);
  });

  test('the same manifests with one misspelt field are refused (kubectl exit 1, strict field validation)', async () => {
    const deploy = await runChaos(['deploy', 'experiments/materi.yml'], { cwd: ROOT });
    const r = await kubectlApply(deploy.stdout.replace('backoffLimit: 0', 'backofLimit: 0'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/unknown field "spec\.backofLimit"/);
    expect(cluster.workloads()).toEqual([]);
  });

  test('applied for real, the objects are stored as printed (so the dry runs above stored nothing)', async () => {
    const deploy = await runChaos(['deploy', '--schedule', '0 3 * * *', 'experiments/materi.yml'], { cwd: ROOT });
    const real = await kubectlApply(deploy.stdout, false);
    expect(real.code, real.out).toBe(0);
    expect(cluster.workloads().map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(
      ['ConfigMap', 'CronJob', 'Role', 'RoleBinding', 'ServiceAccount'].map((k) => `${k} materi-production/chaos`),
    );
    const cm = cluster.workloads().find((o) => o.kind === 'ConfigMap') as any;
    expect(Object.keys(cm.data).sort()).toEqual(['chaos.config.yml', 'materi.yml']);
  });
});
