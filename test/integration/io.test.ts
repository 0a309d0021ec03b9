// The CLI's stdout/stderr: straight to the descriptor, the stream only when the descriptor cannot take it.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fdOutput } from '../../src/cli/io.js';

function fakeStream() {
  const chunks: string[] = [];
  let created = 0;
  const stream = { write: (b: Buffer | string) => void chunks.push(String(b)), columns: 99, isTTY: false };
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
});
