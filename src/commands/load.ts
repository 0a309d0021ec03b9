// The pure front half shared by validate and run: files → config → experiments, all problems at once.
import { readExperimentFiles } from '../adapters/files.js';
import { loadConfig, applyEnv } from '../config/load.js';
import { parseExperimentSources } from '../experiment/parse.js';
import { withDetail } from '../experiment/detail.js';
import { InvalidInputError, type Issue } from '../errors.js';
import type { Config } from '../config/model.js';
import type { Experiment } from '../experiment/model.js';
import type { CliIO } from '../cli/io.js';

export interface Loaded {
  config: Config;
  experiments: Experiment[];
  files: string[];
  warnings: Issue[];
}

export async function loadExperiments(files: string[], opts: { config?: string }, io: CliIO): Promise<Loaded> {
  const sources = await readExperimentFiles(files, io.cwd);
  const loaded = await loadConfig({ cwd: io.cwd, ...(opts.config ? { explicitPath: opts.config } : {}) });
  const config = applyEnv(loaded.config, io.env);
  const parsed = await withDetail(() => parseExperimentSources(sources, config));
  const all = [...loaded.issues, ...parsed.issues];
  const errors = all.filter((i) => i.severity !== 'warning');
  if (errors.length > 0) throw new InvalidInputError(all);
  return {
    config,
    experiments: parsed.experiments,
    files: sources.map((s) => s.file),
    warnings: all.filter((i) => i.severity === 'warning'),
  };
}
