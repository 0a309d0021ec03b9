// `chaos deploy` output (pure): a ConfigMap with the experiment files and the config, a ServiceAccount,
// the least-privilege Role + RoleBinding per namespace the run touches, and a CronJob (with a schedule)
// or a Job running `chaos run --output json` on those files. Same input, same bytes (golden test).
import { toYaml } from '../chaos-mesh/to-yaml.js';
import type { Access } from '../policy/access.js';
import { rulesByNamespace } from './rbac-rules.js';

/** Where the ConfigMap is mounted in the pod. */
export const MOUNT = '/etc/chaos';
export const CONFIG_KEY = 'chaos.config.yml';
/** The `node` user of the node:*-slim images (Dockerfile: USER node). */
export const RUN_AS_USER = 1000;
/** The context name chaos gives the in-cluster service account (adapters/kubernetes/kubeconfig.ts). */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

export interface DeploySpec {
  name: string;
  namespace: string;
  image: string;
  version: string;
  schedule?: string | undefined;
  /** IANA time zone of the schedule (CronJob spec.timeZone); default: the controller manager's. */
  timeZone?: string | undefined;
  /** ConfigMap key and text of each experiment file, in command-line order. */
  experiments: { key: string; text: string }[];
  config?: string | undefined;
  /** Extra `chaos run` flags (e.g. --namespace) so the pod plans exactly what deploy validated. */
  runFlags: string[];
  access: Access[];
  activeDeadlineSeconds: number;
  terminationGracePeriodSeconds: number;
}

/** ConfigMap keys from file paths: the basename, made a valid key, de-duplicated with -2, -3, … */
export function configMapKeys(paths: readonly string[], reserved: readonly string[] = [CONFIG_KEY]): string[] {
  const taken = new Set(reserved);
  return paths.map((p) => {
    const base = (p.split(/[\\/]/).pop() ?? p).replace(/[^-._a-zA-Z0-9]/g, '-') || 'experiment.yml';
    const dot = base.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${stem}-${n}${ext}`;
    taken.add(key);
    return key;
  });
}

export function runArgs(spec: Pick<DeploySpec, 'experiments' | 'config' | 'runFlags'>): string[] {
  return [
    'run', '--output', 'json', '--yes', '--context', IN_CLUSTER_CONTEXT,
    ...(spec.config !== undefined ? ['--config', `${MOUNT}/${CONFIG_KEY}`] : []),
    ...spec.runFlags,
    ...spec.experiments.map((e) => `${MOUNT}/${e.key}`),
  ];
}

export function renderDeploy(spec: DeploySpec): string {
  const labels = { 'app.kubernetes.io/name': 'chaos', 'app.kubernetes.io/instance': spec.name, 'app.kubernetes.io/version': spec.version };
  const meta = (namespace: string) => ({ name: spec.name, namespace, labels });
  const docs: string[] = [configMap(spec, meta(spec.namespace))];
  docs.push(toYaml({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(spec.namespace) }));
  for (const [ns, rules] of rulesByNamespace(spec.access)) {
    docs.push(toYaml({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(ns), rules }));
    docs.push(toYaml({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta(ns),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: spec.name },
      subjects: [{ kind: 'ServiceAccount', name: spec.name, namespace: spec.namespace }],
    }));
  }
  docs.push(toYaml(workload(spec, meta(spec.namespace), labels)));
  return `# chaos ${spec.version}: apply with \`kubectl apply -f -\`\n${docs.map((d) => `---\n${d}`).join('')}`;
}

function workload(spec: DeploySpec, metadata: object, labels: Record<string, string>): object {
  const jobSpec = {
    // One attempt: a retried run would inject again; the next schedule is the retry.
    backoffLimit: 0,
    activeDeadlineSeconds: spec.activeDeadlineSeconds,
    ...(spec.schedule === undefined ? { ttlSecondsAfterFinished: 7 * 24 * 3600 } : {}),
    template: { metadata: { labels }, spec: podSpec(spec) },
  };
  if (spec.schedule === undefined) return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: jobSpec };
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata,
    spec: {
      schedule: spec.schedule,
      ...(spec.timeZone !== undefined ? { timeZone: spec.timeZone } : {}),
      // Never two runs at once: the second would wait for the namespace lock, or overlap faults.
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: { metadata: { labels }, spec: jobSpec },
    },
  };
}

function podSpec(spec: DeploySpec): object {
  return {
    serviceAccountName: spec.name,
    restartPolicy: 'Never',
    // SIGTERM (deadline, deletion, node drain) makes chaos revert: give it the revert's time.
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
    securityContext: { runAsNonRoot: true, runAsUser: RUN_AS_USER, runAsGroup: RUN_AS_USER, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'chaos',
      image: spec.image,
      args: runArgs(spec),
      env: [{ name: 'NO_COLOR', value: '1' }],
      volumeMounts: [{ name: 'experiments', mountPath: MOUNT, readOnly: true }],
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    }],
    volumes: [{ name: 'experiments', configMap: { name: spec.name } }],
  };
}

function configMap(spec: DeploySpec, metadata: object): string {
  const head = toYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata });
  const entries: [string, string][] = [
    ...(spec.config !== undefined ? [[CONFIG_KEY, spec.config] as [string, string]] : []),
    ...spec.experiments.map((e) => [e.key, e.text] as [string, string]),
  ];
  return `${head}data:\n${entries.map(([k, text]) => `  ${k}: ${blockText(text, '    ')}\n`).join('')}`;
}

/** A file's text as a YAML literal block (readable in `kubectl get -o yaml`), or quoted when it cannot be one. */
export function blockText(text: string, indent: string): string {
  const printable = !/[^\t\n\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(text);
  // A leading space or blank first line would need an indentation indicator; trailing blanks need |+.
  if (text === '' || !printable || /^[ \n]/.test(text) || /[ \t]\n|[ \t]$/.test(text)) return quoted(text);
  const body = text.replace(/\n+$/, '');
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const lines = (trailing > 1 ? text.slice(0, -1) : body).split('\n').map((l) => (l === '' ? '' : indent + l));
  return `|${chomp}\n${lines.join('\n')}`;
}

// JSON leaves DEL, C1 controls and Unicode line separators raw; YAML wants them escaped.
function quoted(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
