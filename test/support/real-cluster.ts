// A real Kubernetes control plane (kube-apiserver, etcd, controllers, scheduler, a pod runner and the
// simulated Chaos Mesh controller as a client) started by scripts/test-cluster.sh into a temp folder.
// See test/cluster/README.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../e2e/cli.js';
import { startChaosMeshWebhook, type ChaosMeshWebhook } from './chaos-mesh-webhook.js';

const SCRIPT = join(ROOT, 'scripts', 'test-cluster.sh');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The simulator's failure modes (ConfigMap chaos-mesh/chaos-mesh-sim). */
export interface SimBehaviour {
  injection: 'normal' | 'never' | 'select-nothing';
  deleteMode: 'normal' | 'hang';
  injectDelayMs: number;
  recoverDelayMs: number;
  podRestartMs: number;
}

export const DEFAULT_SIM_BEHAVIOUR: SimBehaviour = { injection: 'normal', deleteMode: 'normal', injectDelayMs: 100, recoverDelayMs: 100, podRestartMs: 300 };

export interface RealCluster {
  dir: string;
  /** Admin (system:masters) kubeconfig, context `chaos-test`. */
  kubeconfigPath: string;
  /** https://127.0.0.1:<port> and the CA that signed its certificate. */
  server: string;
  caPath: string;
  /** Where Chaos Mesh's webhook listens, when started with chaosMeshWebhook. */
  webhookUrl?: string;
  /** A kubeconfig (context `chaos-test`) that authenticates with a bearer token, e.g. from `kubectl create token`. */
  tokenKubeconfig(token: string): string;
  /** kubectl against this cluster (never throws; check `code`). */
  kubectl(args: string[], input?: string): Promise<CommandResult>;
  /** kubectl … -o json that must succeed, parsed. */
  kubectlJson(args: string[]): Promise<any>;
  /** Changes the simulator's behaviour and returns once the simulator has seen the change. */
  setSimBehaviour(b: Partial<SimBehaviour>): Promise<void>;
  /** Every object of every Chaos Mesh kind in crds/, in all namespaces (terminating ones included). */
  listChaosObjects(): Promise<any[]>;
  close(): Promise<void>;
}

export function run(cmd: string, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

/** `plural.group` of every CRD shipped in crds/ (what `kubectl get` takes). */
export function chaosResources(): string[] {
  return readdirSync(join(ROOT, 'crds'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const text = readFileSync(join(ROOT, 'crds', f), 'utf8');
      const plural = /^\s+plural:\s*(\S+)/m.exec(text)?.[1];
      const group = /^\s+group:\s*(\S+)/m.exec(text)?.[1];
      if (!plural || !group) throw new Error(`crds/${f}: no names.plural or group`);
      return `${plural}.${group}`;
    });
}

export interface RealClusterOptions {
  /** Chaos Mesh's own admission webhook (test/support/chaos-mesh-webhook.ts) in front of every chaos kind. */
  chaosMeshWebhook?: boolean;
}

/** Builds the plane if its binaries are missing (slow the first time), then starts it. */
export async function startRealCluster(opts: RealClusterOptions = {}): Promise<RealCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-cluster-'));
  // the watchdog stops the plane if this test process dies without calling close()
  const env = { ...process.env, CHAOS_TEST_CLUSTER_PARENT: String(process.pid) };
  const up = await run('bash', [SCRIPT, 'up', dir], { env });
  const line = up.stdout.split('\n').find((l) => l.startsWith('KUBECONFIG='));
  if (up.code !== 0 || !line) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`scripts/test-cluster.sh up exited ${up.code}:\n${up.stderr}`);
  }
  const kubeconfigPath = line.slice('KUBECONFIG='.length);
  const kubectl = (args: string[], input?: string) => run('kubectl', ['--kubeconfig', kubeconfigPath, ...args], { input });
  const kubectlJson = async (args: string[]) => {
    const r = await kubectl([...args, '-o', 'json']);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  const server = readFileSync(join(dir, 'url'), 'utf8').trim();
  const caPath = join(dir, 'pki', 'ca.crt');
  let tokens = 0;
  let webhook: ChaosMeshWebhook | undefined;
  if (opts.chaosMeshWebhook) {
    try {
      webhook = await startChaosMeshWebhook(dir, chaosResources(), kubectl);
    } catch (err) {
      await run('bash', [SCRIPT, 'down', dir]);
      throw err;
    }
  }
  return {
    dir,
    kubeconfigPath,
    server,
    caPath,
    webhookUrl: webhook?.url,
    tokenKubeconfig(token) {
      const path = join(dir, `token-${++tokens}.kubeconfig`);
      const ca = readFileSync(caPath).toString('base64');
      writeFileSync(path, [
        'apiVersion: v1', 'kind: Config',
        `clusters: [{ name: chaos-test, cluster: { server: "${server}", certificate-authority-data: "${ca}" } }]`,
        `users: [{ name: token, user: { token: "${token}" } }]`,
        'contexts: [{ name: chaos-test, context: { cluster: chaos-test, user: token, namespace: materi-production } }]',
        'current-context: chaos-test', '',
      ].join('\n'), { mode: 0o600 });
      return path;
    },
    kubectl,
    kubectlJson,
    async setSimBehaviour(b) {
      const data = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, String(v)]));
      const patched = await kubectlJson(['-n', 'chaos-mesh', 'patch', 'configmap', 'chaos-mesh-sim', '--type', 'merge', '-p', JSON.stringify({ data })]);
      const rv = patched.metadata.resourceVersion;
      await waitFor(`chaos-mesh-sim to see behaviour ${JSON.stringify(b)}`, async () => {
        const r = await kubectl(['-n', 'chaos-mesh', 'get', 'configmap', 'chaos-mesh-sim-status', '-o', 'jsonpath={.data.observed}']);
        return r.code === 0 && r.stdout === rv;
      });
    },
    async listChaosObjects() {
      return (await kubectlJson(['get', chaosResources().join(','), '--all-namespaces'])).items;
    },
    async close() {
      // down stops the webhook server too (its pid is in dir/pids/)
      const down = await run('bash', [SCRIPT, 'down', dir]);
      if (down.code !== 0) throw new Error(`scripts/test-cluster.sh down exited ${down.code}:\n${down.stderr}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until check() is true; the error names what never happened. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
