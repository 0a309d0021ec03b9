import { describe, expect, test } from 'vitest';
import { compareRuns, scoreOf, scoreText } from '../../../src/report/compare.js';
import { formatComparisonHtml, formatComparisonMarkdown, formatComparisonText } from '../../../src/report/compare-render.js';
import type { CriterionResult, RunJournal } from '../../../src/lifecycle/journal.js';

const crit = (label: string, verdict: CriterionResult['verdict'], kind: CriterionResult['kind'] = 'criterion'): CriterionResult => ({ label, kind, op: '<', threshold: 1, display: '1', when: 'always', verdict, samples: [], worst: 0.5 });
const run = (runId: string, startedAt: number, exps: { name: string; verdict: any; criteria: CriterionResult[]; recoveryMs?: number }[]): RunJournal => ({
  reportVersion: 1, tool: { name: 'chaos', version: 't' }, runId, startedAt, dryRun: false, interrupted: false, exitCode: 0,
  experiments: exps.map((e) => ({ name: e.name, source: { file: 'f', line: 1, col: 1 }, faultType: 'latency', namespace: 'n', windowMs: 1, manifests: [], applied: [], leftovers: [], stages: [], hooks: [], startedAt, verdict: e.verdict, criteria: e.criteria, ...(e.recoveryMs !== undefined ? { recoveryMs: e.recoveryMs } : {}) })),
});

describe('runs compared', () => {
  test('the score is met / judged: no-data is judged and not met, abort conditions and unevaluated ones are not judged', () => {
    expect(scoreOf([crit('a', 'met'), crit('b', 'no-data'), crit('c', 'not-evaluated'), crit('d', 'met', 'abort')])).toEqual({ met: 1, judged: 2 });
    expect(scoreText({ met: 1, judged: 2 })).toBe('1/2 (50%)');
    expect(scoreText({ met: 0, judged: 0 })).toBe('0/0'); // never 100 % for an experiment without data
    expect(scoreText({ met: 2, judged: 3 })).toBe('2/3 (66%)');
  });

  test('runs in time order, experiments by name across runs, recovery trend', () => {
    const a = run('aaaa', 2000, [{ name: 'kill', verdict: 'passed', criteria: [crit('recovery_time < 30s', 'met', 'builtin')], recoveryMs: 20_000 }]);
    const b = run('bbbb', 1000, [{ name: 'kill', verdict: 'failed', criteria: [crit('recovery_time < 30s', 'breached', 'builtin')], recoveryMs: 40_000 }, { name: 'lat', verdict: 'passed', criteria: [crit('x', 'met')] }]);
    const c = compareRuns([a, b]);
    expect(c.runs.map((r) => r.runId)).toEqual(['bbbb', 'aaaa']);
    expect(c.experiments.map((e) => e.name)).toEqual(['kill', 'lat']);
    expect(c.experiments[0]!.verdicts).toEqual(['failed', 'passed']);
    expect(c.experiments[0]!.trend).toBe('better');
    expect(c.experiments[1]!.verdicts).toEqual(['passed', undefined]);
    expect(formatComparisonText(c)).toMatch(/recovery trend: improved/);
    expect(formatComparisonMarkdown(c)).toMatch(/\| verdict \| FAILED \| PASSED \|/);
    const html = formatComparisonHtml(c);
    expect(html).toMatch(/<svg[^>]*aria-label="recovery_time per run"/);
    expect(html).not.toMatch(/(src|href)\s*=/);
  });
});
