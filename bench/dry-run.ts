// `chaos run --dry-run` on a generated file of 1,000 experiments (no cluster): parse, validate, plan, render.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/cli.js';
import { cycledExperiments } from './generate.js';
import { chaosCommand, interleaved, median, nodeCommand } from './measure.js';
import type { Figure } from './figures.js';

export const DRY_RUN_COUNT = 1000;

/** A folder with the shipped chaos.config.yml and the generated file (relative to it). */
export function dryRunWorkspace(): { cwd: string; file: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'chaos-bench-dry-'));
  copyFileSync(join(ROOT, 'chaos.config.yml'), join(cwd, 'chaos.config.yml'));
  const seed = readFileSync(join(ROOT, 'experiments', 'materi.yml'), 'utf8');
  writeFileSync(join(cwd, 'experiments.yml'), cycledExperiments(seed, DRY_RUN_COUNT));
  return { cwd, file: 'experiments.yml' };
}

export function dryRunFigure(ws: { cwd: string; file: string }, rounds: number): Figure {
  const node = nodeCommand('node -e 0', ['-e', '0']);
  const dry = chaosCommand('run --dry-run', ['run', '--dry-run', ws.file], { cwd: ws.cwd });
  const times = interleaved([node, dry], rounds);
  const samples = times.get(dry.label)!;
  return {
    id: 'dry-run-1000',
    label: `chaos run --dry-run (${DRY_RUN_COUNT.toLocaleString('en')} experiments)`,
    value: median(samples),
    unit: 'ms',
    baseline: { label: 'node -e 0', value: median(times.get(node.label)!), unit: 'ms' },
    budget: 1000,
    samples,
    detail: `median of ${samples.length} runs; experiments/materi.yml (the seed's four) cycled, manifests + PromQL to stdout`,
  };
}
