import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../src/errors.js';
import { formatIssues } from '../../../src/report/issues.js';

const issue = (file: string, line: number, col: number, message = 'm'): Issue => ({ file, line, col, path: 'a.b', message });

describe('formatIssues', () => {
  it('prints file:line:col  path  message sorted by file, line, col, then a count', () => {
    const out = formatIssues([issue('b.yml', 2, 1, 'third'), issue('a.yml', 10, 3, 'second'), issue('a.yml', 2, 9, 'first'), issue('a.yml', 10, 1, 'between')]);
    expect(out.split('\n')).toEqual([
      'a.yml:2:9  a.b  first',
      'a.yml:10:1  a.b  between',
      'a.yml:10:3  a.b  second',
      'b.yml:2:1  a.b  third',
      '4 problems in 2 files',
    ]);
  });

  it('uses singular words for one', () => {
    expect(formatIssues([issue('x.yml', 1, 1)]).split('\n').at(-1)).toBe('1 problem in 1 file');
  });

  it('marks warnings', () => {
    expect(formatIssues([{ ...issue('x.yml', 1, 1, 'odd'), severity: 'warning' }]).split('\n')[0]).toBe('x.yml:1:1  a.b  warning: odd');
  });
});
