// kubernetes.allowedContexts is policy (SPEC §10), with the built binary: a name glob matches the context's
// name, a { server } entry the API server it points at; --yes never overrides the list (exit 4).
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
const writes = () => world.cluster.requests().filter((q) => q.method !== 'GET' && !q.path.includes('selfsubjectaccessreviews'));
const CONNECTION_FAILURE = ['run', 'experiments/materi.yml', '--only', 'database-connection-failure', '--duration', '2s'];

describe('allowedContexts is policy', () => {
  test('--yes does not override the list: a context it does not name is refused (exit 4), nothing written', async () => {
    configure([[['kubernetes', 'allowedContexts'], ['staging']]]);
    const before = writes().length;
    const r = await chaos([...CONNECTION_FAILURE, '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stderr).toMatch(/context "fake" \(server https:\/\/127\.0\.0\.1:\d+\) is not in kubernetes\.allowedContexts \[staging\]: refusing to inject faults/);
    expect(r.stderr).toMatch(/--yes does not override allowedContexts/);
    expect(writes().length).toBe(before);
    expect(world.cluster.everCreated()).toEqual([]);
  });

  test('a context named kind-prod that points at another server does not pass a { server } entry, even with --yes', async () => {
    configure([[['kubernetes', 'allowedContexts'], [{ server: `${world.cluster.url}/` }]]]);
    const kubeconfig = world.cluster.writeKubeconfig(join(world.dir, 'prod'), [{ name: 'kind-prod', server: 'https://prod.example.invalid:6443' }]);
    const r = await chaos([...CONNECTION_FAILURE, '--yes'], { KUBECONFIG: kubeconfig });
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stderr).toMatch(/context "kind-prod" \(server https:\/\/prod\.example\.invalid:6443\) is not in kubernetes\.allowedContexts \[\{ server: https:\/\/127\.0\.0\.1:\d+\/ \}\]/);
    expect(world.cluster.everCreated()).toEqual([]);
  });

  test('a { server } entry allows any context that points at that server (trailing slash and case ignored): exit 0, nothing left', async () => {
    configure([[['kubernetes', 'allowedContexts'], [{ server: `${world.cluster.url.toUpperCase().replace('HTTPS', 'https')}/` }]]]);
    const kubeconfig = world.cluster.writeKubeconfig(join(world.dir, 'any'), [{ name: 'some-admin@cluster' }]);
    const r = await chaos(CONNECTION_FAILURE, { KUBECONFIG: kubeconfig });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(world.cluster.everCreated()).toHaveLength(1);
    expect(world.cluster.objects()).toEqual([]);
  });
});
