import { describe, expect, it } from 'vitest';
import type { RunJournal } from '../../../src/lifecycle/journal.js';
import { formatHtml } from '../../../src/report/html.js';
import { ALL_RUNS, failingRun, hooksRun, inconclusiveRun, leftoversRun, passingRun, RUN_ID } from '../../support/journals.js';
import { findAll, parseXml, textOf, type XmlElement } from './xml.js';

const doc = (j: RunJournal): XmlElement => parseXml(formatHtml(j), { allowHtmlDoctype: true });
const byClass = (root: XmlElement, name: string, cls: string): XmlElement[] =>
  findAll(root, name).filter((e) => (e.attrs.class ?? '').split(' ').includes(cls));

function chart(root: XmlElement, label: string): XmlElement {
  const figures = findAll(root, 'figure').filter((f) => f.attrs['data-criterion'] === label);
  expect(figures, `figure for ${label}`).toHaveLength(1);
  const svgs = byClass(figures[0]!, 'svg', 'chart');
  expect(svgs).toHaveLength(1);
  return svgs[0]!;
}

describe('formatHtml', () => {
  it.each(Object.keys(ALL_RUNS))('the %s report is one self-contained document', (name) => {
    const html = formatHtml(ALL_RUNS[name]!());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(() => parseXml(html, { allowHtmlDoctype: true })).not.toThrow();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|@import/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?[a-z][a-z0-9+.-]*:/i);
    for (const a of findAll(doc(ALL_RUNS[name]!()), 'a')) expect(a.attrs.href).toMatch(/^#/);
  });

  it('has one chart per criterion with samples, inside a figure named after it', () => {
    const j = passingRun();
    const root = doc(j);
    const labels = j.experiments.flatMap((e) => e.criteria.filter((c) => c.kind !== 'hook').map((c) => c.label));
    expect(byClass(root, 'svg', 'chart')).toHaveLength(labels.length);
    for (const label of labels) chart(root, label);
  });

  it('draws the threshold dashed, between the met and the breached samples', () => {
    const svg = chart(doc(failingRun()), 'error_rate < 0.01');
    const threshold = byClass(svg, 'line', 'threshold');
    expect(threshold).toHaveLength(1);
    expect(threshold[0]!.attrs['stroke-dasharray']).toBeTruthy();
    const ty = Number(threshold[0]!.attrs.y1);
    const breached = byClass(svg, 'circle', 'breached');
    const met = byClass(svg, 'circle', 'met');
    expect(breached.length).toBe(failingRun().experiments[0]!.criteria[0]!.samples.filter((s) => s.state === 'breached').length);
    expect(breached.length).toBeGreaterThan(0);
    for (const p of breached) expect(Number(p.attrs.cy)).toBeLessThan(ty); // above the line: higher error rate
    for (const p of met) expect(Number(p.attrs.cy)).toBeGreaterThan(ty);
    expect(breached.every((p) => p.attrs.fill !== met[0]!.attrs.fill)).toBe(true);
    expect(textOf(svg)).toContain('< 0.01');
  });

  it('shades the fault window and labels baseline and recovery around it', () => {
    const svg = chart(doc(failingRun()), 'p95_latency < 600ms');
    const [fault] = byClass(svg, 'rect', 'fault-window');
    expect(fault).toBeDefined();
    const from = Number(fault!.attrs.x);
    const to = from + Number(fault!.attrs.width);
    for (const p of findAll(svg, 'circle')) {
      const x = Number(p.attrs.cx);
      const phase = textOf(p).split(' ')[1];
      if (phase === 'fault:') expect(x >= from && x <= to).toBe(true);
      if (phase === 'baseline:') expect(x).toBeLessThan(from);
      if (phase === 'recovery:') expect(x).toBeGreaterThan(to);
    }
    expect(byClass(svg, 'rect', 'baseline-window')).toHaveLength(1);
    expect(byClass(svg, 'rect', 'recovery-window')).toHaveLength(1);
    expect(byClass(svg, 'text', 'region-label').map(textOf)).toEqual(['baseline', 'fault', 'recovery']);
    expect(byClass(svg, 'text', 'axis-label').map(textOf)).toEqual(['time since injection', 'p95_latency']);
    expect(byClass(svg, 'text', 'tick').map(textOf)).toContain('600ms');
  });

  it('marks samples without data as grey ticks and breaks the line there', () => {
    const j = inconclusiveRun();
    const c = j.experiments[0]!.criteria.find((x) => x.label === 'p95_latency < 600ms')!;
    const svg = chart(doc(j), c.label);
    expect(byClass(svg, 'line', 'no-data')).toHaveLength(c.samples.filter((s) => s.state === 'no-data').length);
    for (const pl of byClass(svg, 'polyline', 'series')) {
      const xs = (pl.attrs.points ?? '').split(' ').map((p) => Number(p.split(',')[0]));
      const ticks = byClass(svg, 'line', 'no-data').map((l) => Number(l.attrs.x1));
      expect(ticks.some((t) => t > Math.min(...xs) && t < Math.max(...xs))).toBe(false);
    }
  });

  it('shows the stages timeline, the verdicts and the applied manifests', () => {
    const root = doc(failingRun());
    const timelines = byClass(root, 'svg', 'timeline');
    expect(timelines).toHaveLength(2);
    expect(byClass(timelines[0]!, 'rect', 'stage')).toHaveLength(failingRun().experiments[0]!.stages.length);
    expect(byClass(timelines[0]!, 'rect', 'stage-failed')).toHaveLength(1);
    const pre = findAll(root, 'details').flatMap((d) => findAll(d, 'pre')).map(textOf).join('\n');
    expect(pre).toContain('kind: NetworkChaos');
    expect(pre).toContain(`chaos.run/run-id: ${RUN_ID}`);
    expect(textOf(findAll(root, 'h1')[0]!)).toContain('FAILED');
  });

  it('shows hooks with their output and the cleanup command when a fault may remain', () => {
    const hooks = formatHtml(hooksRun());
    expect(hooks).toContain('collect: upload failed (HTTP 503)');
    expect(formatHtml(passingRun())).not.toContain('chaos cleanup');
    const left = doc(leftoversRun());
    expect(byClass(left, 'p', 'leftovers').map(textOf).join(' ')).toContain(`chaos cleanup --run-id ${RUN_ID}`);
  });

  it('escapes all text from the journal', () => {
    const j = failingRun();
    j.experiments[0]!.criteria[0]!.label = '<script>alert(1)</script> & "x"';
    j.experiments[0]!.reason = '<img src=x onerror=alert(1)>';
    const html = formatHtml(j);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(findAll(parseXml(html, { allowHtmlDoctype: true }), 'figure')[0]!.attrs['data-criterion']).toBe('<script>alert(1)</script> & "x"');
  });

  it('renders the same journal to the same bytes', () => {
    expect(formatHtml(failingRun())).toBe(formatHtml(failingRun()));
    expect(formatHtml(failingRun())).not.toBe(formatHtml(passingRun()));
  });
});

describe('criterionChart semantics', () => {
  it('does not paint the "not yet" samples of a met `eventually` criterion as breaches', () => {
    const svg = chart(doc(passingRun()), 'fallback_activated: true');
    const c = passingRun().experiments[1]!.criteria[1]!;
    expect(c.samples.some((s) => s.state === 'breached')).toBe(true);
    expect(byClass(svg, 'circle', 'breached')).toHaveLength(0);
  });

  it('paints an abort condition red where it held', () => {
    const j = failingRun();
    const e = j.experiments[0]!;
    const rate = e.criteria[0]!;
    e.criteria.push({ ...rate, label: 'error_rate > 0.03', kind: 'abort', op: '>', threshold: 0.03, display: '0.03', verdict: 'breached', worst: undefined,
      samples: rate.samples.map((s) => ({ ...s, state: s.value !== undefined && s.value > 0.03 ? 'met' : 'breached' })) });
    const svg = chart(doc(j), 'error_rate > 0.03');
    expect(byClass(svg, 'circle', 'breached')).toHaveLength(rate.samples.filter((s) => (s.value ?? 0) > 0.03).length);
    expect(textOf(svg)).toContain('abort if > 0.03');
  });
});
