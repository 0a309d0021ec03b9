// The hook runner's in-memory parts: line splitting, the bounded tail, redaction and templates.
import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS, OutputTail } from '../../src/adapters/hooks/output-tail.js';
import { makeRedactor } from '../../src/adapters/hooks/redact.js';
import { substitute } from '../../src/adapters/hooks/template.js';

function split(chunks: (string | Buffer)[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l));
  for (const c of chunks) splitter.write(c);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('joins lines split across chunks, including a multi-byte character split in two', () => {
    const bytes = Buffer.from('héllo wörld\nsecond\nlast');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two-byte "é"
    expect(split([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(['héllo wörld', 'second', 'last']);
  });

  it('keeps what a terminal would show for carriage-return progress lines', () => {
    expect(split(['10%\r50%\r100%\r\n', 'done\r\n'])).toEqual(['100%', 'done']);
  });

  it('caps a line without a newline however much arrives', () => {
    const lines = split([...Array.from({ length: 50 }, () => 'y'.repeat(10_000)), '\nnext\n']);
    expect(lines).toEqual([`${'y'.repeat(MAX_LINE_CHARS)}…`, 'next']);
  });
});

describe('OutputTail', () => {
  it('keeps only the last lines', () => {
    const tail = new OutputTail(3);
    for (let i = 1; i <= 1000; i++) tail.push(`l${i}`);
    expect(tail.text()).toBe('l998\nl999\nl1000');
  });
});

describe('makeRedactor', () => {
  const redact = makeRedactor([{ LOAD_API_TOKEN: 'tok-123456', SHORT_TOKEN: 'x1', HOME_DIR: '/home/runner-123' }], ['extra-secret']);

  it('masks values of secret-looking variables and given secrets, leaving others alone', () => {
    expect(redact('using tok-123456 and extra-secret from /home/runner-123 x1')).toBe('using *** and *** from /home/runner-123 x1');
  });

  it('masks credentials in common shapes', () => {
    expect(redact('Authorization: Basic dXNlcjpwYXNz')).toBe('Authorization: ***');
    expect(redact('sent bearer eyJhbGciOi.abc.def')).toBe('sent bearer ***');
    expect(redact('-e API_KEY=abc123 --password="hunter22"')).toBe('-e API_KEY=*** --password="***"');
    expect(redact('GET https://load:pa55w0rd@api.example.com/x')).toBe('GET https://load:***@api.example.com/x');
  });
});

describe('substitute', () => {
  const vars = { namespace: 'ns1', service: undefined };
  it('fills known templates, with or without spaces', () => {
    expect(substitute('-n {{namespace}} -x {{ namespace }}', vars)).toEqual({ ok: true, value: '-n ns1 -x ns1' });
  });
  it('names unknown and valueless templates', () => {
    const r = substitute('{{svc}} {{service}}', vars);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/unknown template \{\{svc\}\} \(known: \{\{namespace\}\}, \{\{service\}\}\).*\{\{service\}\} has no value/);
  });
});
