// A temporary folder with the shipped config, where generated experiment files are written and run.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runChaos } from '../e2e/cli.js';

export interface PlanExperiment {
  name: string;
  manifests: Array<Record<string, unknown> & { spec: Record<string, unknown> }>;
}

export function workspace(): { dir: string; write: (file: string, text: string) => void } {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-oracle-'));
  copyFileSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
  return { dir, write: (file, text) => writeFileSync(join(dir, file), text) };
}

/** `chaos run --dry-run --output json`: the manifests of each experiment, by experiment name. */
export async function planned(dir: string, file: string): Promise<Map<string, PlanExperiment>> {
  const r = await runChaos(['run', '--dry-run', '--output', 'json', file], { cwd: dir });
  if (r.code !== 0) throw new Error(`run --dry-run exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
  const plan = JSON.parse(r.stdout) as { experiments: PlanExperiment[] };
  return new Map(plan.experiments.map((e) => [e.name, e]));
}

/** The experiment a rendered object belongs to: its name without the `-<runId>` suffix. */
export function experimentOf(objectName: string | undefined): string {
  return (objectName ?? '').replace(/-[a-z0-9]{8}$/, '');
}
