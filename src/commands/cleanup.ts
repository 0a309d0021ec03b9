// chaos cleanup: find chaos objects by label, delete them, wait until they are gone. Idempotent.
// Every object is tried and reported; --all spares objects of runs still holding their lease unless --force.
import { loadConfig } from '../adapters/config-file.js';
import { applyEnv } from '../config/env.js';
import { LABELS, MANAGED_BY_VALUE } from '../chaos-mesh/types.js';
import { refString } from '../lifecycle/describe.js';
import { durationFlag } from './run-plan.js';
import { UsageError } from '../errors.js';
import { exitCodeForCleanup } from '../lifecycle/exit-codes.js';
import { makeTheme } from '../ui/theme.js';
import type { Theme } from '../report/theme.js';
import { key, liveRunObjects, removeEach, type ObjectOutcome } from './cleanup-objects.js';
import type { CliIO } from '../ports.js';

export interface CleanupOptions {
  runId?: string;
  all?: boolean;
  force?: boolean;
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
  if (opts.force && !opts.all) throw new UsageError('--force goes with --all: it lets --all remove objects of runs that are still live');
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
    return exitCodeForCleanup({ failed: 0, refused: 0 });
  }
  // --all sweeps every run's objects: a run that still holds its lease is live, and its own revert is coming.
  const refused = opts.all && !opts.force ? await liveRunObjects(cluster, found, namespace) : new Map<string, ObjectOutcome>();
  const removed = await removeEach(cluster, found.filter((r) => !refused.has(key(r))), timeoutMs);
  const outcomes = [...removed, ...refused.values()];
  for (const o of outcomes) io.stdout.write(`${line(o, theme)}\n`);
  const count = (k: ObjectOutcome['outcome']) => outcomes.filter((o) => o.outcome === k).length;
  const counts = { removed: count('removed'), failed: count('failed'), refused: count('refused') };
  io.stdout.write(`${summary(counts, what, theme)}\n`);
  const firstFailed = outcomes.find((o) => o.outcome === 'failed');
  if (firstFailed) {
    const r = firstFailed.ref;
    io.stderr.write(
      `hint: a fault may still be active. Run this command again; if an object stays Terminating, inspect it with ` +
        `kubectl describe ${r.kind.toLowerCase()} ${r.name} -n ${r.namespace}; as a last resort (leaves the fault in place): ` +
        `kubectl annotate ${r.kind.toLowerCase()} ${r.name} -n ${r.namespace} chaos-mesh.chaos-mesh.org/cleanFinalizer=forced\n`,
    );
  }
  if (counts.refused > 0) io.stderr.write('hint: those runs revert their own faults; wait for them, or add --force to remove their objects now\n');
  return exitCodeForCleanup(counts);
}

function line(o: ObjectOutcome, theme: Theme): string {
  switch (o.outcome) {
    case 'removed':
      return `${theme.ok('removed')}  ${refString(o.ref)}`;
    case 'failed':
      return `${theme.fail('FAILED ')}  ${refString(o.ref)}: ${o.reason}`;
    case 'refused':
      return `${theme.warn('spared ')}  ${refString(o.ref)}: run ${o.runId} is live (it holds lease chaos-lock in ${o.namespace} until ${new Date(o.until).toISOString()})`;
  }
}

function summary(c: { removed: number; failed: number; refused: number }, what: string, theme: Theme): string {
  const n = (k: number) => `${k} object${k === 1 ? '' : 's'}`;
  const parts = [`removed ${n(c.removed)} of ${what}`];
  if (c.failed > 0) parts.push(`${c.failed} could not be removed`);
  if (c.refused > 0) parts.push(`${c.refused} spared (live run${c.refused === 1 ? '' : 's'}; --force removes them)`);
  const mark = c.failed > 0 ? theme.fail('✗') : c.refused > 0 ? theme.warn('!') : theme.ok('✓');
  return `${mark} ${parts.join('; ')}`;
}
