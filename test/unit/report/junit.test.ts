import { describe, expect, it } from 'vitest';
import type { RunJournal } from '../../../src/lifecycle/journal.js';
import { formatJunit } from '../../../src/report/junit.js';
import { formatRunSummary } from '../../../src/report/text.js';
import { plainTheme } from '../../../src/report/theme.js';
import { ALL_RUNS, erroredRun, failingRun, hooksRun, inconclusiveRun, interruptedRun, leftoversRun, notSteadyRun, passingRun, RUN_ID } from '../../support/journals.js';
import { findAll, parseXml, textOf, type XmlElement } from './xml.js';

function suites(j: RunJournal): XmlElement[] {
  return findAll(parseXml(formatJunit(j)), 'testsuite');
}

function testcase(suite: XmlElement, name: string): XmlElement {
  const found = findAll(suite, 'testcase').filter((t) => t.attrs.name === name);
  expect(found, `testcase ${name}`).toHaveLength(1);
  return found[0]!;
}

describe('formatJunit', () => {
  it.each(Object.keys(ALL_RUNS))('the %s run is well-formed XML with consistent counts', (name) => {
    const root = parseXml(formatJunit(ALL_RUNS[name]!()));
    expect(root.name).toBe('testsuites');
    expect(root.attrs.name).toBe('chaos');
    const cases = findAll(root, 'testcase');
    expect(Number(root.attrs.tests)).toBe(cases.length);
    expect(Number(root.attrs.failures)).toBe(findAll(root, 'failure').length);
    expect(Number(root.attrs.errors)).toBe(findAll(root, 'error').length);
    for (const s of findAll(root, 'testsuite')) {
      expect(Number(s.attrs.tests)).toBe(findAll(s, 'testcase').length);
      expect(s.attrs.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(Number(s.attrs.time)).toBeGreaterThanOrEqual(0);
    }
  });

  it('has a suite per experiment and a testcase per criterion plus one for revert', () => {
    const j = passingRun();
    const all = suites(j);
    expect(all.map((s) => s.attrs.name)).toEqual(j.experiments.map((e) => e.name));
    j.experiments.forEach((e, i) => {
      const names = findAll(all[i]!, 'testcase').map((t) => t.attrs.name);
      expect(names).toEqual([...e.criteria.map((c) => c.label), 'revert']);
      for (const t of findAll(all[i]!, 'testcase')) expect(t.attrs.classname).toBe(`chaos.${e.name}`);
    });
    expect(findAll(parseXml(formatJunit(j)), 'failure')).toHaveLength(0);
  });

  it('carries run id, namespace and fault type as properties, and the stages in system-out', () => {
    const [suite] = suites(failingRun());
    const props = Object.fromEntries(findAll(suite!, 'property').map((p) => [p.attrs.name, p.attrs.value]));
    expect(props).toMatchObject({ 'run-id': RUN_ID, namespace: 'materi-production', 'fault-type': 'latency' });
    const out = suite!.children.filter((c) => c.name === 'system-out').map(textOf).join('');
    for (const stage of ['preflight', 'baseline', 'inject', 'observe', 'revert', 'recover']) expect(out).toContain(stage);
  });

  it('fails a breached criterion with expected vs observed in the message', () => {
    const [suite] = suites(failingRun());
    const failure = findAll(testcase(suite!, 'error_rate < 0.01'), 'failure');
    expect(failure).toHaveLength(1);
    expect(failure[0]!.attrs.message).toBe('expected error_rate < 0.01, observed 0.034 (worst)');
    expect(failure[0]!.attrs.type).toBe('breached');
    expect(textOf(failure[0]!)).toContain('query: sum(rate(http_requests_total');
    expect(findAll(testcase(suite!, 'p95_latency < 600ms'), 'failure')).toHaveLength(0);
  });

  it('reports no-data as an error, never as a pass', () => {
    const [suite] = suites(inconclusiveRun());
    const error = findAll(testcase(suite!, 'p95_latency < 600ms'), 'error');
    expect(error).toHaveLength(1);
    expect(error[0]!.attrs.type).toBe('no-data');
    expect(error[0]!.attrs.message).toContain('query returned an empty result');
  });

  it('fails the revert testcase when something was left behind', () => {
    const [suite] = suites(leftoversRun());
    const failure = findAll(testcase(suite!, 'revert'), 'failure');
    expect(failure).toHaveLength(1);
    expect(failure[0]!.attrs.message).toContain('NetworkChaos materi-production/api-latency-injection-k7x2m9');
    expect(failure[0]!.attrs.message).toContain(`chaos cleanup --run-id ${RUN_ID}`);
    expect(findAll(testcase(suites(passingRun())[0]!, 'revert'), 'failure')).toHaveLength(0);
  });

  it('turns an error, a missing steady state and an interrupt into a testcase with the reason', () => {
    const errored = suites(erroredRun())[0]!;
    const pre = findAll(testcase(errored, 'preflight'), 'error')[0]!;
    expect(pre.attrs.message).toBe('no pods match app=api in namespace materi-production');
    expect(findAll(errored, 'skipped')).toHaveLength(2); // the criteria that never ran
    expect(errored.attrs.skipped).toBe('2');
    const steady = findAll(testcase(suites(notSteadyRun())[0]!, 'steady-state'), 'failure')[0]!;
    expect(steady.attrs.message).toContain('not met before injection');
    expect(findAll(testcase(suites(interruptedRun())[0]!, 'interrupted'), 'error')).toHaveLength(1);
  });

  it('gives each hook criterion its command and output', () => {
    const suite = suites(hooksRun())[0]!;
    const failure = findAll(testcase(suite, 'hook after report'), 'failure')[0]!;
    expect(failure.attrs.message).toBe('expected hook after report to exit 0, observed exit 2');
    expect(textOf(failure)).toContain('$ ./collect.sh\ncollect: upload failed (HTTP 503)');
    expect(findAll(suite, 'testcase').filter((t) => t.attrs.name?.includes('report'))).toHaveLength(1);
  });

  it('gives a hook that is not a criterion its own testcase', () => {
    const j = hooksRun();
    const e = j.experiments[0]!;
    e.criteria = e.criteria.filter((c) => c.kind !== 'hook');
    const suite = suites(j)[0]!;
    expect(findAll(suite, 'testcase')).toHaveLength(e.criteria.length + e.hooks.length + 1);
    expect(findAll(testcase(suite, 'hook after report'), 'failure')[0]!.attrs.type).toBe('hook-failed');
  });

  it('escapes markup and strips characters XML 1.0 forbids', () => {
    const j = failingRun();
    const c = j.experiments[0]!.criteria[0]!;
    c.label = `weird <label> & "quotes" \u0000\u001b[31m`;
    c.reason = ']]> </failure><script>';
    const root = parseXml(formatJunit(j));
    const t = findAll(root, 'testcase')[0]!;
    expect(t.attrs.name).toBe('weird <label> & "quotes" [31m');
    expect(textOf(findAll(t, 'failure')[0]!)).toContain(']]> </failure><script>');
  });
});

describe('abort conditions', () => {
  it('read as "fired" with the value that fired them, not as an expectation', () => {
    const j = failingRun();
    const e = j.experiments[0]!;
    const rate = e.criteria[0]!;
    e.criteria.push({ ...rate, label: 'error_rate > 0.03', kind: 'abort', op: '>', threshold: 0.03, display: '0.03', verdict: 'breached', worst: undefined,
      samples: rate.samples.map((s) => ({ ...s, state: s.value !== undefined && s.value > 0.03 ? 'met' : 'breached' })) });
    const failure = findAll(testcase(suites(j)[0]!, 'error_rate > 0.03'), 'failure')[0]!;
    expect(failure.attrs.message).toBe('abort condition error_rate > 0.03 fired, observed 0.034');
    expect(failure.attrs.type).toBe('aborted');
    const text = formatRunSummary(j, plainTheme);
    expect(text.split('\n').find((l) => l.trim().startsWith('error_rate > 0.03'))?.trim().split(/\s{2,}/)).toEqual(['error_rate > 0.03', 'abort if > 0.03', '0.034', 'fired']);
  });
});
