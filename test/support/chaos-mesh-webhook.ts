// Chaos Mesh's own admission webhook on the real control plane (issue 17 item 3): `oracle serve` (the upstream
// Default()/ValidateCreate()/ValidateUpdate() behind controller-runtime's handlers) on a loopback port with a
// certificate signed by a test CA, registered as a Mutating- and ValidatingWebhookConfiguration for every
// chaos-mesh.org kind in crds/, failurePolicy Fail — as Chaos Mesh's Helm chart registers it on a user's cluster.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tlsMaterial } from '../fake-kube/tls.js';
import { buildOracle } from '../oracle/oracle.js';

type Kubectl = (args: string[], input?: string) => Promise<{ code: number | null; stdout: string; stderr: string }>;

export const MUTATING_WEBHOOK = 'mutate.webhook.chaos-mesh.org';
export const VALIDATING_WEBHOOK = 'validate.webhook.chaos-mesh.org';

/** Accepted by the CRD schema (value is a string there), refused by Chaos Mesh's ValidateCreate. */
export const REJECTED_BY_WEBHOOK = `apiVersion: chaos-mesh.org/v1alpha1
kind: PodChaos
metadata: { name: webhook-probe, namespace: materi-production }
spec: { action: pod-kill, mode: fixed-percent, value: "150", selector: { labelSelectors: { app: api } } }
`;

export interface ChaosMeshWebhook {
  url: string;
  pid: number;
}

function configurations(url: string, caBundle: string, resources: string[]): string {
  const webhook = (name: string, path: string) => `
  - name: ${name}
    clientConfig: { url: "${url}${path}", caBundle: "${caBundle}" }
    rules: [{ apiGroups: [chaos-mesh.org], apiVersions: [v1alpha1], operations: [CREATE, UPDATE], resources: [${resources.join(', ')}], scope: Namespaced }]
    failurePolicy: Fail
    sideEffects: None
    admissionReviewVersions: [v1]
    timeoutSeconds: 10`;
  return `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: { name: chaos-mesh-mutation }
webhooks:${webhook(MUTATING_WEBHOOK, '/mutate')}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: chaos-mesh-validation }
webhooks:${webhook(VALIDATING_WEBHOOK, '/validate')}
`;
}

/**
 * Starts the webhook server for the plane in `dir` and registers it. The server's command line names
 * `dir/` and its pid is in dir/pids/, so `scripts/test-cluster.sh down` and the watchdog stop it too.
 */
export async function startChaosMeshWebhook(
  dir: string,
  resources: string[],
  kubectl: Kubectl,
): Promise<ChaosMeshWebhook> {
  const [bin, tls] = await Promise.all([buildOracle(), tlsMaterial()]);
  const certs = join(dir, 'webhook');
  mkdirSync(certs, { recursive: true });
  for (const f of ['ca.crt', 'server.crt', 'server.key']) copyFileSync(join(tls.dir, f), join(certs, f));
  const log = openSync(join(dir, 'logs', 'chaos-mesh-webhook.log'), 'a');
  const child = spawn(bin, ['serve', '--cert', join(certs, 'server.crt'), '--key', join(certs, 'server.key'), '--port', '0'], {
    detached: true, // its own process group, like the plane's processes: a Ctrl-C to the tests does not reach it
    stdio: ['ignore', 'pipe', log],
  });
  child.unref();
  writeFileSync(join(dir, 'pids', 'chaos-mesh-webhook.pid'), `${child.pid}\n`);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (https:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`oracle serve exited ${code}: ${out}${readFileSync(join(dir, 'logs', 'chaos-mesh-webhook.log'), 'utf8')}`)));
  });
  (child.stdout as any).unref?.();
  const caBundle = readFileSync(join(certs, 'ca.crt')).toString('base64');
  const plurals = resources.map((r) => r.split('.')[0]!);
  const applied = await kubectl(['apply', '-f', '-'], configurations(url, caBundle, plurals));
  if (applied.code !== 0) throw new Error(`registering the Chaos Mesh webhook failed: ${applied.stderr}`);
  // the API server picks up new webhook configurations asynchronously: wait until it asks ours
  for (let i = 0; ; i++) {
    const r = await kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], REJECTED_BY_WEBHOOK);
    if (r.code !== 0 && r.stderr.includes(`admission webhook "${VALIDATING_WEBHOOK}" denied`)) break;
    if (i === 150) throw new Error(`the API server never called the Chaos Mesh webhook: ${r.stderr}`);
    await new Promise((res) => setTimeout(res, 200));
  }
  return { url, pid: child.pid! };
}
