// The figures of SPEC §8, their budgets and verdicts; the printed table and bench/results.json.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';

export type Unit = 'ms' | 'MB' | 'count' | 'loaded';

export interface Figure {
  id: string;
  label: string;
  /** The measured value: a median unless `detail` says otherwise. */
  value: number;
  unit: Unit;
  /** What the figure is compared with, measured in the same run. */
  baseline?: { label: string; value: number; unit: Unit } | undefined;
  /** value / baseline, when the budget is a ratio. */
  ratio?: number | undefined;
  /** The SPEC §8 limit: on the ratio when `ratioBudget`, else on the value; none for reference figures. */
  budget?: number | undefined;
  ratioBudget?: boolean | undefined;
  samples?: number[] | undefined;
  /** Parts of the figure or how it was taken. */
  detail?: string | undefined;
}

export type Verdict = 'within' | 'OVER' | 'reference';

export function verdictOf(f: Figure): Verdict {
  if (f.budget === undefined) return 'reference';
  const measured = f.ratioBudget ? f.ratio : f.value;
  return measured !== undefined && measured <= f.budget ? 'within' : 'OVER';
}

function show(v: number, unit: Unit): string {
  if (unit === 'loaded') return v === 0 ? 'not loaded' : `loaded by ${v}`;
  if (unit === 'count') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${unit}`;
}

function budgetText(f: Figure): string {
  if (f.budget === undefined) return '—';
  if (f.ratioBudget) return `≤ ${f.budget}×`;
  return f.unit === 'loaded' ? 'never' : `≤ ${show(f.budget, f.unit)}`;
}

export function table(figures: readonly Figure[]): string {
  const rows = [
    ['figure', 'measured', 'baseline', 'ratio', 'budget', 'verdict'],
    ...figures.map((f) => [
      f.label,
      show(f.value, f.unit),
      f.baseline ? `${show(f.baseline.value, f.baseline.unit)} (${f.baseline.label})` : '—',
      f.ratio === undefined ? '—' : `${f.ratio.toFixed(2)}×`,
      budgetText(f),
      verdictOf(f),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const details = figures.filter((f) => f.detail).map((f) => `  ${f.label}: ${f.detail}`);
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), '', ...details].join('\n');
}

export interface Machine {
  cpu: string;
  nproc: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** 1/5/15-minute load averages when the bench started and ended: how quiet the machine was. */
  loadAverage: { start: number[]; end: number[] };
}

export function machine(loadAverage: Machine['loadAverage']): Machine {
  let os = `${process.platform} ${process.arch}`;
  try {
    os = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim();
  } catch {
    // uname missing: the platform string will do
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    nproc: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os,
    loadAverage,
  };
}

export function writeResults(path: string, m: Machine, figures: readonly Figure[]): void {
  const results = {
    measuredAt: new Date().toISOString(),
    machine: m,
    figures: figures.map((f) => ({ ...f, verdict: verdictOf(f) })),
    withinBudget: figures.every((f) => verdictOf(f) !== 'OVER'),
  };
  writeFileSync(path, JSON.stringify(results, null, 2) + '\n');
}
