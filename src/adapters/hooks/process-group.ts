// Runs a command as the leader of its own process group and signals the whole group, so a hook that
// spawns children (`sh -c 'k6 …'`, `npm run load`) leaves no orphan behind when it is stopped.
import { execa } from 'execa';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { LineSplitter } from './output-tail.js';

export type EndedBy = 'timeout' | 'abort' | 'stop';

export interface Outcome {
  exitCode: number | undefined;
  signal: string | undefined;
  /** Why the command never ran (not found, bad cwd, …). */
  startError: string | undefined;
  /** Set when chaos ended the process; undefined when it ended by itself. */
  endedBy: EndedBy | undefined;
  durationMs: number;
}

export interface GroupProcess {
  readonly pid: number | undefined;
  /** Resolves once the process has ended and its output pipes are closed; never rejects. */
  readonly done: Promise<Outcome>;
  /** SIGTERM to the group, SIGKILL after `graceMs`. No effect once the process has ended or been told. */
  terminate(why: EndedBy, graceMs: number): Promise<Outcome>;
}

export interface LaunchOptions {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string | undefined;
  /** Grace before SIGKILL when sweeping children left behind by a leader that exited. */
  graceMs: number;
  onLine: (line: string) => void;
}

/** Groups still possibly alive; killed if chaos itself exits (second Ctrl-C, process.exit). */
const liveGroups = new Set<number>();
let exitGuardInstalled = false;

function installExitGuard(): void {
  if (exitGuardInstalled) return;
  exitGuardInstalled = true;
  process.on('exit', () => {
    for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  });
}

/** True when the signal was delivered to at least one member of the group. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: the group is empty; EPERM cannot happen for our own children
  }
}

export function launchInGroup(opts: LaunchOptions): GroupProcess {
  const started = performance.now();
  const subprocess = execa(opts.file, opts.args, {
    cwd: opts.cwd,
    env: opts.env,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    detached: true, // setsid(): the child leads a new process group we can signal as a whole
  });
  const pgid = subprocess.pid;
  let exited = false;
  let endedBy: EndedBy | undefined;
  let killTimer: NodeJS.Timeout | undefined;

  const forget = (): void => {
    if (killTimer) clearTimeout(killTimer);
    if (pgid !== undefined) liveGroups.delete(pgid);
  };
  /** False when nobody was left in the group to signal. */
  const escalate = (graceMs: number): boolean => {
    if (pgid === undefined || !signalGroup(pgid, 'SIGTERM')) {
      forget();
      return false;
    }
    // Unref'd: the exit guard still kills the group if chaos exits before the grace is over.
    killTimer ??= setTimeout(() => {
      signalGroup(pgid, 'SIGKILL');
      forget();
    }, graceMs).unref();
    return true;
  };

  if (pgid !== undefined) {
    liveGroups.add(pgid);
    installExitGuard();
  }
  for (const stream of [subprocess.stdout, subprocess.stderr]) {
    const splitter = new LineSplitter(opts.onLine);
    stream?.on('data', (chunk: Buffer) => splitter.write(chunk));
    stream?.once('end', () => splitter.end());
    stream?.once('close', () => splitter.end());
  }
  subprocess.once('exit', () => {
    exited = true;
    if (pgid === undefined) return;
    // Children still holding the output pipes would keep `done` pending: sweep the group. When a
    // terminate() is already under way its SIGKILL is scheduled; a second SIGTERM would make k6 abort
    // its summary, so only check whether anyone is left.
    if (killTimer) {
      if (!signalGroup(pgid, 0)) forget();
    } else {
      escalate(opts.graceMs);
    }
  });

  const done: Promise<Outcome> = subprocess.then(async (r) => {
    const spawnFailed = r.failed && r.exitCode === undefined && r.signal === undefined && r.code !== undefined;
    return {
      exitCode: r.exitCode,
      signal: r.signal,
      startError: spawnFailed ? await describeSpawnError(r.code, opts.file, opts.cwd) : undefined,
      endedBy,
      durationMs: Math.round(performance.now() - started),
    };
  });

  return {
    pid: pgid,
    done,
    terminate(why, graceMs) {
      // An empty group means the process ended by itself a moment ago: that is not chaos's doing.
      if (!exited && endedBy === undefined && escalate(graceMs)) endedBy = why;
      return done;
    },
  };
}

async function describeSpawnError(code: string | undefined, file: string, cwd: string | undefined): Promise<string> {
  if (code === 'ENOENT' && cwd !== undefined && !(await isDirectory(cwd))) return `working directory not found: ${cwd}`;
  if (code === 'ENOENT') return `command not found: ${file}`;
  if (code === 'EACCES') return `permission denied: ${file}`;
  return `could not start ${file}: ${code ?? 'unknown error'}`;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
