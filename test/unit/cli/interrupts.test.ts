// The signal state machine of a live run (SPEC §10): first signal stops and reverts, later ones never
// abandon a DELETE, the third Ctrl-C stops waiting, a bug stops the run as an internal error.
import { describe, expect, test } from 'vitest';
import { watchInterrupts } from '../../../src/commands/interrupts.js';
import { InternalFault } from '../../../src/lifecycle/deps.js';
import { LockLostError } from '../../../src/errors.js';
import type { CliIO, StopSignal } from '../../../src/ports.js';

function fakeIO() {
  let onSig: ((s: StopSignal) => void) | undefined;
  let onFatal: ((e: unknown) => void) | undefined;
  const io = {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: () => undefined, isTTY: false },
    env: {},
    cwd: '/',
    onSignal: (h: (s: StopSignal) => void) => ((onSig = h), () => (onSig = undefined)),
    onFatal: (h: (e: unknown) => void) => ((onFatal = h), () => (onFatal = undefined)),
  } satisfies CliIO;
  return { io, signal: (s: StopSignal) => onSig?.(s), fatal: (e: unknown) => onFatal?.(e), hooked: () => onSig !== undefined };
}

describe('watchInterrupts', () => {
  test('SIGINT stops; SIGTERM and SIGHUP after it only warn; the third Ctrl-C stops waiting', () => {
    const f = fakeIO();
    const warnings: string[] = [];
    const it = watchInterrupts(f.io, 'abcd1234', { warn: (m) => warnings.push(m) });
    expect(it.stop.aborted).toBe(false);
    f.signal('SIGINT');
    expect(it.stop.aborted).toBe(true);
    expect(it.signalled()).toBe(true);
    f.signal('SIGTERM');
    f.signal('SIGHUP');
    expect(it.stopWaiting.aborted).toBe(false);
    expect(warnings[1]).toMatch(/SIGTERM: already reverting .*Ctrl-C 2 more times/);
    f.signal('SIGINT');
    expect(it.stopWaiting.aborted).toBe(false);
    f.signal('SIGINT');
    expect(it.stopWaiting.aborted).toBe(true);
    expect(warnings.at(-1)).toMatch(/no longer waiting .*chaos cleanup --run-id abcd1234/s);
    it.dispose();
    expect(f.hooked()).toBe(false);
  });

  test('SIGHUP alone stops the run like SIGTERM', () => {
    const f = fakeIO();
    const it = watchInterrupts(f.io, 'r', { warn: () => undefined });
    f.signal('SIGHUP');
    expect(it.stop.aborted).toBe(true);
    expect((it.stop.reason as Error).message).toBe('SIGHUP');
  });

  test('a bug stops the run with an InternalFault and is remembered once', () => {
    const f = fakeIO();
    const it = watchInterrupts(f.io, 'r', { warn: () => undefined });
    f.fatal(new TypeError('first'));
    f.fatal(new TypeError('second'));
    expect(it.stop.reason).toBeInstanceOf(InternalFault);
    expect(it.fatal()).toMatch(/^first/);
    expect(it.signalled()).toBe(false);
  });

  test('a lost lock stops the run with its own error, not as a signal', () => {
    const f = fakeIO();
    const it = watchInterrupts(f.io, 'r', { warn: () => undefined });
    it.abort(new LockLostError('lost the lock'));
    expect(it.stop.reason).toBeInstanceOf(LockLostError);
    expect(it.signalled()).toBe(false);
  });
});
