// `chaos deploy`: the same files give the same bytes (golden), the manifests carry the files verbatim,
// grant exactly what preflight will ask in the pod, and bad input is refused before anything is printed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { main } from '../../../src/cli/main.js';
import { requiredAccess, CHAOS_VERBS, LEASE_VERBS } from '../../../src/policy/access.js';
import type { CliIO } from '../../../src/ports.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIX = 'test/fixtures/deploy';
const FILES = [`${FIX}/a/latency.yml`, `${FIX}/b/latency.yml`];
const CONFIG = ['--config', `${FIX}/chaos.config.yml`];

async function chaos(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    env: {},
    cwd: ROOT,
    onSignal: () => () => undefined,
    onFatal: () => () => undefined,
  };
  return { code: await main(argv, io), stdout, stderr };
}
const docsOf = (text: string) => parseAllDocuments(text).map((d) => d.toJS());
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const triples = (rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[]) =>
  rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res}:${v}`)))).sort();

describe('chaos deploy', () => {
  test('prints the same bytes every time (golden): ConfigMap, ServiceAccount, Role + RoleBinding per namespace, Job', async () => {
    const first = await chaos(['deploy', ...CONFIG, ...FILES]);
    const second = await chaos(['deploy', ...CONFIG, ...FILES]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toBe(read('test/unit/deploy/golden/job.yaml'));
    expect(docsOf(first.stdout).map((d) => `${d.kind} ${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      'ConfigMap shop/chaos', 'ServiceAccount shop/chaos', 'Role shop/chaos', 'RoleBinding shop/chaos',
      'Role data/chaos', 'RoleBinding data/chaos', 'Role monitoring/chaos', 'RoleBinding monitoring/chaos', 'Job shop/chaos',
    ]);
  });

  test('the ConfigMap holds the files verbatim under de-duplicated basenames, and the run reads exactly those', async () => {
    const r = await chaos(['deploy', ...CONFIG, ...FILES]);
    const [cm, , , , , , , , job] = docsOf(r.stdout);
    expect(cm.data).toEqual({ 'chaos.config.yml': read(`${FIX}/chaos.config.yml`), 'latency.yml': read(FILES[0]!), 'latency-2.yml': read(FILES[1]!) });
    const pod = job.spec.template.spec;
    expect(pod.containers[0].args).toEqual([
      'run', '--output', 'json', '--yes', '--context', 'in-cluster', '--config', '/etc/chaos/chaos.config.yml',
      '--namespace', 'shop', '/etc/chaos/latency.yml', '/etc/chaos/latency-2.yml',
    ]);
    expect(pod.volumes).toEqual([{ name: 'experiments', configMap: { name: 'chaos' } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'experiments', mountPath: '/etc/chaos', readOnly: true }]);
    expect(pod.serviceAccountName).toBe('chaos');
    expect(job.spec.backoffLimit).toBe(0);
    // revertTimeout 90s + 30s to write the report; windows 2m + 1m + 30s with the config's timeouts.
    expect(pod.terminationGracePeriodSeconds).toBe(120);
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(210 + 3 * (60 + 90 + 120));
    expect(job.spec.activeDeadlineSeconds % 60).toBe(0);
  });

  test('each Role grants exactly what preflight asks in that namespace (leases included), bound to the one ServiceAccount', async () => {
    const docs = docsOf((await chaos(['deploy', ...CONFIG, ...FILES])).stdout);
    const roles = Object.fromEntries(docs.filter((d) => d.kind === 'Role').map((d) => [d.metadata.namespace, triples(d.rules)]));
    const asked = (ns: string, kinds: string[], deps: string[] = []) =>
      requiredAccess({ namespace: ns, kinds: kinds as never, dependencyNamespaces: deps }).filter((a) => a.namespace === ns).map((a) => `${a.group}/${a.resource}:${a.verb}`).sort();
    expect(roles.shop).toEqual([...new Set([...asked('shop', ['NetworkChaos', 'PodChaos'])])].sort());
    expect(roles.shop).toEqual(expect.arrayContaining([...LEASE_VERBS.map((v) => `coordination.k8s.io/leases:${v}`), ...CHAOS_VERBS.map((v) => `chaos-mesh.org/podchaos:${v}`)]));
    expect(roles.data).toEqual(requiredAccess({ namespace: 'shop', kinds: ['NetworkChaos'], dependencyNamespaces: ['data'] }).filter((a) => a.namespace === 'data').map((a) => `${a.group}/${a.resource}:${a.verb}`).sort());
    expect(roles.monitoring).toEqual(['/services/proxy:get']);
    for (const b of docs.filter((d) => d.kind === 'RoleBinding')) {
      expect(b.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'chaos' });
      expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: 'chaos', namespace: 'shop' }]);
    }
    expect(JSON.stringify(docs)).not.toContain('"*"');
  });

  test('--schedule makes a CronJob that never overlaps or retries; --image, --name and --namespace are used everywhere', async () => {
    const r = await chaos(['deploy', ...CONFIG, '--schedule', '30 2 * * MON-FRI', '--image', 'registry.example/chaos:9', '--name', 'nightly', '-n', 'shop-staging', ...FILES]);
    expect(r.code, r.stderr).toBe(0);
    const docs = docsOf(r.stdout);
    const cron = docs.at(-1);
    expect(cron.kind).toBe('CronJob');
    expect(cron.spec.schedule).toBe('30 2 * * MON-FRI');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.jobTemplate.spec.backoffLimit).toBe(0);
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.containers[0].image).toBe('registry.example/chaos:9');
    expect(pod.containers[0].args).toContain('shop-staging');
    expect(pod.serviceAccountName).toBe('nightly');
    expect(docs.every((d) => d.metadata.name === 'nightly')).toBe(true);
    // Targets without a namespace run where the Job runs: the Role is there.
    expect(docs.filter((d) => d.kind === 'Role').map((d) => d.metadata.namespace)).toEqual(['shop-staging', 'data', 'monitoring']);
  });

  test.each([
    ['0 3 * *', /expected 5 fields/],
    ['0 24 * * *', /hour "24"/],
    ['*/0 * * * *', /step "0"/],
    ['0 3 * * MON-XYZ', /day of week/],
    ['CRON_TZ=UTC 0 3 * * *', /time zone/],
  ])('--schedule "%s" is refused (exit 2) before anything is printed', async (schedule, why) => {
    const r = await chaos(['deploy', ...CONFIG, '--schedule', schedule, ...FILES]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(why);
  });

  test('invalid experiment files: the same located problems as `chaos validate`, exit 3, nothing printed', async () => {
    const bad = 'test/fixtures/invalid/bad-duration.yml';
    const deploy = await chaos(['deploy', ...CONFIG, bad]);
    const validate = await chaos(['validate', ...CONFIG, bad]);
    expect(deploy.code).toBe(3);
    expect(validate.code).toBe(3);
    expect(deploy.stdout).toBe('');
    expect(deploy.stderr).toMatch(/bad-duration\.yml:\d+:\d+/);
    expect(deploy.stderr).toBe(validate.stderr);
  });

  test('--time-zone sets the CronJob\'s spec.timeZone; unknown zones, or a zone without --schedule, are usage errors (exit 2)', async () => {
    const r = await chaos(['deploy', ...CONFIG, '--schedule', '0 3 * * *', '--time-zone', 'Europe/Paris', ...FILES]);
    expect(r.code, r.stderr).toBe(0);
    expect(docsOf(r.stdout).at(-1).spec).toMatchObject({ schedule: '0 3 * * *', timeZone: 'Europe/Paris' });
    const unknown = await chaos(['deploy', ...CONFIG, '--schedule', '0 3 * * *', '--time-zone', 'Mars/Olympus', ...FILES]);
    expect([unknown.code, unknown.stdout]).toEqual([2, '']);
    expect(unknown.stderr).toMatch(/--time-zone Mars\/Olympus: not an IANA time zone/);
    const alone = await chaos(['deploy', ...CONFIG, '--time-zone', 'UTC', ...FILES]);
    expect([alone.code, alone.stdout]).toEqual([2, '']);
    expect(alone.stderr).toMatch(/--time-zone needs --schedule/);
  });

  test('a bad --name or --namespace is a usage error (exit 2)', async () => {
    expect((await chaos(['deploy', ...CONFIG, '--name', 'Nightly_Run', ...FILES])).code).toBe(2);
    expect((await chaos(['deploy', ...CONFIG, '-n', 'Shop', ...FILES])).code).toBe(2);
  });
});
