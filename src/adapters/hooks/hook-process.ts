// One hook from spec to HookResult: templates, env, redacted bounded output, timeout, abort, verdict.
import type { HookSpec } from '../../experiment/model.js';
import type { HookResult } from '../../ports.js';
import { DEFAULT_TAIL_LINES, OutputTail } from './output-tail.js';
import { launchInGroup, type EndedBy, type Outcome } from './process-group.js';
import { makeRedactor, secretsInEnv } from '../../redact.js';
import { substitute, substituteAll } from './template.js';

export interface HookContext {
  /** Template values: namespace, service, experiment, run_id. Undefined = known but not set. */
  vars: Record<string, string | undefined>;
  /** Each output line, already redacted; the CLI prefixes and prints it to stderr with --verbose. */
  onOutput?: (hookName: string, line: string) => void;
  /** Aborting stops the hook (SIGTERM, then SIGKILL after the grace period). */
  signal?: AbortSignal;
  /** Lines of output kept for the journal (default 40). */
  tailLines?: number;
  /** Grace between SIGTERM and SIGKILL on timeout, abort and stop (default 10 s: k6 writes its summary). */
  killGraceMs?: number;
  /** Values the run knows are secret (e.g. the Prometheus token), masked in output. */
  secrets?: readonly string[];
}

export const DEFAULT_KILL_GRACE_MS = 10_000;

export interface HookProcess {
  readonly pid: number | undefined;
  readonly result: Promise<HookResult>;
  stop(graceMs: number): Promise<HookResult>;
}

/** `onAbort` says how ctx.signal ends it: a before/after hook is 'abort'ed, a during hook 'stop'ped. */
export function startHookProcess(
  spec: HookSpec,
  phase: HookResult['phase'],
  ctx: HookContext,
  onAbort: EndedBy,
): HookProcess {
  const graceMs = ctx.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const tail = new OutputTail(ctx.tailLines ?? DEFAULT_TAIL_LINES);
  const prepared = prepare(spec, ctx.vars);
  const redact = makeRedactor([...(ctx.secrets ?? []), ...secretsInEnv([prepared.env, process.env])]);
  const command = prepared.command.map(redact);

  const finish = (o: Outcome): HookResult => {
    const { ok, note } = judge(spec, phase, o);
    if (note !== undefined) tail.push(redact(`chaos: hook ${spec.name}: ${note}`));
    return {
      name: spec.name,
      phase,
      command,
      exitCode: o.exitCode,
      signal: o.signal,
      timedOut: o.endedBy === 'timeout',
      stoppedByChaos: o.endedBy === 'stop',
      durationMs: o.durationMs,
      outputTail: tail.text(),
      ok,
    };
  };
  const notStarted = (startError: string | undefined, endedBy?: EndedBy): HookProcess => {
    const result = Promise.resolve(finish({ exitCode: undefined, signal: undefined, startError, endedBy, durationMs: 0 }));
    return { pid: undefined, result, stop: () => result };
  };

  if (prepared.error !== undefined) return notStarted(prepared.error);
  if (ctx.signal?.aborted) return notStarted(undefined, onAbort);
  const [file, ...args] = prepared.command as [string, ...string[]];

  const child = launchInGroup({
    file,
    args,
    env: prepared.env,
    cwd: spec.cwd,
    graceMs,
    onLine: (line) => {
      const clean = redact(line);
      tail.push(clean);
      try {
        ctx.onOutput?.(spec.name, clean);
      } catch {
        // Showing output is a courtesy (--verbose); a broken stderr must not crash the run mid-fault.
      }
    },
  });
  const timer =
    spec.timeoutMs === undefined ? undefined : setTimeout(() => void child.terminate('timeout', graceMs), spec.timeoutMs);
  const abort = (): void => void child.terminate(onAbort, graceMs);
  ctx.signal?.addEventListener('abort', abort, { once: true });

  const result = child.done.then((o) => {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', abort);
    return finish(o);
  });
  return { pid: child.pid, result, stop: (g) => child.terminate('stop', g).then(() => result) };
}

interface Prepared {
  command: string[];
  env: Record<string, string>;
  error?: string | undefined;
}

function prepare(spec: HookSpec, vars: Record<string, string | undefined>): Prepared {
  const raw = spec.shell ? ['/bin/sh', '-c', spec.run.join(' ')] : spec.run;
  const argv = substituteAll(raw, vars);
  const env: Record<string, string> = {};
  const problems: string[] = argv.ok ? [] : [argv.error];
  for (const [key, value] of Object.entries(spec.env)) {
    const r = substitute(value, vars);
    if (r.ok) env[key] = r.value;
    else problems.push(`env ${key}: ${r.error}`);
  }
  const command = argv.ok ? argv.values : [...raw];
  if (command.length === 0 || command[0] === '') problems.push('empty command');
  return { command, env, error: problems.length > 0 ? problems.join('; ') : undefined };
}

function judge(spec: HookSpec, phase: HookResult['phase'], o: Outcome): { ok: boolean; note?: string } {
  if (o.startError !== undefined) return { ok: false, note: o.startError };
  switch (o.endedBy) {
    case 'timeout':
      return { ok: false, note: `timed out after ${formatMs(spec.timeoutMs ?? 0)}, stopped` };
    case 'abort':
      return { ok: false, note: 'aborted, stopped' };
    case 'stop':
      return { ok: true }; // a load generator stopped at revert: its exit status says nothing
    case undefined:
      break;
  }
  // A during hook that ends by itself (k6 with failed thresholds) is judged on its exit status.
  const expected = phase === 'during' ? (spec.expectExit ?? 0) : spec.expectExit;
  if (expected === undefined || o.exitCode === expected) return { ok: true };
  const how = o.exitCode === undefined ? `was killed by ${o.signal ?? 'a signal'}` : `exited with ${o.exitCode}`;
  return { ok: false, note: `${how}, expected exit ${expected}` };
}

function formatMs(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
