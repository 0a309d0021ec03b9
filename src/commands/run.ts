// chaos run: the pure front half (load, validate, plan); --dry-run stops here, otherwise run-live takes over.
import { loadExperiments } from './load.js';
import { applyFlags, planOptions, type RunOptions } from './run-plan.js';
import { newRunId } from '../lifecycle/run-id.js';
import { formatIssues } from '../report/issues.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../lifecycle/exit-codes.js';
import type { CliIO } from '../ports.js';

export async function runCommand(files: string[], opts: RunOptions, io: CliIO): Promise<number> {
  if (opts.output && !['text', 'json'].includes(opts.output)) throw new UsageError(`--output ${opts.output}: use text or json`);
  const runId = newRunId();
  // Planned before any connection (the same pass as validate): a problem is exit 3 with nothing touched.
  const loaded = await loadExperiments(files, opts, io, { flags: (c) => applyFlags(c, opts), plan: planOptions(opts, runId) });
  if (loaded.warnings.length > 0) io.stderr.write(formatIssues(loaded.warnings) + '\n');
  const { config, plan } = loaded;
  if (opts.dryRun === 'client') {
    const { formatPlanJson, formatPlanYaml } = await import('../report/manifests.js');
    io.stdout.write(opts.output === 'json' ? formatPlanJson(plan) : formatPlanYaml(plan));
    return ExitCode.ok;
  }
  const { runLive } = await import('./run-live.js');
  return runLive(loaded.experiments, config, opts, runId, io);
}
