// chaos validate <files...>: every problem of every file at once, exit 3 if any.
import { loadExperiments } from './load.js';
import { newRunId } from '../lifecycle/run-id.js';
import { InvalidInputError } from '../errors.js';
import { ExitCode } from '../lifecycle/exit-codes.js';
import { formatIssues } from '../report/issues.js';
import { makeTheme } from '../ui/theme.js';
import type { CliIO } from '../ports.js';

export async function validateCommand(files: string[], opts: { config?: string; output?: string; color?: boolean }, io: CliIO): Promise<number> {
  const json = opts.output === 'json';
  try {
    // The same pass as `run --dry-run` (parse, then plan without a kube context): the same problems.
    const loaded = await loadExperiments(files, opts, io, { plan: { runId: newRunId() } });
    if (loaded.warnings.length > 0) io.stderr.write(formatIssues(loaded.warnings) + '\n');
    if (json) {
      io.stdout.write(JSON.stringify({ valid: true, files: loaded.files, experiments: loaded.experiments.map((e) => e.name), warnings: loaded.warnings }, null, 2) + '\n');
    } else {
      const theme = await makeTheme(io.stdout, io.env, opts.color === false);
      const n = loaded.experiments.length;
      io.stdout.write(`${theme.ok('✓')} ${n} experiment${n === 1 ? '' : 's'} in ${loaded.files.length} file${loaded.files.length === 1 ? '' : 's'} valid` +
        (loaded.config.file ? theme.dim(` (config: ${loaded.config.file})`) : theme.dim(' (no chaos.config.yml found)')) + '\n');
    }
    return ExitCode.ok;
  } catch (e) {
    if (json && e instanceof InvalidInputError) {
      io.stdout.write(JSON.stringify({ valid: false, issues: e.issues }, null, 2) + '\n');
      return ExitCode.invalid;
    }
    throw e;
  }
}
