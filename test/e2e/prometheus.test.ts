// Prometheus as the judge: unreachable, lost mid-run, and behind authentication — never a false pass.
import { afterEach, describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos, startChaos } from './cli.js';
import { startWorld, type World } from './world.js';
import { startAuthProxy, type AuthProxy } from '../support/auth-proxy.js';

let world: World | undefined;
let proxy: AuthProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await world?.close();
  world = proxy = undefined;
});

const LATENCY = ['experiments/materi.yml', '--only', 'api-latency-injection'];

describe('chaos run and Prometheus', () => {
  test('Prometheus unreachable before injection: exit 4, nothing applied', async () => {
    world = await startWorld();
    const r = await runChaos(['run', ...LATENCY, '--duration', '3s', '--prometheus-url', 'http://127.0.0.1:1'], { cwd: world.dir, env: world.env });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/Prometheus could not answer/);
    expect(world.cluster.everCreated()).toEqual([]);
  });

  test('Prometheus lost mid-run: never exit 0, the fault is still removed', async () => {
    world = await startWorld();
    const run = startChaos(['run', ...LATENCY, '--duration', '6s'], { cwd: world.dir, env: world.env });
    await run.waitForStderr(/inject ok/, 30_000);
    await world.stopPrometheus();
    const r = await run.done;
    // No data for blindAbortAfter (3) polls: reverted at once, inconclusive — never a pass, never a breach.
    expect(r.code, r.stdout + r.stderr).toBe(7);
    expect(r.stdout).toMatch(/INCONCLUSIVE/);
    expect(world.cluster.everCreated()).toHaveLength(1);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('basic auth and tenant headers reach Prometheus and never appear in any output', async () => {
    world = await startWorld({ config: [[['prometheus', 'basicAuth'], { username: 'chaos', passwordEnv: 'PROM_PASSWORD' }], [['prometheus', 'headers'], { 'X-Scope-OrgID': 'team-a' }]] });
    const password = 's3cret-Pa55word-xyz';
    proxy = await startAuthProxy({ upstream: world.prometheusUrl, basic: { username: 'chaos', password }, headers: { 'X-Scope-OrgID': 'team-a' } });
    const r = await runChaos(['run', ...LATENCY, '--duration', '3s', '--prometheus-url', proxy.url, '--verbose', '--report', 'json=out/r.json', '--report', 'junit=out/r.xml', '--report', 'html=out/r.html', '--report', 'markdown=out/r.md'], { cwd: world.dir, env: { ...world.env, PROM_PASSWORD: password } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(proxy.requests.length).toBeGreaterThan(3);
    expect(proxy.requests.every((q) => q.status === 200)).toBe(true);
    const basic = Buffer.from(`chaos:${password}`).toString('base64');
    const outputs = [r.stdout, r.stderr, ...readdirSync(join(world.dir, 'out')).map((f) => readFileSync(join(world!.dir, 'out', f), 'utf8'))];
    for (const text of outputs) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(basic);
    }
  });

  test('a bearer token reaches Prometheus and never appears in any output', async () => {
    world = await startWorld({ config: [[['prometheus', 'bearerTokenEnv'], 'PROM_TOKEN']] });
    const token = 'tok-9f8e7d6c5b4a3210';
    proxy = await startAuthProxy({ upstream: world.prometheusUrl, bearer: token });
    const r = await runChaos(['run', ...LATENCY, '--duration', '3s', '--prometheus-url', proxy.url, '--output', 'json'], { cwd: world.dir, env: { ...world.env, PROM_TOKEN: token } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(proxy.requests.every((q) => q.status === 200)).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(token);
    expect(JSON.parse(r.stdout).experiments[0].verdict).toBe('passed');
  });

  test('wrong credentials: exit 4 before injection, and the secret is not printed', async () => {
    world = await startWorld({ config: [[['prometheus', 'bearerTokenEnv'], 'PROM_TOKEN']] });
    proxy = await startAuthProxy({ upstream: world.prometheusUrl, bearer: 'the-right-token' });
    const r = await runChaos(['run', ...LATENCY, '--duration', '3s', '--prometheus-url', proxy.url], { cwd: world.dir, env: { ...world.env, PROM_TOKEN: 'a-wrong-token-123' } });
    expect(r.code).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/401|unauthori[sz]ed/i);
    expect(r.stdout + r.stderr).not.toContain('a-wrong-token-123');
    expect(world.cluster.everCreated()).toEqual([]);
  });
});
