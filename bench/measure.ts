// Timing primitives: wall time of a child process, medians, interleaved rounds, module-load traces.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseEnv, BIN, ROOT } from '../test/e2e/cli.js';

export interface Command {
  label: string;
  argv: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
}

export const nodeCommand = (label: string, args: string[], extra: Partial<Command> = {}): Command => ({
  label,
  argv: [process.execPath, ...args],
  ...extra,
});
export const chaosCommand = (label: string, args: string[], extra: Partial<Command> = {}): Command =>
  nodeCommand(label, [BIN, ...args], extra);

/** Wall time (ms) of one run, spawn to exit; throws when the command fails, so a broken figure is never timed. */
export function timeOnce(c: Command): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(c.argv[0]!, c.argv.slice(1), { cwd: c.cwd ?? ROOT, env: baseEnv(c.env), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${c.label} exited ${r.status ?? r.signal}:\n${r.stderr?.toString() ?? ''}`);
  return ms;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs every command once per round, in turn, after one discarded warm-up round, so a baseline and
 * the commands compared with it share the same machine state (page cache, CPU frequency, load).
 */
export function interleaved(commands: readonly Command[], rounds: number): Map<string, number[]> {
  const times = new Map(commands.map((c) => [c.label, [] as number[]]));
  for (const c of commands) timeOnce(c);
  for (let i = 0; i < rounds; i++) for (const c of commands) times.get(c.label)!.push(timeOnce(c));
  return times;
}

/** The files a chaos invocation opened, modules and bundle chunks included (test/e2e/trace-loads.cjs as a preload). */
export function tracedLoads(args: string[], cwd = ROOT): string[] {
  const trace = tempFile('loads.txt');
  const hook = join(ROOT, 'test', 'e2e', 'trace-loads.cjs');
  timeOnce(chaosCommand(args.join(' '), args, { cwd, env: { NODE_OPTIONS: `--require=${hook}`, CHAOS_TRACE_LOADS: trace } }));
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

/** Env that preloads bench/peak-rss.cjs: the child writes its peak RSS (getrusage, at exit) to `file`. */
export function peakRssEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--require=${join(ROOT, 'bench', 'peak-rss.cjs')}`, CHAOS_BENCH_RSS_FILE: file };
}

export const readPeakRssMb = (file: string): number => Number(readFileSync(file, 'utf8')) / 1024;

export const tempFile = (name: string): string => join(mkdtempSync(join(tmpdir(), 'chaos-bench-')), name);
