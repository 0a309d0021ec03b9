import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../../src/report/markdown.js';
import { failingRun, hooksRun, leftoversRun, passingRun, RUN_ID } from '../../support/journals.js';

/** The cells of the table row whose first cell contains `first`. */
function cells(md: string, first: string): string[] {
  const line = md.split('\n').find((l) => l.startsWith('|') && (l.split(' | ')[0] ?? '').includes(first));
  expect(line, `row ${first}`).toBeDefined();
  return line!.slice(2, -2).split(' | ');
}

describe('formatMarkdown', () => {
  it('heads with the overall verdict and lists every experiment', () => {
    const passing = formatMarkdown(passingRun());
    expect(passing.split('\n')[0]).toBe('## ✅ chaos: PASSED');
    expect(passing).toContain(`Run \`${RUN_ID}\``);
    expect(cells(passing, 'pod-failure')).toEqual(['pod-failure', '✅ PASSED', '`pod_kill`', '2/2', '12.4s']);
    const failing = formatMarkdown(failingRun());
    expect(failing.split('\n')[0]).toBe('## ❌ chaos: FAILED');
    expect(cells(failing, 'api-latency-injection')[1]).toBe('❌ FAILED');
  });

  it('has a criterion table per experiment with expected, worst observed and verdict', () => {
    const md = formatMarkdown(failingRun());
    expect(md).toContain('### ❌ api-latency-injection — FAILED');
    const row = cells(md, '`error_rate < 0.01`');
    expect(row.slice(0, 3)).toEqual(['`error_rate < 0.01`', '`< 0.01`', '0.034']);
    expect(row[3]).toMatch(/^❌ breached — /);
    expect(cells(md, '`p95_latency < 600ms`').slice(1)).toEqual(['`< 600ms`', '540ms', '✅ met']);
  });

  it('shows the cleanup command only when a fault may remain', () => {
    expect(formatMarkdown(passingRun())).not.toContain('chaos cleanup');
    expect(formatMarkdown(failingRun())).not.toContain('chaos cleanup');
    const md = formatMarkdown(leftoversRun());
    expect(md).toContain('> [!CAUTION]');
    expect(md).toContain(`> chaos cleanup --run-id ${RUN_ID} --namespace materi-production`);
  });

  it('keeps table cells intact whatever the text contains', () => {
    const j = failingRun();
    j.experiments[0]!.criteria[0]!.label = 'a | b `c`';
    j.experiments[0]!.criteria[0]!.reason = 'line one\nline | two';
    const row = formatMarkdown(j).split('\n').find((l) => l.includes('line one'))!;
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(4); // 4 cells: no pipe leaked out of its cell
    expect(row).toContain('`` a \\| b `c` ``');
  });

  it('folds a failed hook output into a details block', () => {
    const md = formatMarkdown(hooksRun());
    expect(md).toMatch(/<details>\n<summary>hook after report: last output<\/summary>\n\n```+\ncollect: upload failed \(HTTP 503\)\n```+/);
  });
});
