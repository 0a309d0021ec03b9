// The CLI's stdout/stderr: straight to the descriptor, the stream only when the descriptor cannot take it.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { fdOutput } from '../../src/cli/io.js';

function fakeStream() {
  const chunks: string[] = [];
  let created = 0;
  const stream = { write: (b: Buffer | string) => void chunks.push(String(b)), on: () => stream, columns: 99, isTTY: false };
  return { chunks, created: () => created, factory: () => (created++, stream as unknown as NodeJS.WriteStream) };
}

describe('fdOutput', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chaos-io-'));

  it('writes to the descriptor and never creates the stream, nor for isTTY and columns of a file', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    const s = fakeStream();
    const out = fdOutput(fd, s.factory);
    out.write('héllo ');
    out.write('wörld\n'.repeat(20_000)); // larger than one pipe or page: written whole
    expect(out.isTTY).toBe(false);
    expect(out.columns).toBeUndefined();
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`héllo ${'wörld\n'.repeat(20_000)}`);
    expect(s.created()).toBe(0);
  });

  it('turns to the stream for good when the descriptor refuses a write, keeping the order', () => {
    const file = join(dir, 'read-only.txt');
    writeFileSync(file, '');
    const fd = openSync(file, 'r'); // writeSync fails with EBADF
    const s = fakeStream();
    const out = fdOutput(fd, s.factory);
    out.write('one ');
    out.write('two');
    closeSync(fd);
    expect(s.chunks.join('')).toBe('one two');
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('drops output once the stream reports an error (its reader gone), instead of crashing the run', () => {
    const file = join(dir, 'read-only-2.txt');
    writeFileSync(file, '');
    const fd = openSync(file, 'r');
    const chunks: string[] = [];
    const stream = Object.assign(new EventEmitter(), { write: (b: Buffer | string) => void chunks.push(String(b)) });
    const out = fdOutput(fd, () => stream as unknown as NodeJS.WriteStream);
    out.write('before ');
    expect(() => stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
    out.write('after');
    closeSync(fd);
    expect(chunks.join('')).toBe('before ');
  });
});
