// One live run of a tool on the shared world, with an optional disturbance during the fault (SIGINT,
// Prometheus down), timed from outside: spawn → exit, and what the API server saw in between.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outcomeOf, runInvocation, type ToolName } from './tools.js';
import { clearChaos, type ChaosEvent, type PeersWorld } from './world.js';

export interface RunOptions {
  /** Extra flags of `run`. */
  flags?: string[];
  /** What happens 1 s after the API server shows the fault injected. */
  disturb?: 'sigint' | 'prometheus-down';
  /** Wrap in /usr/bin/time to read the peak RSS. */
  rss?: boolean;
}

export interface RunResult {
  tool: ToolName;
  flags: string[];
  code: number | null;
  wallMs: number;
  verdict: string;
  files: string[];
  cwd: string;
  /** Epoch ms of the spawn. */
  startedAt: number;
  /** ms from spawn; undefined when it never happened. */
  injectedMs?: number | undefined;
  disturbedMs?: number | undefined;
  /** First event with a deletionTimestamp (or DELETED): the DELETE reached the API server. */
  deleteSeenMs?: number | undefined;
  /** The fault ended on its own (Chaos Mesh's spec.duration), for objects the tool left behind. */
  recoveredMs?: number | undefined;
  /** Chaos objects the API server still listed after the tool exited. */
  left: string[];
  rssKb?: number | undefined;
  output: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, find: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export async function liveRun(w: PeersWorld, tool: ToolName, opts: RunOptions = {}): Promise<RunResult> {
  await clearChaos(w);
  const flags = opts.flags ?? [];
  const inv = runInvocation(tool, w, flags);
  const rssFile = join(inv.cwd, '..', `${inv.cwd.split('/').pop()}.maxrss`);
  const argv = opts.rss ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...inv.argv] : inv.argv;
  const from = w.events.length;
  const since = (): ChaosEvent[] => w.events.slice(from);
  const started = Date.now();
  const child = spawn(argv[0]!, argv.slice(1), { cwd: inv.cwd, env: inv.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('close', (code) => resolve({ code, at: Date.now() })));
  let disturbedAt: number | undefined;
  if (opts.disturb) {
    const injected = await until('the fault to be injected', () => since().find((e) => e.injected && !e.deleting), 60_000);
    await sleep(Math.max(0, injected.at + 1000 - Date.now()));
    disturbedAt = Date.now();
    if (opts.disturb === 'sigint') child.kill('SIGINT');
    else w.proxy.mode = { kind: 'reset' };
  }
  const { code, at } = await exited;
  w.proxy.mode = { kind: 'pass' };
  await sleep(500); // the watch's last events
  const rel = (t: number | undefined) => (t === undefined ? undefined : t - started);
  const deleteSeen = since().find((e) => e.deleting && e.at >= (disturbedAt ?? started));
  let recovered: number | undefined;
  const listed = await w.cluster.listChaosObjects();
  if (listed.length && opts.disturb) {
    // left behind: does the fault end on its own? (Chaos Mesh's spec.duration, if the tool set one)
    const injectedAt = since().find((e) => e.injected)?.at ?? started;
    recovered = await until('the fault to recover', () => since().find((e) => e.recovered && e.at > injectedAt)?.at, 30_000).catch(() => undefined);
  }
  const left = await clearChaos(w);
  const outcome = outcomeOf(tool, inv.cwd);
  return {
    tool, flags, code, wallMs: at - started, cwd: inv.cwd, startedAt: started, output,
    verdict: outcome.verdict, files: outcome.files,
    injectedMs: rel(since().find((e) => e.injected)?.at),
    disturbedMs: rel(disturbedAt),
    deleteSeenMs: rel(deleteSeen?.at),
    recoveredMs: rel(recovered),
    left,
    rssKb: opts.rss ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : undefined,
  };
}
