// `chaos deploy` as users run it (the built binary, stdout piped to `kubectl apply -f -`): the golden
// manifests byte for byte, and nothing on stdout when it refuses (a pipe to kubectl must get nothing).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ROOT, runChaos } from './cli.js';

const FIX = 'test/fixtures/deploy';
const ARGS = ['--config', `${FIX}/chaos.config.yml`, `${FIX}/a/latency.yml`, `${FIX}/b/latency.yml`];

describe('chaos deploy (built binary)', () => {
  test('prints the golden manifests, exit 0, nothing on stderr', async () => {
    const r = await runChaos(['deploy', ...ARGS]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'test/unit/deploy/golden/job.yaml'), 'utf8'));
  });

  test('--schedule: the same objects with a CronJob in place of the Job', async () => {
    const r = await runChaos(['deploy', '--schedule', '0 3 * * *', ...ARGS]);
    expect(r.code, r.stderr).toBe(0);
    const kinds = parseAllDocuments(r.stdout).map((d) => d.toJS().kind);
    expect(kinds).toEqual(['ConfigMap', 'ServiceAccount', 'Role', 'RoleBinding', 'Role', 'RoleBinding', 'Role', 'RoleBinding', 'CronJob']);
  });

  test('refusals print nothing on stdout: a bad schedule (exit 2), an invalid file (exit 3), a missing file (exit 2)', async () => {
    const cron = await runChaos(['deploy', '--schedule', '0 3 * *', ...ARGS]);
    expect([cron.code, cron.stdout]).toEqual([2, '']);
    expect(cron.stderr).toMatch(/--schedule "0 3 \* \*": expected 5 fields/);
    const invalid = await runChaos(['deploy', 'test/fixtures/invalid/bad-duration.yml']);
    expect([invalid.code, invalid.stdout]).toEqual([3, '']);
    expect(invalid.stderr).toMatch(/bad-duration\.yml:\d+:\d+/);
    const missing = await runChaos(['deploy', 'nope.yml']);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
  });

  test('a Prometheus URL on localhost is the pod itself: warned on stderr, manifests still printed', async () => {
    const r = await runChaos(['deploy', 'experiments/materi.yml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/prometheus\.url http:\/\/localhost:9090 is the pod itself/);
    expect(r.stdout).toMatch(/^kind: Job$/m);
  });

  test('experiments with hooks: warned that their programs must be in the image', async () => {
    const r = await runChaos(['deploy', 'experiments/k6-latency.yml', 'experiments/dns.yml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: hooks of [a-z0-9-]+(, [a-z0-9-]+)* run inside the pod: their programs and files must be in the image/);
    expect(r.stderr).not.toMatch(/hooks of [^\n]*dns/);
  });

  test('allowedContexts that do not allow the pod\'s context "in-cluster": warned, since the deployed run would be refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-deploy-'));
    const experiment = readFileSync(join(ROOT, FIX, 'a/latency.yml'), 'utf8');
    writeFileSync(join(dir, 'x.yml'), experiment);
    const config = (allowed: string) => readFileSync(join(ROOT, FIX, 'chaos.config.yml'), 'utf8').replace('allowedContexts: [in-cluster]', `allowedContexts: ${allowed}`);
    writeFileSync(join(dir, 'chaos.config.yml'), config('[prod-*]'));
    const refused = await runChaos(['deploy', 'x.yml'], { cwd: dir });
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stderr).toMatch(/allowedContexts in .*chaos\.config\.yml does not name the context "in-cluster"/);
    writeFileSync(join(dir, 'chaos.config.yml'), config('[prod-*, in-*]'));
    const allowed = await runChaos(['deploy', 'x.yml'], { cwd: dir });
    expect([allowed.code, allowed.stderr]).toEqual([0, '']);
  });
});
