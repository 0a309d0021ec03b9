// The pure front half shared by validate and run: files → config → experiments → plan, in one pass, so
// `validate` reports exactly the problems `run --dry-run` would (templates, policy, --only), all at once.
import { readExperimentFiles } from '../adapters/files.js';
import { loadConfig } from '../adapters/config-file.js';
import { applyEnv } from '../config/env.js';
import { parseExperimentSources } from '../lifecycle/parse.js';
import { withDetail } from '../experiment/detail.js';
import { planRun, type PlanOptions, type RunPlan } from '../lifecycle/plan.js';
import { InvalidInputError, type Issue } from '../errors.js';
import type { Config } from '../config/model.js';
import type { Experiment } from '../experiment/model.js';
import type { CliIO } from '../ports.js';

export interface Loaded {
  config: Config;
  experiments: Experiment[];
  /** The plan without a kube context: what validate checks and `run --dry-run` prints. */
  plan: RunPlan;
  files: string[];
  warnings: Issue[];
}

export interface Prepare {
  /** Command-line flags over the config (after CHAOS_* env), before anything is checked. */
  flags?: (config: Config) => Config;
  plan: PlanOptions;
}

export async function loadExperiments(files: string[], opts: { config?: string }, io: CliIO, prepare: Prepare): Promise<Loaded> {
  const sources = await readExperimentFiles(files, io.cwd);
  const loaded = await loadConfig({ cwd: io.cwd, ...(opts.config ? { explicitPath: opts.config } : {}) });
  const withEnv = applyEnv(loaded.config, io.env);
  const config = prepare.flags ? prepare.flags(withEnv) : withEnv;
  const checked = await withDetail(() => checkExperiments(sources, config, prepare.plan));
  const all = [...loaded.issues, ...checked.issues];
  const errors = all.filter((i) => i.severity !== 'warning');
  if (errors.length > 0) throw new InvalidInputError(all);
  return {
    config,
    experiments: checked.experiments,
    plan: checked.plan,
    files: sources.map((s) => s.file),
    warnings: all.filter((i) => i.severity === 'warning'),
  };
}

/** Parse and plan in one pass (pure): every problem of the experiments, config positions and flags included. */
export function checkExperiments(sources: { file: string; text: string }[], config: Config, options: PlanOptions): { experiments: Experiment[]; plan: RunPlan; issues: Issue[] } {
  const parsed = parseExperimentSources(sources, config);
  const planned = planRun(parsed.experiments, config, options);
  // Experiment files in command-line order; the config, the command line and the environment first.
  const order = sources.map((s) => s.file);
  const rank = (i: Issue) => order.indexOf(i.file) + 1;
  const issues = [...parsed.issues, ...planned.issues].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.col - b.col);
  return { experiments: parsed.experiments, plan: planned.plan, issues };
}
