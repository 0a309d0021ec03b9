// The hook runner against real child processes: small Node scripts in test/fixtures/hooks stand in
// for k6, shell scripts and other commands teams hang around a fault.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runHook, startDuringHook, type DuringHook, type HookContext } from '../../src/adapters/hooks/index.js';
import type { HookSpec } from '../../src/experiment/model.js';

const node = process.execPath;
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/hooks/${name}`, import.meta.url));
const loadScript = fileURLToPath(new URL('../support/load-script.mjs', import.meta.url));
const VARS = { namespace: 'materi-production', service: 'api', experiment: 'api-latency', run_id: 'r7k2' };

function hook(run: string[], over: Partial<HookSpec> = {}): HookSpec {
  return { name: 'load', run, shell: false, env: {}, expectExit: 0, source: { file: 'x.yml', line: 1, col: 1 }, ...over };
}

/** A context whose onOutput records lines and lets a test wait for one. */
function watched(over: Partial<HookContext> = {}) {
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  const ctx: HookContext = {
    vars: VARS,
    ...over,
    onOutput: (_name, line) => {
      lines.push(line);
      for (const w of waiters.filter((w) => w.re.test(line))) w.resolve(line);
    },
  };
  const waitFor = (re: RegExp): Promise<string> =>
    new Promise((resolve) => {
      const seen = lines.find((l) => re.test(l));
      if (seen !== undefined) resolve(seen);
      else waiters.push({ re, resolve });
    });
  return { ctx, lines, waitFor };
}

/** Gone, or a zombie: this sandbox's PID 1 never reaps orphans, which a real init (and CI) does. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}

const started: DuringHook[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.stop(0)));
});
function during(spec: HookSpec, ctx: HookContext): DuringHook {
  const h = startDuringHook(spec, ctx);
  started.push(h);
  return h;
}

describe('runHook (before/after)', () => {
  it('passes when the exit status matches and keeps stdout and stderr in the tail', async () => {
    const run = [node, fixture('exit-with.mjs'), '0', 'warming caches', 'err:cache warm'];
    const r = await runHook(hook(run, { name: 'warm-up' }), 'before', { vars: VARS });
    expect(r).toMatchObject({ name: 'warm-up', phase: 'before', command: run, exitCode: 0, ok: true, timedOut: false });
    expect(r.outputTail.split('\n').sort()).toEqual(['cache warm', 'warming caches']);
  });

  it('fails on an unexpected exit status and says why', async () => {
    const r = await runHook(hook([node, fixture('exit-with.mjs'), '3', 'db not ready']), 'before', { vars: VARS });
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBe(3);
    expect(r.outputTail).toContain('db not ready');
    expect(r.outputTail).toContain('hook load: exited with 3, expected exit 0');
  });

  it('judges against expect_exit, and not at all when it is unset', async () => {
    const exit3 = [node, fixture('exit-with.mjs'), '3'];
    expect((await runHook(hook(exit3, { expectExit: 3 }), 'after', { vars: VARS })).ok).toBe(true);
    expect((await runHook(hook(exit3, { expectExit: undefined }), 'after', { vars: VARS })).ok).toBe(true);
    expect((await runHook(hook([node, fixture('exit-with.mjs'), '0'], { expectExit: 3 }), 'after', { vars: VARS })).ok).toBe(false);
  });

  it('reports a command that does not exist clearly', async () => {
    const r = await runHook(hook(['chaos-test-no-such-k6', 'run'], { name: 'k6' }), 'before', { vars: VARS });
    expect(r.ok).toBe(false);
    expect(r.exitCode).toBeUndefined();
    expect(r.outputTail).toContain('hook k6: command not found: chaos-test-no-such-k6');
  });

  it('reports a working directory that does not exist', async () => {
    const r = await runHook(hook([node, '-e', '0'], { cwd: '/nonexistent/chaos-hooks' }), 'before', { vars: VARS });
    expect(r.ok).toBe(false);
    expect(r.outputTail).toContain('working directory not found: /nonexistent/chaos-hooks');
  });

  it('runs in cwd', async () => {
    const r = await runHook(hook([node, '-e', 'console.log(process.cwd())'], { cwd: '/tmp' }), 'before', { vars: VARS });
    expect(r.outputTail).toBe('/tmp');
  });

  it('substitutes templates in arguments and env values, env merged over the process env', async () => {
    process.env.HOOK_FROM_PARENT = 'inherited';
    try {
      const spec = hook([node, fixture('print-args-env.mjs'), '--ns={{namespace}}', '{{ service }}'], {
        env: { HOOK_TARGET: '{{experiment}}/{{run_id}}' },
      });
      const r = await runHook(spec, 'before', { vars: VARS });
      expect(r.ok).toBe(true);
      expect(r.command.slice(2)).toEqual(['--ns=materi-production', 'api']);
      expect(r.outputTail.split('\n')).toEqual([
        'arg: --ns=materi-production',
        'arg: api',
        'env: HOOK_FROM_PARENT=inherited',
        'env: HOOK_TARGET=api-latency/r7k2',
      ]);
    } finally {
      delete process.env.HOOK_FROM_PARENT;
    }
  });

  it('refuses to start with an unknown template or one without a value', async () => {
    const unknown = await runHook(hook([node, fixture('exit-with.mjs'), '0', 'ran'], { env: { X: '{{nope}}' } }), 'before', {
      vars: VARS,
    });
    expect(unknown.ok).toBe(false);
    expect(unknown.outputTail).not.toContain('ran');
    expect(unknown.outputTail).toContain('env X: unknown template {{nope}}');
    const unset = await runHook(hook([node, fixture('exit-with.mjs'), '0', '{{service}}']), 'before', {
      vars: { ...VARS, service: undefined },
    });
    expect(unset.ok).toBe(false);
    expect(unset.outputTail).toContain('template {{service}} has no value');
  });

  it('runs a shell command with shell: true', async () => {
    const spec = hook(['echo "$HOOK_WORD" | tr a-z A-Z; exit 4'], { shell: true, env: { HOOK_WORD: '{{service}}' }, expectExit: 4 });
    const r = await runHook(spec, 'after', { vars: VARS });
    expect(r).toMatchObject({ ok: true, exitCode: 4, outputTail: 'API' });
    expect(r.command).toEqual(['/bin/sh', '-c', 'echo "$HOOK_WORD" | tr a-z A-Z; exit 4']);
  });

  it('stops a hook that exceeds its timeout and reports timedOut', async () => {
    const r = await runHook(hook([node, fixture('wait-forever.mjs')], { timeoutMs: 300 }), 'before', { vars: VARS });
    expect(r).toMatchObject({ ok: false, timedOut: true, stoppedByChaos: false });
    expect(r.outputTail).toContain('hook load: timed out after 300ms');
  });

  it('kills a hook that ignores SIGTERM after the grace period', async () => {
    const abort = new AbortController();
    const { ctx, waitFor } = watched({ signal: abort.signal, killGraceMs: 200 });
    const pending = runHook(hook([node, fixture('wait-forever.mjs'), '--ignore-term']), 'before', ctx);
    await waitFor(/^ready$/); // its SIGTERM handler is installed: only SIGKILL can end it
    abort.abort();
    expect(await pending).toMatchObject({ ok: false, signal: 'SIGKILL' });
  });

  it('stops a before hook when the run is aborted', async () => {
    const abort = new AbortController();
    const { ctx, waitFor } = watched({ signal: abort.signal });
    const pending = runHook(hook([node, fixture('wait-forever.mjs')]), 'before', ctx);
    await waitFor(/^ready$/);
    abort.abort();
    const r = await pending;
    expect(r).toMatchObject({ ok: false, timedOut: false, stoppedByChaos: false });
    expect(r.outputTail).toContain('got SIGTERM');
    expect(r.outputTail).toContain('hook load: aborted');
  });

  it('does not start a hook when the run is already aborted', async () => {
    const r = await runHook(hook([node, fixture('exit-with.mjs'), '0', 'ran']), 'before', {
      vars: VARS,
      signal: AbortSignal.abort(),
    });
    expect(r.ok).toBe(false);
    expect(r.outputTail).not.toContain('ran');
  });

  it('does not wait for, nor leave behind, a background child of a finished hook', async () => {
    const spec = hook([`"${node}" "${fixture('wait-forever.mjs')}" --ignore-term & echo "bg $!"`], { shell: true });
    const r = await runHook(spec, 'before', { vars: VARS, killGraceMs: 200 });
    expect(r.ok).toBe(true);
    const bg = Number(/bg (\d+)/.exec(r.outputTail)?.[1]);
    expect(bg).toBeGreaterThan(0);
    await vi.waitFor(() => expect(isGone(bg)).toBe(true), { timeout: 10_000 });
  });
});

describe('output', () => {
  it('keeps a bounded tail with the last lines, each line capped', async () => {
    const r = await runHook(hook([node, fixture('chatty.mjs'), '5000']), 'before', { vars: VARS, tailLines: 5 });
    const tail = r.outputTail.split('\n');
    expect(tail).toHaveLength(5);
    expect(tail.slice(0, 4)).toEqual(['line 4997', 'line 4998', 'line 4999', 'line 5000']);
    expect(tail[4]!.length).toBeLessThan(1100);
    expect(tail[4]).toMatch(/^x+…$/);
  });

  it('passes every line to onOutput with the hook name, in order', async () => {
    const seen: string[] = [];
    await runHook(hook([node, fixture('chatty.mjs'), '50'], { name: 'chatter' }), 'before', {
      vars: VARS,
      onOutput: (name, line) => seen.push(`${name}|${line}`),
    });
    expect(seen).toHaveLength(51);
    expect(seen.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => `chatter|line ${i + 1}`));
  });

  it('redacts secrets from the tail and from streamed lines', async () => {
    const { ctx, lines } = watched({ secrets: ['prom-token-value'] });
    const script = [
      'console.log("token is " + process.env.HOOK_API_TOKEN)',
      'console.log("Authorization: Bearer abcdef123456")',
      'console.log("prometheus prom-token-value")',
    ].join(';');
    const r = await runHook(hook([node, '-e', script], { env: { HOOK_API_TOKEN: 's3cr3t-load-token' } }), 'before', ctx);
    for (const text of [r.outputTail, lines.join('\n')]) {
      expect(text).toContain('token is ***');
      expect(text).toContain('prometheus ***');
      expect(text).not.toMatch(/s3cr3t-load-token|abcdef123456|prom-token-value/);
    }
  });
});

describe('startDuringHook', () => {
  it('stop() sends SIGTERM, the hook ends gracefully, and the result is not judged on exit status', async () => {
    const { ctx, waitFor } = watched();
    const h = during(hook([node, fixture('wait-forever.mjs')], { expectExit: 7 }), ctx);
    expect(h.pid).toBeGreaterThan(0);
    await waitFor(/^ready$/);
    const r = await h.stop();
    expect(r).toMatchObject({ phase: 'during', ok: true, stoppedByChaos: true, exitCode: 0 });
    expect(r.outputTail).toContain('got SIGTERM');
    expect(await h.stop()).toBe(r);
    expect(await h.exited).toBe(r);
  });

  it('SIGKILLs a hook that ignores SIGTERM after the grace period', async () => {
    const { ctx, waitFor } = watched();
    const h = during(hook([node, fixture('wait-forever.mjs'), '--ignore-term']), ctx);
    await waitFor(/^ready$/);
    const r = await h.stop(200);
    expect(r).toMatchObject({ ok: true, stoppedByChaos: true, signal: 'SIGKILL' });
  });

  it('exited resolves with ok false when the hook ends by itself with a non-zero status', async () => {
    const h = during(hook([node, fixture('exit-with.mjs'), '99', 'thresholds crossed'], { expectExit: undefined }), { vars: VARS });
    const r = await h.exited;
    expect(r).toMatchObject({ ok: false, stoppedByChaos: false, exitCode: 99 });
    expect(r.outputTail).toContain('thresholds crossed');
    expect(await h.stop()).toBe(r);
  });

  it('a hook that ends by itself with status 0 is ok', async () => {
    const r = await during(hook([node, fixture('exit-with.mjs'), '0']), { vars: VARS }).exited;
    expect(r).toMatchObject({ ok: true, stoppedByChaos: false, exitCode: 0 });
  });

  it('a command that cannot start resolves exited with a clear failure', async () => {
    const h = during(hook(['chaos-test-no-such-k6', 'run', 'load.js'], { name: 'k6' }), { vars: VARS });
    expect(h.pid).toBeUndefined();
    const r = await h.exited;
    expect(r.ok).toBe(false);
    expect(r.outputTail).toContain('hook k6: command not found: chaos-test-no-such-k6');
  });

  it('is stopped through the abort signal (Ctrl-C)', async () => {
    const abort = new AbortController();
    const { ctx, waitFor } = watched({ signal: abort.signal });
    const h = during(hook([node, fixture('wait-forever.mjs')]), ctx);
    await waitFor(/^ready$/);
    abort.abort();
    expect(await h.exited).toMatchObject({ ok: true, stoppedByChaos: true, exitCode: 0 });
  });

  it('kills the whole process group: no grandchild is orphaned', async () => {
    const { ctx, waitFor } = watched();
    const h = during(hook([node, fixture('spawn-grandchild.mjs')]), ctx);
    const grandchild = Number(/grandchild (\d+)/.exec(await waitFor(/^grandchild \d+$/))?.[1]);
    await waitFor(/^ready$/); // the grandchild's SIGTERM handler is installed
    expect(isGone(grandchild)).toBe(false);
    const r = await h.stop(200);
    expect(r.stoppedByChaos).toBe(true);
    // The grandchild ignores SIGTERM: the group's SIGKILL after the grace period ends it.
    await vi.waitFor(() => expect(isGone(grandchild)).toBe(true), { timeout: 10_000 });
    expect(isGone(h.pid!)).toBe(true);
  });
});

describe('the test load generator as a during hook', () => {
  let server: Server;
  let url: string;
  let status = 200;
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(status).end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('prints progress and a summary when chaos stops it at revert', async () => {
    status = 200;
    const { ctx, waitFor } = watched();
    const h = during(hook([node, loadScript, url, '--progress-every', '5']), ctx);
    await waitFor(/^load: 5 requests, 0 errors$/);
    const r = await h.stop();
    expect(r).toMatchObject({ ok: true, stoppedByChaos: true, exitCode: 0 });
    expect(r.outputTail).toMatch(/load: stopped: \d+ requests, 0 errors \(0\.0%\)/);
  });

  it('ends by itself with a non-zero status when the error share crosses its threshold', async () => {
    status = 503;
    const h = during(hook([node, loadScript, url, '--duration', '200ms', '--max-error-rate', '0.01']), { vars: VARS });
    const r = await h.exited;
    expect(r).toMatchObject({ ok: false, stoppedByChaos: false, exitCode: 1 });
    expect(r.outputTail).toContain('load: threshold crossed');
  });
});
