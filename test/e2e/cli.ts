// Runs the built binary (bin/chaos.cjs → dist/bundle/) as a child process, as users and CI do.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'chaos.cjs');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves when stderr (progress) has printed text matching the pattern. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<void>;
  done: Promise<CliResult>;
}

/** A clean environment: no CI colour forcing, no user kubeconfig, no Prometheus URL leaking in. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[k]) env[k] = process.env[k]!;
  env.NO_COLOR = '1';
  // The bundle's V8 code cache (src/boot/code-cache.cts) in the repository, not in the user's home.
  env.CHAOS_COMPILE_CACHE = join(ROOT, '.cache', 'v8');
  // An explicit undefined removes a default (e.g. NO_COLOR: undefined for a test of colours).
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function startChaos(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env: baseEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of [...waiters]) if (w.re.test(stderr)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    child,
    done,
    waitForStderr(re, timeoutMs = 30_000) {
      if (re.test(stderr)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`stderr never matched ${re}; stderr so far:\n${stderr}`)), timeoutMs);
        waiters.push({ re, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
  };
}

export function runChaos(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return startChaos(args, opts).done;
}

/**
 * Runs chaos on a pseudo-terminal (util-linux `script`), as a person at a shell does: stdin and stderr
 * are TTYs. Output is what the terminal showed (stdout and stderr together); `reply` answers a prompt.
 */
export async function runOnTerminal(
  args: string[],
  opts: { cwd: string; env: Record<string, string | undefined>; reply?: { to: RegExp; with: string }; timeoutMs?: number; columns?: number },
): Promise<{ code: number | null; out: string }> {
  const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
  // A terminal has a size; `script`'s pty starts at 0×0 unless told.
  const cmd = `stty cols ${opts.columns ?? 100} rows 40; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qec', cmd, '/dev/null'], { cwd: opts.cwd, env: baseEnv(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let replied = false;
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (opts.reply && !replied && opts.reply.to.test(out)) {
      replied = true;
      child.stdin!.write(opts.reply.with);
    }
  });
  // Never longer than the test: a hang ends with Ctrl-C typed on the terminal (the tty sends chaos SIGINT,
  // so it reverts and exits; killing `script` alone would leave chaos running), then with SIGKILL.
  const timer = setTimeout(() => {
    child.stdin!.write('\x03');
    setTimeout(() => {
      spawnSync('pkill', ['-KILL', '-P', String(child.pid)]); // chaos is `script`'s child (exec'd by its shell)
      child.kill('SIGKILL');
    }, 10_000).unref();
  }, opts.timeoutMs ?? 40_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, out };
}
