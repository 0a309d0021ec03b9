// runHook (before/after hooks) against real child processes: small Node scripts in
// test/fixtures/hooks stand in for k6, shell scripts and other commands teams hang around a fault.
import { describe, expect, it, vi } from 'vitest';
import { runHook } from '../../src/adapters/hooks/index.js';
import { fixture, hook, isGone, node, VARS, watched } from '../fixtures/hooks/harness.js';

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
