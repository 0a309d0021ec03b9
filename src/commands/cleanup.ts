// chaos cleanup: find chaos objects by label, delete them, wait until they are gone. Idempotent.
import { loadConfig, applyEnv } from '../config/load.js';
import { LABELS, MANAGED_BY_VALUE } from '../chaos-mesh/types.js';
import { refString } from '../lifecycle/describe.js';
import { durationFlag } from './run.js';
import { RevertError, UsageError } from '../errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { makeTheme } from '../ui/theme.js';
import type { CliIO } from '../cli/io.js';

export interface CleanupOptions {
  runId?: string;
  all?: boolean;
  namespace?: string;
  allNamespaces?: boolean;
  config?: string;
  context?: string;
  kubeconfig?: string;
  timeout?: string;
  color?: boolean;
}

export async function cleanupCommand(opts: CleanupOptions, io: CliIO): Promise<number> {
  if (!opts.runId && !opts.all) throw new UsageError('say what to clean up: --run-id <id> or --all', { hint: 'the run id is printed by chaos run and is in its reports' });
  if (opts.runId && opts.all) throw new UsageError('--run-id and --all cannot be used together');
  if (opts.namespace && opts.allNamespaces) throw new UsageError('--namespace and --all-namespaces cannot be used together');
  const timeoutMs = durationFlag(opts.timeout ?? '2m', '--timeout')!;
  const { config } = await loadConfig({ cwd: io.cwd, ...(opts.config ? { explicitPath: opts.config } : {}) }).then((l) => ({ config: applyEnv(l.config, io.env) }));
  const { connectCluster } = await import('../adapters/kubernetes/index.js');
  const context = opts.context ?? config.kubernetes.context;
  const cluster = await connectCluster({ ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}), ...(context ? { context } : {}), env: io.env });
  const info = cluster.info();
  // A run id is unique, so by default look everywhere: leftovers may be in any target namespace.
  const namespace = opts.allNamespaces ? undefined : opts.namespace;
  const labels: Record<string, string> = { [LABELS.managedBy]: MANAGED_BY_VALUE, ...(opts.runId ? { [LABELS.runId]: opts.runId } : {}) };
  const theme = await makeTheme(io.stdout, io.env, opts.color === false);
  io.stderr.write(`context ${info.context}  server ${info.server}  ${namespace ? `namespace ${namespace}` : 'all namespaces'}\n`);
  const found = await cluster.listManaged(labels, namespace);
  const what = opts.runId ? `run ${opts.runId}` : 'chaos';
  if (found.length === 0) {
    io.stdout.write(`${theme.ok('✓')} nothing to clean up: no objects of ${what}${namespace ? ` in ${namespace}` : ''}\n`);
    return ExitCode.ok;
  }
  for (const ref of found) await cluster.delete(ref);
  const gone = await Promise.all(found.map((ref) => cluster.waitForGone(ref, { timeoutMs })));
  const stuck = found.filter((_, i) => !gone[i]);
  for (const [i, ref] of found.entries()) io.stdout.write(`${gone[i] ? theme.ok('removed') : theme.fail('STILL PRESENT')}  ${refString(ref)}\n`);
  if (stuck.length > 0) {
    throw new RevertError(`${stuck.length} object(s) still present after ${opts.timeout ?? '2m'}: Chaos Mesh has not finished recovering them`, {
      hint: `inspect with kubectl describe; as a last resort (leaves the fault in place): kubectl annotate ${stuck[0]!.kind.toLowerCase()} ${stuck[0]!.name} -n ${stuck[0]!.namespace} chaos-mesh.chaos-mesh.org/cleanFinalizer=forced`,
    });
  }
  io.stdout.write(`${theme.ok('✓')} removed ${found.length} object${found.length === 1 ? '' : 's'} of ${what}\n`);
  return ExitCode.ok;
}
