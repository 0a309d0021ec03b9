// How the SPEC §10 verdict inputs read in every report: the baseline and the threshold derived from it
// (text, markdown, junit, html with a baseline band), alerts, HTTP probes and expected effects.
import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../../src/report/text.js';
import { formatMarkdown } from '../../../src/report/markdown.js';
import { formatJunit } from '../../../src/report/junit.js';
import { formatHtml } from '../../../src/report/html.js';
import { criterionChart } from '../../../src/report/svg-chart.js';
import type { CriterionResult, RunJournal } from '../../../src/lifecycle/journal.js';
import { p95Latency, runJournal, seedPlans } from '../../support/journals.js';

/** The seed's latency experiment, its p95 criterion made relative to a 120ms median baseline (→ 180ms). */
function journal(over: (c: CriterionResult[]) => void = () => {}): RunJournal {
  const j = runJournal([{ ...seedPlans.latency(), criteria: [p95Latency((i) => (i >= 2 ? 0.25 : 0.15))], abortAfterMs: 40_000, abortReason: 'p95_latency < 1.5x baseline breached (observed 0.25)' }]);
  const e = j.experiments[0]!;
  const c = e.criteria[0]!;
  Object.assign(c, { label: 'p95_latency < 1.5x baseline', display: '1.5x baseline', threshold: 0.18, verdict: 'breached', worst: 0.25, baseline: { stat: 'median', windowMs: 300_000, factor: 1.5, offset: 0, value: 0.12, points: 31 } });
  const t = c.samples[0]!.t;
  e.criteria.push(
    { label: 'alert HighErrorRate', kind: 'criterion', op: '==', threshold: 0, display: '0', when: 'always', verdict: 'met', worst: 0, samples: [{ t, phase: 'fault', value: 0, state: 'met' }], alert: 'HighErrorRate', query: 'count(ALERTS{alertname="HighErrorRate",alertstate="firing"}) or vector(0)' },
    { label: 'http http://api/health', kind: 'criterion', op: '==', threshold: 1, display: 'answers 200', when: 'always', verdict: 'breached', worst: 0, probe: 'http://api/health', samples: [{ t, phase: 'fault', value: 1, state: 'met', detail: 'HTTP 200' }, { t: t + 1000, phase: 'fault', value: 0, state: 'breached', detail: 'HTTP 503, expected 200' }] },
    { label: 'p95_latency > 1.2x baseline', kind: 'effect', op: '>', threshold: 0.144, display: '1.2x baseline', unit: 'seconds', when: 'always', verdict: 'met', worst: 0.25, samples: [], baseline: { stat: 'median', windowMs: 300_000, factor: 1.2, offset: 0, value: 0.12 } },
  );
  over(e.criteria);
  return j;
}

describe('reports of the new verdicts', () => {
  it('text: the baseline and the threshold it gives under the criterion; alert, probe and effect rows', () => {
    const out = formatRunSummary(journal());
    expect(out).toContain('↳ baseline: median 120ms over the 5m before injection (31 points) → threshold 180ms');
    expect(out).toMatch(/alert HighErrorRate\s+not firing\s+not firing\s+met/);
    expect(out).toMatch(/http http:\/\/api\/health\s+answers 200\s+HTTP 503, exp…\s+breached/);
    expect(out).toMatch(/p95_latency > 1\.2x baseline\s+shows > 1\.2x ba…\s+250ms\s+seen/);
  });

  it('markdown and junit: expected reads "< 1.5x baseline (median 120ms → 180ms)"; the failure names the baseline', () => {
    expect(formatMarkdown(journal())).toContain('`< 1.5x baseline (median 120ms → 180ms)`');
    const junit = formatJunit(journal());
    expect(junit).toContain('expected: &lt; 1.5x baseline (median 120ms → 180ms)');
    expect(junit).toContain('message="expected p95_latency &lt; 1.5x baseline (median 120ms → 180ms), observed 250ms (worst)"');
    expect(junit).toContain('message="expected http http://api/health, observed HTTP 503, expected 200"');
    expect(junit).toContain('probe: GET http://api/health');
  });

  it('no baseline: said so, and no threshold line is drawn at a meaningless 0', () => {
    const j = journal((cs) => Object.assign(cs[0]!, { threshold: 0, verdict: 'no-data', baseline: { stat: 'median', windowMs: 300_000, factor: 1.5, offset: 0, error: 'no history: the query had no series in the baseline window' } }));
    expect(formatRunSummary(j)).toContain('↳ baseline: none over the 5m before injection (no history: the query had no series in the baseline window): no-data, never met');
    const svg = criterionChart(j.experiments[0]!.criteria[0]!, {});
    expect(svg).not.toContain('class="threshold"');
    expect(svg).not.toContain('class="baseline-band"');
  });

  it('html: the chart shows the baseline line and the band up to the threshold', () => {
    const html = formatHtml(journal());
    expect(html).toContain('class="baseline-band"');
    expect(html).toContain('>baseline 120ms</text>');
    expect(html).toContain('class="threshold"');
    const svg = criterionChart(journal().experiments[0]!.criteria[0]!, {});
    // the band spans from the baseline line to the threshold line
    const band = /<rect class="baseline-band"[^>]* y="([\d.]+)"[^>]* height="([\d.]+)"/.exec(svg)!;
    const base = /<line class="baseline"[^>]* y1="([\d.]+)"/.exec(svg)!;
    const thr = /<line class="threshold"[^>]* y1="([\d.]+)"/.exec(svg)!;
    expect(Number(band[1])).toBeCloseTo(Math.min(Number(base[1]), Number(thr[1])), 0);
    expect(Number(band[1]) + Number(band[2])).toBeCloseTo(Math.max(Number(base[1]), Number(thr[1])), 0);
  });
});
