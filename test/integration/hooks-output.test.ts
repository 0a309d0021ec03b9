// The hook runner's in-memory parts: line splitting, the bounded tail and templates (redaction: test/unit/redact.test.ts).
import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_CHARS, OutputTail } from '../../src/adapters/hooks/output-tail.js';
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
