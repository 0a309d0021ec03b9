// Experiment files → validated Experiments, or every problem of every file, each located precisely.
import type { Config } from '../config/model.js';
import { parseCriteria } from '../criteria/parse.js';
import type { Issue } from '../errors.js';
import { chaosMeshMs, checkFault, normaliseFault } from '../experiment/fault.js';
import type { FaultInput } from '../experiment/schema/fault.js';
import { normaliseHooks } from '../experiment/hooks.js';
import type { Experiment, SourceRef } from '../experiment/model.js';
import type { ExperimentInput } from '../experiment/schema/experiment.js';
import { schemaProblems } from '../experiment/schema/check.js';
import { isObject } from '../experiment/schema/shape.js';
import { formatGoDuration } from '../experiment/duration.js';
import { closest } from '../experiment/suggest.js';
import { normaliseTarget, targetLocations } from '../experiment/target.js';
import { formatPath, type Path, type Problem, type Reporter } from '../experiment/problems.js';
import { parseYaml } from '../experiment/yaml/source.js';

export function parseExperimentSources(
  sources: { file: string; text: string }[],
  config: Config,
): { experiments: Experiment[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const experiments: Experiment[] = [];
  const firstByName = new Map<string, SourceRef>();
  for (const { file, text } of sources) {
    const src = parseYaml(file, text);
    const fileIssues = [...src.issues];
    const r = src.reporter(fileIssues);
    for (const path of src.fatal ? [] : experimentPaths(src.value, r)) {
      const raw = path.length === 0 ? src.value : (src.value as { experiments: unknown[] }).experiments[path[1] as number];
      const before = fileIssues.length;
      const experiment = parseExperiment(raw, path, config, r);
      const name = isObject(raw) && typeof raw.name === 'string' ? raw.name : undefined;
      if (name !== undefined) {
        const first = firstByName.get(name);
        if (first) r.report([...path, 'name'], `duplicate experiment name "${name}": first defined at ${first.file}:${first.line}:${first.col}`);
        else firstByName.set(name, r.source([...path, 'name']));
      }
      if (experiment && fileIssues.length === before && src.issues.length === 0) experiments.push(experiment);
    }
    issues.push(...fileIssues.sort((a, b) => a.line - b.line || a.col - b.col));
  }
  return { experiments, issues };
}

/** Paths of the experiments a file holds: `experiments[i]` (the seed's form) or the document itself. */
function experimentPaths(value: unknown, r: Reporter): Path[] {
  if (value === undefined || value === null) {
    r.report([], 'file is empty: expected experiments: [...] or a single experiment');
    return [];
  }
  if (!isObject(value)) {
    r.report([], 'expected a mapping: experiments: [...] or a single experiment (name, target, fault, ...)');
    return [];
  }
  if (!('experiments' in value)) {
    // `experiment: [...]`: a misspelt list key, not a single experiment missing every field.
    const typo = Object.keys(value).find((k) => Array.isArray(value[k]) && closest(k, ['experiments']) !== undefined);
    if (typo === undefined) return [[]];
    r.report([typo], `unknown key "${typo}" (did you mean "experiments"?)`, 'key');
    return [];
  }
  for (const p of schemaProblems('experiments', value, [])) r.report(p.path, p.message, p.at);
  return Array.isArray(value.experiments) ? value.experiments.map((_, i) => ['experiments', i]) : [];
}

function parseExperiment(raw: unknown, path: Path, config: Config, r: Reporter): Experiment | undefined {
  const problems = schemaProblems('experiment', raw, path);
  if (!isObject(raw)) return void report(problems, r);
  // Parts that passed their schema are checked further even when a sibling failed: all problems at once.
  const failed = new Set(problems.map((p) => p.path[path.length]));
  const input = raw as Partial<ExperimentInput>;
  const valid = <K extends keyof ExperimentInput>(k: K): ExperimentInput[K] | undefined => (failed.has(k) ? undefined : input[k]);
  const at = (...keys: Path) => [...path, ...keys];
  const faultMapping = valid('fault') as Record<string, unknown> | undefined;
  const checked = faultMapping === undefined ? undefined : checkFault(faultMapping, at('fault'));
  problems.push(...(checked?.problems ?? []));
  report(problems, r);

  const fault: FaultInput | undefined = checked?.fault;
  const hasDependency = isObject(raw.target) && raw.target.dependency !== undefined;
  const targetInput = valid('target');
  const target = targetInput && normaliseTarget(targetInput, fault, config.defaults.serviceLabel, at('target'), r);
  const faultResult = fault && normaliseFault(fault, hasDependency, at('fault'), r);
  const durationText = valid('duration');
  const durationMs = durationText === undefined ? undefined : chaosMeshMs(durationText, at('duration'), r);
  const faultMs = faultResult?.faultDurationMs;
  const misspelt = problems.some((p) => p.meant === 'duration' && p.path.length === path.length + 1);
  if (input.duration === undefined && fault && faultResult && faultMs === undefined && !misspelt)
    r.report(at('duration'), 'missing duration: how long the fault is active and observed, e.g. duration: 5m');
  if (durationMs !== undefined && faultMs !== undefined && faultMs > durationMs)
    r.report(at('fault', 'duration'), `the fault (${formatGoDuration(faultMs)}) cannot outlast the experiment duration (${formatGoDuration(durationMs)})`);

  const criteriaCtx = { metrics: config.metrics, hasDependency, reporter: r };
  const criteriaInput = input.success_criteria;
  if (Array.isArray(criteriaInput) && criteriaInput.length === 0)
    r.report(at('success_criteria'), 'no criteria: an experiment without criteria proves nothing; add at least one');
  const criteria = Array.isArray(criteriaInput) ? parseCriteria(criteriaInput, at('success_criteria'), criteriaCtx) : [];
  const abortWhen = Array.isArray(input.abort_when) ? parseCriteria(input.abort_when, at('abort_when'), { ...criteriaCtx, abort: true }) : [];
  // An effect is a condition that holds (like an abort condition): one series, a firing alert, a failing probe.
  const expectEffect = Array.isArray(input.expect_effect) ? parseCriteria(input.expect_effect, at('expect_effect'), { ...criteriaCtx, abort: true }) : undefined;
  if (Array.isArray(input.expect_effect) && input.expect_effect.length === 0)
    r.report(at('expect_effect'), 'no conditions: list at least one effect the fault must show, or remove expect_effect');
  const hooks = normaliseHooks(valid('hooks'), config.hooks, at('hooks'), r);

  const name = valid('name');
  const window = durationMs ?? faultMs;
  if (problems.length > 0 || !name || !target || !faultResult || window === undefined) return undefined;
  return {
    name,
    description: input.description,
    source: r.source(path),
    docPath: path.length === 0 ? '' : formatPath(path),
    target: target.target,
    dependency: target.dependency,
    at: targetLocations(targetInput!, fault, at('target'), r),
    fault: faultResult.fault,
    durationMs: window,
    faultDurationMs: faultMs,
    criteria,
    abortWhen,
    ...(expectEffect ? { expectEffect } : {}),
    hooks,
  };
}

function report(problems: Problem[], r: Reporter): void {
  for (const p of problems) r.report(p.path, p.message, p.at);
}
