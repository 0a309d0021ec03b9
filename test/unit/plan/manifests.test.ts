import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_CONFIG } from '../../../src/config/model.js';
import { planRun } from '../../../src/lifecycle/plan.js';
import { formatPlanJson, formatPlanYaml } from '../../../src/report/manifests.js';
import { FAULTS, criterion, experiment, seedExperiments } from '../chaos-mesh/build.js';

const seedPlan = () => planRun(seedExperiments(), { ...DEFAULT_CONFIG, kubernetes: { namespace: 'staging' } }, { runId: 'q1w2e3r4' }).plan;

describe('formatPlanYaml', () => {
  it('parses back into exactly the planned manifests, one document each', () => {
    const plan = seedPlan();
    const docs = parseAllDocuments(formatPlanYaml(plan));
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    expect(docs.map((d) => d.toJS())).toEqual(plan.experiments.flatMap((p) => p.manifests));
  });

  it('precedes each object with its experiment, source, window and resolved criteria', () => {
    const plan = seedPlan();
    // The comment block of each document: the lines before its first non-comment line.
    const chunks = formatPlanYaml(plan).split(/^---\n/m);
    expect(chunks).toHaveLength(4);
    const header = (i: number) => {
      const lines = chunks[i]!.split('\n');
      return lines.slice(0, lines.findIndex((l) => !l.startsWith('#'))).join('\n');
    };
    expect(header(0)).toContain('# experiment: api-latency-injection (chaos/experiments.yml:3)');
    expect(header(0)).toContain('# window: 5m');
    const query = plan.experiments[0]!.criteria[0]!.resolvedQuery!;
    expect(header(0)).toContain(`# criterion: error_rate < 0.01 [always]  ${query}`);
    expect(header(2)).toContain('# window: 2m');
    expect(header(3)).toContain('# experiment: pod-failure (chaos/experiments.yml:37)');
    expect(header(3)).toMatch(/criterion: recovery_time < 30s \[end\]/);
    expect(header(3)).toContain('[10m]');
  });

  it('keeps multi-line queries and abort conditions on single comment lines', () => {
    const exp = experiment('multi', FAULTS.pod_failure, {
      criteria: [criterion('err < 1', { query: 'sum(\n  rate(x[1m])\n)' })],
      abortWhen: [criterion('fatal > 0', { query: 'max(fatal)', op: '>' })],
    });
    const { plan } = planRun([exp], DEFAULT_CONFIG, { runId: 'q1w2e3r4' });
    const text = formatPlanYaml(plan);
    expect(text).toContain('# criterion: err < 1 [always]  sum( rate(x[1m]) )\n');
    expect(text).toContain('# abort_when: fatal > 0 [always]  max(fatal)\n');
    expect(parseAllDocuments(text).map((d) => d.toJS())).toEqual(plan.experiments[0]!.manifests);
  });

  it('quotes strings a YAML 1.1 parser (kubectl) would read as booleans', () => {
    const { plan } = planRun([experiment('yes', FAULTS.pod_failure)], DEFAULT_CONFIG, { runId: 'q1w2e3r4' });
    const [doc] = parseAllDocuments(formatPlanYaml(plan), { version: '1.1' });
    expect(doc!.toJS().metadata.labels['chaos.run/experiment']).toBe('yes');
  });

  it('separates documents with ---', () => {
    const text = formatPlanYaml(seedPlan());
    expect(text.match(/^---$/gm)).toHaveLength(3);
  });
});

describe('formatPlanJson', () => {
  it('carries run id, namespace, window, manifests and resolved queries', () => {
    const plan = seedPlan();
    const json = JSON.parse(formatPlanJson(plan));
    expect(json.runId).toBe('q1w2e3r4');
    expect(json.experiments.map((e: { name: string }) => e.name)).toEqual(plan.experiments.map((p) => p.experiment.name));
    const [first, , , last] = json.experiments;
    expect(first).toMatchObject({ source: 'chaos/experiments.yml:3', namespace: 'staging', window: '5m', oneShot: false });
    expect(first.manifests).toEqual(plan.experiments[0]!.manifests);
    expect(first.criteria[0].query).toBe(plan.experiments[0]!.criteria[0]!.resolvedQuery);
    expect(last).toMatchObject({ namespace: 'materi-production', window: '10m', oneShot: true });
    expect(last.criteria[0]).toMatchObject({ builtin: 'recovery_time', display: '30s' });
  });
});
