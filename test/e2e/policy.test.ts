// What a run may touch (SPEC §10 "Policy"), with the built binary: protected namespaces (exit 3 at validate,
// located; exit 4 when only the kube context names one), maxPercentage at validate, maxPods at preflight
// (exit 4, nothing applied).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { runChaos } from './cli.js';
import { startWorld, type World } from './world.js';

let world: World;
let baseConfig: string;
beforeAll(async () => {
  world = await startWorld();
  baseConfig = readFileSync(join(world.dir, 'chaos.config.yml'), 'utf8');
});
afterAll(() => world?.close());

/** The world's chaos.config.yml with these edits (path → value; undefined removes the key). */
function configure(edits: [string[], unknown][]): void {
  const doc = parseDocument(baseConfig);
  for (const [path, value] of edits) value === undefined ? doc.deleteIn(path) : doc.setIn(path, value);
  writeFileSync(join(world.dir, 'chaos.config.yml'), doc.toString());
}
const chaos = (args: string[], env: Record<string, string> = {}) => runChaos(args, { cwd: world.dir, env: { ...world.env, ...env } });
const CONNECTION_FAILURE = ['run', 'experiments/materi.yml', '--only', 'database-connection-failure', '--duration', '2s'];

describe('protected namespaces', () => {
  test('a target in kube-system is exit 3 at validate and run --dry-run, at the namespace line; [] lifts it', async () => {
    configure([]);
    writeFileSync(join(world.dir, 'dns.yml'), 'name: dns\ntarget:\n  namespace: kube-system\n  service: coredns\n  percentage: 10\nfault: { type: latency, latency: 20ms }\nduration: 1m\nsuccess_criteria: ["error_rate < 0.01"]\n');
    for (const args of [['validate', 'dns.yml'], ['run', '--dry-run', 'dns.yml']]) {
      const r = await chaos(args);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('dns.yml:3:14  target.namespace  namespace "kube-system" is protected: no target may be in it.');
      expect(r.stderr).toContain('policy.protectedNamespaces: [] lifts the protection');
    }
    configure([[['policy', 'protectedNamespaces'], []]]);
    expect((await chaos(['validate', 'dns.yml'])).code).toBe(0);
  });

  test('a namespace that only the kube context supplies is refused at run time (exit 4): no lease, no object', async () => {
    configure([[['kubernetes', 'namespace'], undefined]]);
    const kubeconfig = world.cluster.writeKubeconfig(join(world.dir, 'ctx'), [{ name: 'fake', namespace: 'kube-system' }]);
    const requestsBefore = world.cluster.requests().length;
    const r = await chaos(CONNECTION_FAILURE, { KUBECONFIG: kubeconfig });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stderr).toMatch(/database-connection-failure: namespace "kube-system" is protected: no target may be in it\. .* \(the namespace comes from the kube context\)/);
    expect(world.cluster.requests().slice(requestsBefore)).toEqual([]);
    expect(world.cluster.leases()).toEqual([]);
    expect(world.cluster.objects()).toEqual([]);
  });
});

describe('blast radius', () => {
  test('more pods hit than policy.maxPods: exit 4 at preflight naming the count, nothing applied (not even a dry run)', async () => {
    configure([[['policy', 'maxPods'], 2]]);
    const r = await chaos(CONNECTION_FAILURE);
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/the fault would hit 3 of the 3 matching pods \(mode all\), more than policy\.maxPods \(2\) \(app=api in materi-production\); nothing was applied/);
    expect(world.cluster.requests({ method: 'PATCH' })).toEqual([]);
    expect(world.cluster.everCreated()).toEqual([]);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('a percentage above policy.maxPercentage is exit 3 at validate, at the percentage', async () => {
    configure([[['policy', 'maxPercentage'], 5]]);
    const r = await chaos(['validate', 'experiments/materi.yml']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^experiments\/materi\.yml:8:19 {2}experiments\[0\]\.target\.percentage {2}hits 10% of the matching pods, above policy\.maxPercentage \(5%\)/m);
  });
});
