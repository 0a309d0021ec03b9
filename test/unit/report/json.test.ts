import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { RunJournal } from '../../../src/lifecycle/journal.js';
import { formatJsonReport } from '../../../src/report/json.js';
import { parseJournal, reportJsonSchema, runJournalSchema } from '../../../src/report/journal-schema.js';
import { ALL_RUNS, failingRun } from '../../support/journals.js';

const SCHEMA_FILE = join(import.meta.dirname, '..', '..', '..', 'schemas', 'report.schema.json');
const published = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(published);

describe('JSON report schema', () => {
  it('schemas/report.schema.json matches the code', () => {
    expect(published, 'schemas/report.schema.json is out of date: run npm run schema').toEqual(reportJsonSchema());
  });

  it('describes exactly the RunJournal type', () => {
    expectTypeOf<z.output<typeof runJournalSchema>>().toEqualTypeOf<RunJournal>();
  });

  it.each(Object.keys(ALL_RUNS))('the %s journal validates against the published schema', (name) => {
    const doc = JSON.parse(formatJsonReport(ALL_RUNS[name]!()));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what is not a journal: unknown verdicts and unknown fields', () => {
    const doc = JSON.parse(formatJsonReport(failingRun()));
    doc.experiments[0].verdict = 'kinda-passed';
    expect(validate(doc)).toBe(false);
    const extra = JSON.parse(formatJsonReport(failingRun()));
    extra.experiments[0].surprise = true;
    expect(validate(extra)).toBe(false);
  });
});

describe('formatJsonReport', () => {
  it('is the journal itself, versioned, with every sample and the exit code', () => {
    const j = failingRun();
    const doc = JSON.parse(formatJsonReport(j));
    expect(doc.reportVersion).toBe(1);
    expect(doc.exitCode).toBe(1);
    expect(doc.experiments[0].criteria[0].samples).toHaveLength(j.experiments[0]!.criteria[0]!.samples.length);
    expect(doc).toEqual(JSON.parse(JSON.stringify(j)));
  });

  it('drops values JSON cannot carry instead of writing null', () => {
    const j = failingRun();
    j.experiments[0]!.criteria[0]!.samples[0]!.value = Number.NaN;
    const doc = JSON.parse(formatJsonReport(j));
    expect(doc.experiments[0].criteria[0].samples[0]).not.toHaveProperty('value');
    expect(validate(doc)).toBe(true);
  });
});

describe('parseJournal', () => {
  it('reads a JSON report back into the same journal', () => {
    const j = failingRun();
    expect(parseJournal(JSON.parse(formatJsonReport(j)))).toEqual(JSON.parse(JSON.stringify(j)));
  });

  it('names the first bad field on the first line', () => {
    const doc = JSON.parse(formatJsonReport(failingRun()));
    doc.experiments[1].criteria[0].op = '=~';
    expect(() => parseJournal(doc)).toThrow(/^experiments\.1\.criteria\.0\.op: /);
    expect(() => parseJournal({ hello: 'world' })).toThrow(/and \d+ more problems/);
  });
});
