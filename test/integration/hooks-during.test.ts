// startDuringHook against real child processes: stop(), SIGKILL escalation, process-group kill, and
// the test load generator (test/support/load-script.mjs) standing in for k6.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDuringHook, type DuringHook, type HookContext } from '../../src/adapters/hooks/index.js';
import type { HookSpec } from '../../src/experiment/model.js';
import { fixture, hook, isGone, loadScript, node, VARS, watched } from '../fixtures/hooks/harness.js';

const started: DuringHook[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.stop(0)));
});
function during(spec: HookSpec, ctx: HookContext): DuringHook {
  const h = startDuringHook(spec, ctx);
  started.push(h);
  return h;
}

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
