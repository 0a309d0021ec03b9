// Kubeconfig resolution and context selection of the Kubernetes adapter (no server needed).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCluster } from '../../src/adapters/kubernetes/index.js';
import { EnvironmentError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'kube-adapter-kc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = 'sekret-token-value';

function kubeconfig(file: string, opts: { server: string; contexts: { name: string; namespace?: string }[]; current?: string; extra?: string }): string {
  const path = join(dir, file);
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: c-${file}`,
    '  cluster:',
    `    server: ${opts.server}`,
    ...(opts.extra ? [opts.extra] : []),
    'users:',
    `- name: u-${file}`,
    '  user:',
    `    token: ${TOKEN}`,
    'contexts:',
    ...opts.contexts.flatMap((c) => [
      `- name: ${c.name}`,
      '  context:',
      `    cluster: c-${file}`,
      `    user: u-${file}`,
      ...(c.namespace ? [`    namespace: ${c.namespace}`] : []),
    ]),
    ...(opts.current ? [`current-context: ${opts.current}`] : []),
  ];
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function rejection(p: Promise<unknown>): Promise<EnvironmentError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EnvironmentError);
  return e as EnvironmentError;
}

const emptyHome = mkdtempSync(join(tmpdir(), 'kube-adapter-home-'));
afterAll(() => rmSync(emptyHome, { recursive: true, force: true }));

describe('connectCluster: kubeconfig resolution', () => {
  it('refuses to run without any kubeconfig instead of falling back to localhost:8080', async () => {
    const e = await rejection(connectCluster({ env: { HOME: emptyHome } }));
    expect(e.message).toMatch(/no kubeconfig found/);
    expect(e.message).not.toContain('localhost:8080');
    expect(e.hint).toMatch(/--kubeconfig/);
    expect(e.hint).toMatch(/KUBECONFIG/);
  });

  it('reports a --kubeconfig path that does not exist', async () => {
    const missing = join(dir, 'nope.yaml');
    const e = await rejection(connectCluster({ kubeconfig: missing, env: {} }));
    expect(e.message).toContain(missing);
  });

  it('reports KUBECONFIG naming only missing files', async () => {
    const e = await rejection(connectCluster({ env: { KUBECONFIG: join(dir, 'a-missing'), HOME: emptyHome } }));
    expect(e.message).toContain('a-missing');
  });

  it('reports unreadable YAML with the file name', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'clusters: [\n  - {name: x\n');
    const e = await rejection(connectCluster({ kubeconfig: bad, env: {} }));
    expect(e.message).toContain(bad);
  });

  it('lists the available contexts when --context is unknown', async () => {
    const path = kubeconfig('two.yaml', { server: 'https://127.0.0.1:6443', contexts: [{ name: 'staging' }, { name: 'kind-dev' }], current: 'staging' });
    const e = await rejection(connectCluster({ kubeconfig: path, context: 'prod', env: {} }));
    expect(e.message).toContain('"prod"');
    expect(e.message).toContain('staging, kind-dev');
  });

  it('asks for --context when the kubeconfig sets no current-context', async () => {
    const path = kubeconfig('nocurrent.yaml', { server: 'https://127.0.0.1:6443', contexts: [{ name: 'only' }] });
    const e = await rejection(connectCluster({ kubeconfig: path, env: {} }));
    expect(e.message).toContain('no current-context');
    expect(e.message).toContain('only');
    expect(e.hint).toContain('--context');
  });

  it('info() gives context, server, namespace and user; namespace defaults to "default"', async () => {
    const path = kubeconfig('info.yaml', {
      server: 'https://10.1.2.3:6443',
      contexts: [{ name: 'a', namespace: 'materi-production' }, { name: 'b' }],
      current: 'a',
    });
    const a = await connectCluster({ kubeconfig: path, env: {} });
    expect(a.info()).toEqual({ context: 'a', server: 'https://10.1.2.3:6443', namespace: 'materi-production', user: 'u-info.yaml' });
    const b = await connectCluster({ kubeconfig: path, context: 'b', env: {} });
    expect(b.info().context).toBe('b');
    expect(b.info().namespace).toBe('default');
  });

  it('merges a KUBECONFIG list: the first current-context wins, later files add contexts', async () => {
    const first = kubeconfig('first.yaml', { server: 'https://10.0.0.1:6443', contexts: [{ name: 'one' }], current: 'one' });
    const second = kubeconfig('second.yaml', { server: 'https://10.0.0.2:6443', contexts: [{ name: 'two' }], current: 'two' });
    const env = { KUBECONFIG: [first, join(dir, 'ignored-missing'), second].join(':') };
    expect((await connectCluster({ env })).info().server).toBe('https://10.0.0.1:6443');
    expect((await connectCluster({ context: 'two', env })).info().server).toBe('https://10.0.0.2:6443');
  });

  it('uses ~/.kube/config when nothing else is given', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kube-adapter-home2-'));
    try {
      const path = kubeconfig('home.yaml', { server: 'https://10.9.9.9:6443', contexts: [{ name: 'home-ctx' }], current: 'home-ctx' });
      mkdirSync(join(home, '.kube'));
      copyFileSync(path, join(home, '.kube', 'config'));
      expect((await connectCluster({ env: { HOME: home } })).info().context).toBe('home-ctx');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses plain http without insecure-skip-tls-verify, before any request', async () => {
    const path = kubeconfig('http.yaml', { server: 'http://127.0.0.1:8080', contexts: [{ name: 'h' }], current: 'h' });
    const e = await rejection(connectCluster({ kubeconfig: path, env: {} }));
    expect(e.message).toContain('http://127.0.0.1:8080');
    expect(e.hint).toMatch(/https/);
  });

  it('proxyTarget() carries the server and the bearer token for the service proxy', async () => {
    const path = kubeconfig('proxy.yaml', { server: 'https://10.1.1.1:6443/', contexts: [{ name: 'p' }], current: 'p' });
    const target = (await connectCluster({ kubeconfig: path, env: {} })).proxyTarget();
    expect(target.baseUrl).toBe('https://10.1.1.1:6443');
    expect(target.headers.Authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('transport failures', () => {
  it('connection refused becomes an EnvironmentError naming the server, without the token', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const server = `https://127.0.0.1:${port}`;
    const path = kubeconfig('refused.yaml', { server, contexts: [{ name: 'r', namespace: 'ns1' }], current: 'r' });
    const cluster = await connectCluster({ kubeconfig: path, env: {} });
    const e = await rejection(cluster.checkChaosKinds(['NetworkChaos']));
    expect(e.message).toContain(server);
    expect(e.message).toContain('ECONNREFUSED');
    expect(`${e.message} ${e.hint}`).not.toContain(TOKEN);
    const e2 = await rejection(cluster.countPods('ns1', { matchLabels: { app: 'api' }, matchExpressions: [] }));
    expect(e2.message).toContain(server);
    expect(e2.message).toContain('pods');
  });
});
