// How each tool is invoked on the same experiment: start-up, validation, a run (with its reports).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../../test/e2e/cli.js';
import { ctkBin } from './ctk.js';
import type { PeersWorld } from './world.js';

export type ToolName = 'chaos' | 'ctk';

export interface Invocation {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
}

export interface RunOutcome {
  /** What the tool itself calls the outcome (chaos: the experiment's verdict; CTK: journal status + deviated). */
  verdict: string;
  /** Files the run wrote into its folder. */
  files: string[];
}

export const CTK_FILE = join(ROOT, 'bench', 'peers', 'api-latency.ctk.json');
const CHAOS_FILE = 'api-latency.yml';
/** Both experiments hold the fault for 10 s (chaos `duration: 10s`, CTK `pauses.after: 10`). */
export const WINDOW_MS = 10_000;

const plainEnv = (extra: Record<string, string>): Record<string, string> => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/root',
  NO_COLOR: '1',
  ...extra,
});

// Our build's V8 code cache lives in the repository (as in every bench and e2e test).
const chaosEnv = (extra: Record<string, string> = {}) => plainEnv({ CHAOS_COMPILE_CACHE: join(ROOT, '.cache', 'v8'), ...extra });
const ctkEnv = (w: PeersWorld | undefined, extra: Record<string, string> = {}) =>
  plainEnv({ PROMETHEUS_URL: w?.proxy.url ?? 'http://127.0.0.1:9', ...(w ? { KUBECONFIG: w.cluster.kubeconfigPath } : {}), ...extra });

const folders: string[] = [];
/** A fresh, empty working folder (what a run writes there is listed as its files). */
export function runFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-peers-run-'));
  folders.push(dir);
  return dir;
}
/** Every working folder and peak-RSS file of this bench run. */
export function removeRunFolders(): void {
  for (const dir of folders.splice(0)) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}.maxrss`, { force: true });
  }
}

export function helpInvocation(tool: ToolName): Invocation {
  return tool === 'chaos'
    ? { argv: [process.execPath, BIN, '--help'], cwd: runFolder(), env: chaosEnv() }
    : { argv: [ctkBin(), '--help'], cwd: runFolder(), env: ctkEnv(undefined) };
}

export function validateInvocation(tool: ToolName): Invocation {
  return tool === 'chaos'
    ? { argv: [process.execPath, BIN, 'validate', join(ROOT, 'bench', 'peers', CHAOS_FILE), '--config', join(ROOT, 'chaos.config.yml')], cwd: runFolder(), env: chaosEnv() }
    : // --no-version-check: no PyPI round trip; CTK still writes chaostoolkit.log in the folder
      { argv: [ctkBin(), '--no-version-check', 'validate', CTK_FILE], cwd: runFolder(), env: ctkEnv(undefined) };
}

/** A run in a fresh folder; `options` are extra flags of `run` (e.g. CTK's --rollback-strategy). */
export function runInvocation(tool: ToolName, w: PeersWorld, options: string[] = []): Invocation {
  const cwd = runFolder();
  if (tool === 'chaos') {
    const reports = ['json=report.json', 'junit=report.xml', 'html=report.html', 'markdown=report.md'].flatMap((r) => ['--report', r]);
    return {
      argv: [process.execPath, BIN, 'run', join(w.chaosDir, CHAOS_FILE), '--config', join(w.chaosDir, 'chaos.config.yml'), '--kubeconfig', w.cluster.kubeconfigPath, ...reports, ...options],
      cwd,
      env: chaosEnv(),
    };
  }
  return { argv: [ctkBin(), '--no-version-check', 'run', CTK_FILE, ...options], cwd, env: ctkEnv(w) };
}

export function outcomeOf(tool: ToolName, cwd: string): RunOutcome {
  const files = readdirSync(cwd).sort();
  if (tool === 'chaos') {
    const report = files.includes('report.json') ? JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')) : undefined;
    return { verdict: report?.experiments?.[0]?.verdict ?? 'no report', files };
  }
  const journal = files.includes('journal.json') ? JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) : undefined;
  return { verdict: journal ? `${journal.status}${journal.deviated ? ', deviated' : ''}` : 'no journal', files };
}

/** The chaos report's window (ms) of its one experiment: the overhead is measured against it. */
export function chaosWindowMs(cwd: string): number {
  return JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')).experiments[0].windowMs;
}
