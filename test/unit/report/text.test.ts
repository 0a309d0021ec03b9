import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../../src/report/text.js';
import { plainTheme, type Theme } from '../../../src/report/theme.js';
import { erroredRun, failingRun, hooksRun, inconclusiveRun, leftoversRun, notSteadyRun, passingRun, RUN_ID } from '../../support/journals.js';

/** The row of a criterion in the summary table, split on the column gaps. */
function rowOf(out: string, label: string): string[] {
  const line = out.split('\n').find((l) => l.trim().startsWith(label));
  expect(line, `row for ${label}`).toBeDefined();
  return line!.trim().split(/\s{2,}/);
}

describe('formatRunSummary', () => {
  it('shows each experiment verdict and, per criterion, expected, worst observed and verdict', () => {
    const out = formatRunSummary(passingRun(), plainTheme);
    for (const name of ['api-latency-injection', 'database-connection-failure', 'redis-partition', 'pod-failure']) {
      expect(out).toMatch(new RegExp(`^${name}  PASSED$`, 'm'));
    }
    expect(rowOf(out, 'p95_latency < 600ms')).toEqual(['p95_latency < 600ms', '< 600ms', '540ms', 'met']);
    expect(rowOf(out, 'circuit_breaker_triggered: true')).toEqual(['circuit_breaker_triggered: true', 'true', 'true', 'met']);
    expect(rowOf(out, 'recovery_time < 30s')).toEqual(['recovery_time < 30s', '< 30s', '12.4s', 'met']);
    expect(out).toContain(`run ${RUN_ID}  exit 0: every experiment passed`);
  });

  it('shows a breach with its worst value, the abort and exit 1', () => {
    const out = formatRunSummary(failingRun(), plainTheme);
    expect(out).toMatch(/^api-latency-injection {2}FAILED$/m);
    expect(rowOf(out, 'error_rate < 0.01')).toEqual(['error_rate < 0.01', '< 0.01', '0.034', 'breached']);
    expect(out).toContain('aborted: error_rate < 0.01 breached: observed 0.034');
    expect(out).toContain('exit 1: an experiment failed');
  });

  it('prints the cleanup command only when something may be left behind', () => {
    for (const run of [passingRun(), failingRun(), erroredRun(), inconclusiveRun()]) {
      expect(formatRunSummary(run, plainTheme)).not.toContain('chaos cleanup');
    }
    const out = formatRunSummary(leftoversRun(), plainTheme);
    expect(out).toContain(`chaos cleanup --run-id ${RUN_ID} --namespace materi-production`);
    expect(out).toContain('LEFT BEHIND: NetworkChaos materi-production/api-latency-injection-k7x2m9');
    expect(out).toContain('exit 6: revert failed');
  });

  it('explains missing data and errors instead of hiding them', () => {
    const inconclusive = formatRunSummary(inconclusiveRun(), plainTheme);
    expect(inconclusive).toMatch(/^api-latency-injection {2}INCONCLUSIVE$/m);
    expect(rowOf(inconclusive, 'p95_latency < 600ms')[3]).toBe('no-data');
    expect(inconclusive).toContain('↳ query returned an empty result (no series)');
    const errored = formatRunSummary(erroredRun(), plainTheme);
    expect(errored).toContain('no pods match app=api in namespace materi-production');
    expect(errored).toContain('hint: check target.service');
    expect(errored).toContain('nothing was applied');
    expect(errored).toContain('exit 4');
    expect(formatRunSummary(notSteadyRun(), plainTheme)).toMatch(/NOT STEADY[\s\S]*exit 5/);
  });

  it('shows a failed hook with its exit status and last output line', () => {
    const out = formatRunSummary(hooksRun(), plainTheme);
    expect(rowOf(out, 'hook after report')).toEqual(['hook after report', 'exit 0', 'exit 2', 'breached']);
    expect(out).toContain('↳ last output: collect: upload failed (HTTP 503)');
  });

  it('fits in 100 columns even with a long criterion label', () => {
    const run = failingRun();
    run.experiments[0]!.criteria[0]!.label = `sum(rate(http_requests_total{code=~"5..",service="api",namespace="materi-production"}[5m])) < 0.01`;
    for (const line of formatRunSummary(run, plainTheme).split('\n').filter((l) => l.includes('breached'))) {
      expect(line.length).toBeLessThanOrEqual(100);
    }
  });

  it('colours through the theme and keeps columns aligned', () => {
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const theme: Theme = { ok: tag('ok'), fail: tag('fail'), warn: tag('warn'), dim: tag('dim'), bold: tag('bold'), code: tag('code') };
    const out = formatRunSummary(failingRun(), theme);
    expect(out).toContain('<fail><bold>FAILED</bold></fail>');
    expect(out).toContain('<fail>breached</fail>');
    const plain = formatRunSummary(failingRun(), plainTheme);
    const strip = (s: string) => s.replace(/<\/?(ok|fail|warn|dim|bold|code)>/g, '');
    expect(strip(out)).toBe(plain);
  });
});
