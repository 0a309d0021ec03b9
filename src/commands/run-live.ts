// chaos run against a cluster (and --dry-run=server): wire the real edges, run each experiment, report.
import { makePlan, type RunOptions } from './run-plan.js';
import { guardContext } from './context-guard.js';
import { parseReportFlags, writeReports } from './write-reports.js';
import { prepareOutputPaths } from '../adapters/files.js';
import { connectEdges, runSecrets, type Edges } from './edges.js';
import { REPORT_VERSION, type ExperimentJournal, type RunJournal } from '../lifecycle/journal.js';
import { openExperimentJournal } from '../lifecycle/run-experiment.js';
import type { PlannedExperiment } from '../lifecycle/plan.js';
import { runAll } from './run-all.js';
import { sweep } from '../lifecycle/sweep.js';
import type { RunDeps } from '../lifecycle/deps.js';
import { exitCodeForError, exitCodeForRun, worstExitCode } from '../lifecycle/exit-codes.js';
import { watchInterrupts, type Interrupts } from './interrupts.js';
import { keepLeases } from './lease-keeper.js';
import { kubeTimeoutMs, lockTtlMs } from './run-env.js';
import { isChaosError } from '../errors.js';
import { checkAccess } from '../lifecycle/stages/preflight.js';
import { VERSION } from '../version.js';
import { systemClock } from '../adapters/clock.js';
import { makeTheme } from '../ui/theme.js';
import { createProgress } from '../ui/progress.js';
import type { Config } from '../config/model.js';
import type { Experiment } from '../experiment/model.js';
import type { CliIO } from '../ports.js';
import type { Cluster, Lease, RunObserver } from '../ports.js';

export async function runLive(experiments: Experiment[], config: Config, opts: RunOptions, runId: string, io: CliIO): Promise<number> {
  const reports = parseReportFlags(opts.report);
  prepareOutputPaths(reports.map((r) => r.path), io.cwd); // a report that cannot be written fails before any fault
  const serverDryRun = opts.dryRun === 'server';
  const errTheme = await makeTheme(io.stderr, io.env, opts.color === false);
  const progress = await createProgress({
    stream: io.stderr,
    theme: errTheme,
    quiet: opts.quiet === true,
    // A terminal without a size (0 columns, e.g. some CI ptys) makes a spinner redraw without end: plain lines there.
    interactive: io.stderr.isTTY && (io.stderr.columns ?? 0) > 0 && !io.env.CI,
    now: systemClock.now,
  });
  const interrupts = watchInterrupts(io, runId, progress);
  const leases: Lease[] = [];
  const journal: RunJournal = { reportVersion: REPORT_VERSION, tool: { name: 'chaos', version: VERSION }, runId, startedAt: systemClock.now(), dryRun: serverDryRun, experiments: [], interrupted: false };
  const needsHooks = experiments.some((e) => e.hooks.before.length + e.hooks.during.length + e.hooks.after.length > 0);
  try {
    const edges = await connectEdges(config, opts, io, progress, needsHooks, experiments);
    try {
      const info = edges.cluster.info();
      journal.cluster = info;
      journal.prometheus = { url: edges.metrics.url };
      io.stderr.write(`context ${errTheme.bold(info.context)}  server ${info.server}  namespace ${info.namespace}  run ${errTheme.bold(runId)}${serverDryRun ? '  (dry run: read-only)' : ''}\n`);
      if (!serverDryRun) await guardContext(info, config.kubernetes.allowedContexts, opts.yes === true, io);
      const plan = makePlan(experiments, config, opts, runId, info.namespace);
      const deps = runDeps(runId, edges, progress, interrupts, config, opts, serverDryRun, io.env);
      const ttlMs = lockTtlMs(io.env);
      let refused = new Map<PlannedExperiment, ExperimentJournal>();
      if (!serverDryRun) {
        const namespaces = [...new Set(plan.experiments.map((p) => p.namespace))];
        // A lock we could take but not release would block the namespace until it expires: ask first.
        refused = await refusedByRbac(plan.experiments, deps);
        deps.settings.accessChecked = true;
        const locked = new Set(plan.experiments.filter((p) => !refused.has(p)).map((p) => p.namespace));
        for (const ns of namespaces.filter((n) => locked.has(n))) leases.push(await edges.cluster.acquireLease(ns, runId, ttlMs));
      }
      const keeper = keepLeases(edges.cluster, leases, ttlMs, (why) => interrupts.abort(why), (m) => progress.warn(m));
      try {
        await runAll(plan.experiments, deps, journal, { failFast: opts.failFast === true, parallel: opts.parallel ?? 1, finished: (name) => progress.experimentFinished?.(name), settled: refused });
      } finally {
        keeper.stop();
        // Whatever happened above, nothing labelled with this run may stay behind.
        if (!serverDryRun && journal.experiments.some((e) => e.applied.length > 0)) {
          const known = journal.experiments.flatMap((e) => e.leftovers);
          journal.sweep = await sweep({ scope: 'run', namespaces: [...new Set(plan.experiments.map((p) => p.namespace))], known }, deps);
        }
      }
    } finally {
      for (const l of leases) await edges.cluster.releaseLease(l).catch(() => undefined);
    }
  } finally {
    progress.stop();
    interrupts.dispose();
  }
  journal.interrupted = interrupts.signalled();
  journal.fatal = interrupts.fatal();
  journal.endedAt = systemClock.now();
  const exitCode = (journal.exitCode = exitCodeForRun(journal));
  return printOutcome(journal, exitCode, opts, io, reports, runSecrets(config, experiments, io.env));
}

/** RBAC for every experiment before any lock: a refused one is journalled errored (exit 4), the others run. */
async function refusedByRbac(planned: PlannedExperiment[], deps: RunDeps): Promise<Map<PlannedExperiment, ExperimentJournal>> {
  const refused = new Map<PlannedExperiment, ExperimentJournal>();
  // Experiments share namespaces and kinds: each distinct review is asked once, not once per experiment.
  const answers = new Map<string, Promise<boolean>>();
  const canI: Cluster['canI'] = (verb, group, resource, namespace) => {
    const key = `${verb} ${group} ${resource} ${namespace}`;
    return answers.get(key) ?? answers.set(key, deps.cluster.canI(verb, group, resource, namespace)).get(key)!;
  };
  const asking: RunDeps = { ...deps, cluster: { ...deps.cluster, canI } };
  for (const p of planned) {
    const at = deps.clock.now();
    try {
      await checkAccess(p, asking);
    } catch (e) {
      if (!isChaosError(e)) throw e;
      deps.observer.stageFinished(p.experiment.name, 'preflight', false, e.message);
      const ej = openExperimentJournal(p, at);
      ej.stages.push({ name: 'preflight', startedAt: at, endedAt: deps.clock.now(), ok: false, error: e.message });
      refused.set(p, { ...ej, verdict: 'errored', reason: `${e.message}; nothing was applied`, errorExit: exitCodeForError(e.kind), hint: e.hint, endedAt: deps.clock.now() });
    }
  }
  return refused;
}

function runDeps(runId: string, edges: Edges, progress: RunObserver, interrupts: Interrupts, config: Config, opts: RunOptions, serverDryRun: boolean, env: CliIO['env']): RunDeps {
  const requestTimeoutMs = kubeTimeoutMs(env);
  return {
    runId,
    cluster: edges.cluster,
    metrics: edges.metrics,
    probes: edges.probes,
    clock: systemClock,
    observer: progress,
    hooks: edges.hooks,
    interrupt: interrupts.stop,
    stopWaiting: interrupts.stopWaiting,
    settings: {
      pollIntervalMs: config.defaults.pollIntervalMs,
      injectionTimeoutMs: config.defaults.injectionTimeoutMs,
      recoveryTimeoutMs: config.defaults.recoveryTimeoutMs,
      revertTimeoutMs: config.defaults.revertTimeoutMs,
      abortOnBreach: opts.abortOnBreach !== false,
      serverDryRun,
      recoveryProbeMs: 250,
      blindAbortAfter: config.defaults.blindAbortAfter,
      // The API server may still admit a write for about as long as we waited for it (a slow webhook).
      uncertainSettleMs: 2 * requestTimeoutMs,
    },
  };
}

/** Summary to stdout, then the report files; returns the exit code, which a failed write may only make worse. */
async function printOutcome(j: RunJournal, exitCode: number, opts: RunOptions, io: CliIO, reports: ReturnType<typeof parseReportFlags>, secrets: string[]): Promise<number> {
  if (opts.output === 'json') {
    const { formatJsonReport } = await import('../report/json.js');
    io.stdout.write(formatJsonReport(j, secrets));
  } else {
    const { formatRunSummary } = await import('../report/text.js');
    io.stdout.write(formatRunSummary(j, await makeTheme(io.stdout, io.env, opts.color === false), secrets) + '\n');
  }
  try {
    const written = await writeReports(j, reports, io.cwd, io.env, secrets);
    if (written.length > 0 && !opts.quiet) io.stderr.write(`reports: ${written.join(', ')}\n`);
    return exitCode;
  } catch (e) {
    // e.g. the disk filled up during the run: say so, but never hide a failed revert (6) behind it.
    if (!isChaosError(e)) throw e;
    io.stderr.write(`error: ${e.message}\n`);
    return worstExitCode([exitCode, exitCodeForError(e.kind)]);
  }
}
