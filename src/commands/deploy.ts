// chaos deploy <files...>: the files are validated exactly as `chaos validate` does (same problems,
// exit 3), then the manifests that run them in the cluster go to stdout, ready for `kubectl apply -f -`.
import { readExperimentFiles, readTextFile } from '../adapters/files.js';
import { loadExperiments } from './load.js';
import { applyFlags } from './run-plan.js';
import { newRunId } from '../lifecycle/run-id.js';
import { requiredAccess, prometheusProxyAccess, type Access } from '../policy/access.js';
import { allowingEntry } from '../policy/contexts.js';
import { cronProblem } from '../deploy/cron.js';
import { activeDeadlineSeconds, terminationGraceSeconds } from '../deploy/budget.js';
import { configMapKeys, renderDeploy, IN_CLUSTER_CONTEXT } from '../deploy/manifests.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../lifecycle/exit-codes.js';
import { formatIssues } from '../report/issues.js';
import { VERSION } from '../version.js';
import type { ChaosKind } from '../chaos-mesh/types.js';
import type { RunPlan } from '../lifecycle/plan.js';
import type { CliIO } from '../ports.js';

/** The image the release workflow publishes from the Dockerfile (the npm tarball on node:20-slim). */
export const DEFAULT_IMAGE = `ghcr.io/materi/chaos:${VERSION}`;
export const DEFAULT_NAME = 'chaos';

export interface DeployOptions {
  schedule?: string;
  timeZone?: string;
  image?: string;
  namespace?: string;
  config?: string;
  name?: string;
}

// DNS-1123 label; a CronJob's name leaves 11 characters for the Job suffix (52 at most).
// etcd's object limit is 1.5 MiB; the API server refuses ConfigMap data beyond 1 MiB.
const CONFIGMAP_LIMIT = 1024 * 1024;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export async function deployCommand(files: string[], opts: DeployOptions, io: CliIO): Promise<number> {
  const name = opts.name ?? DEFAULT_NAME;
  checkFlags(name, opts);
  const load = (ns: string | undefined) => loadExperiments(files, opts, io, { flags: (c) => applyFlags(c, ns ? { namespace: ns } : {}), plan: { runId: newRunId() } });
  // The pod's context namespace is where it runs: targets without a namespace are planned there, and
  // the run is told so (--namespace), so the pod acts on exactly what was validated and granted here.
  const first = await load(opts.namespace);
  const namespace = opts.namespace ?? first.config.kubernetes.namespace ?? first.plan.experiments.find((p) => p.namespaceFrom === 'target')?.namespace ?? 'default';
  const loaded = opts.namespace === namespace ? first : await load(namespace);
  if (loaded.warnings.length > 0) io.stderr.write(formatIssues(loaded.warnings) + '\n');
  const allowed = loaded.config.kubernetes.allowedContexts;
  if (allowed && !allowingEntry({ name: IN_CLUSTER_CONTEXT, server: '' }, allowed)) {
    io.stderr.write(`warning: kubernetes.allowedContexts in ${loaded.config.file} does not name the context "${IN_CLUSTER_CONTEXT}" the pod runs in: ` +
      `the run will be refused unless an entry allows the API server as seen from the pod (add "${IN_CLUSTER_CONTEXT}" to the list)\n`);
  }
  const prometheusUrl = loaded.config.prometheus.url;
  if (prometheusUrl && /^https?:\/\/(localhost|127\.|\[::1\])/i.test(prometheusUrl)) {
    io.stderr.write(`warning: prometheus.url ${prometheusUrl} is the pod itself when chaos runs in the cluster: use the service's in-cluster URL or prometheus.service\n`);
  }
  const withHooks = loaded.plan.experiments.filter((p) => Object.values(p.experiment.hooks).some((list) => list.length > 0)).map((p) => p.experiment.name);
  if (withHooks.length > 0) {
    io.stderr.write(`warning: hooks of ${withHooks.join(', ')} run inside the pod: their programs and files must be in the image (only the experiment files and the config are mounted)\n`);
  }
  const sources = await readExperimentFiles(loaded.files, io.cwd);
  const keys = configMapKeys(sources.map((s) => s.file));
  const config = loaded.config.file ? await readTextFile(loaded.config.file, io.cwd) : undefined;
  const bytes = sources.reduce((n, src) => n + Buffer.byteLength(src.text), Buffer.byteLength(config ?? ''));
  if (bytes > CONFIGMAP_LIMIT) throw new UsageError(`the experiment files and the config take ${bytes} bytes: more than a ConfigMap holds (1 MiB)`, { hint: 'deploy them in several parts (--name)' });
  io.stdout.write(renderDeploy({
    name,
    namespace,
    image: opts.image ?? DEFAULT_IMAGE,
    version: VERSION,
    schedule: opts.schedule?.trim(),
    timeZone: opts.timeZone,
    experiments: sources.map((s, i) => ({ key: keys[i]!, text: s.text })),
    config,
    runFlags: ['--namespace', namespace],
    access: accessFor(loaded.plan, loaded.config.prometheus.service),
    activeDeadlineSeconds: activeDeadlineSeconds(loaded.plan, loaded.config),
    terminationGracePeriodSeconds: terminationGraceSeconds(loaded.config),
  }));
  return ExitCode.ok;
}

function checkFlags(name: string, opts: DeployOptions): void {
  if (opts.schedule !== undefined) {
    const problem = cronProblem(opts.schedule);
    if (problem) throw new UsageError(`--schedule "${opts.schedule}": ${problem}`, { hint: 'e.g. --schedule "0 3 * * *" (every day at 03:00, the controller\'s time zone)' });
  }
  if (opts.timeZone !== undefined) {
    if (opts.schedule === undefined) throw new UsageError('--time-zone needs --schedule (a Job without one runs once, now)');
    if (!knownTimeZone(opts.timeZone)) throw new UsageError(`--time-zone ${opts.timeZone}: not an IANA time zone`, { hint: 'e.g. --time-zone Europe/Paris, --time-zone Etc/UTC' });
  }
  if (!DNS_LABEL.test(name) || name.length > 52) throw new UsageError(`--name ${name}: not a DNS-1123 label of at most 52 characters (lower case letters, digits, -)`);
  if (opts.namespace !== undefined && (!DNS_LABEL.test(opts.namespace) || opts.namespace.length > 63)) {
    throw new UsageError(`--namespace ${opts.namespace}: not a DNS-1123 label (lower case letters, digits, -)`);
  }
  if (opts.image !== undefined && !/^[^\s]+$/.test(opts.image)) throw new UsageError(`--image "${opts.image}": not an image reference`);
}

/** Names the IANA database knows (Node's ICU); the API server checks against its own copy of it. */
function knownTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** What preflight will ask in the pod, per experiment, plus the Prometheus service proxy when used. */
function accessFor(plan: RunPlan, prometheusService: string | undefined): Access[] {
  const access = plan.experiments.flatMap((p) => {
    const kinds = [...new Set(p.manifests.map((m) => m.kind))] as ChaosKind[];
    const dep = p.experiment.dependency;
    return requiredAccess({ namespace: p.namespace, kinds, dependencyNamespaces: dep?.kind === 'pods' && dep.namespace ? [dep.namespace] : [] });
  });
  const proxy = prometheusService ? prometheusProxyAccess(prometheusService) : undefined;
  return proxy ? [...access, proxy] : access;
}
