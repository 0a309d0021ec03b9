// chaos run against a cluster (and --dry-run=server): wire the real edges, run each experiment, report.
import { makePlan, type RunOptions } from './run.js';
import { guardContext } from './context-guard.js';
import { parseReportFlags, writeReports } from './write-reports.js';
import { prepareOutputPaths } from '../adapters/files.js';
import { connectEdges, secretsOf } from './edges.js';
import { runExperiment } from '../lifecycle/run-experiment.js';
import { REPORT_VERSION, type RunJournal } from '../lifecycle/journal.js';
import { exitCodeForError, exitCodeForRun, worstExitCode } from '../cli/exit-codes.js';
import { isChaosError } from '../errors.js';
import { VERSION } from '../cli/quick.js';
import { systemClock } from '../adapters/clock.js';
import { makeTheme } from '../ui/theme.js';
import { createProgress } from '../ui/progress.js';
import type { Config } from '../config/model.js';
import type { Experiment } from '../experiment/model.js';
import type { CliIO } from '../cli/io.js';
import type { Lease } from '../ports.js';

const LEASE_TTL_MS = 60_000;

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
  const interrupt = new AbortController();
  let interrupts = 0;
  const unhook = io.onSignal((sig) => {
    interrupts += 1;
    if (interrupts === 1) {
      progress.warn(`${sig}: stopping and reverting the fault (press Ctrl-C again to exit at once)`);
      interrupt.abort(new Error(sig));
      return;
    }
    io.stderr.write(`\nexiting without waiting: faults of this run may remain. Remove them with:\n  chaos cleanup --run-id ${runId}\n`);
    io.exitNow(130);
  });
  const leases: Lease[] = [];
  const journal: RunJournal = { reportVersion: REPORT_VERSION, tool: { name: 'chaos', version: VERSION }, runId, startedAt: systemClock.now(), dryRun: serverDryRun, experiments: [], interrupted: false };
  const needsHooks = experiments.some((e) => e.hooks.before.length + e.hooks.during.length + e.hooks.after.length > 0);
  const edges = await connectEdges(config, opts, io, progress, needsHooks);
  try {
    const info = edges.cluster.info();
    journal.cluster = info;
    journal.prometheus = { url: edges.metrics.url };
    io.stderr.write(`context ${errTheme.bold(info.context)}  server ${info.server}  namespace ${info.namespace}  run ${errTheme.bold(runId)}${serverDryRun ? '  (dry run: read-only)' : ''}\n`);
    if (!serverDryRun) await guardContext(info, config.kubernetes.allowedContexts, opts.yes === true, io);
    const plan = makePlan(experiments, config, opts, runId, info.namespace);
    if (!serverDryRun) {
      for (const ns of [...new Set(plan.experiments.map((p) => p.namespace))]) leases.push(await edges.cluster.acquireLease(ns, runId, LEASE_TTL_MS));
    }
    const renew = setInterval(() => leases.forEach((l) => void edges.cluster.renewLease(l).catch(() => undefined)), LEASE_TTL_MS / 3);
    try {
      for (const p of plan.experiments) {
        if (interrupt.signal.aborted) break;
        const ej = await runExperiment(p, {
          runId,
          cluster: edges.cluster,
          metrics: edges.metrics,
          clock: systemClock,
          observer: progress,
          hooks: edges.hooks,
          interrupt: interrupt.signal,
          settings: {
            pollIntervalMs: config.defaults.pollIntervalMs,
            injectionTimeoutMs: config.defaults.injectionTimeoutMs,
            recoveryTimeoutMs: config.defaults.recoveryTimeoutMs,
            revertTimeoutMs: config.defaults.revertTimeoutMs,
            abortOnBreach: opts.abortOnBreach !== false,
            serverDryRun,
            recoveryProbeMs: 250,
          },
        });
        journal.experiments.push(ej);
        if (opts.failFast && ej.verdict !== 'passed') break;
      }
    } finally {
      clearInterval(renew);
    }
  } finally {
    for (const l of leases) await edges.cluster.releaseLease(l).catch(() => undefined);
    progress.stop();
    unhook();
  }
  journal.interrupted = interrupt.signal.aborted;
  journal.endedAt = systemClock.now();
  const exitCode = (journal.exitCode = exitCodeForRun(journal));
  return printOutcome(journal, exitCode, opts, io, reports, secretsOf(config, io.env));
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
