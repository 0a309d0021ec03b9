// Planted credentials must not survive into any report format (SPEC §7).
import { describe, expect, it } from 'vitest';
import type { RunJournal } from '../../../src/lifecycle/journal.js';
import { formatHtml } from '../../../src/report/html.js';
import { formatJsonReport } from '../../../src/report/json.js';
import { formatJunit } from '../../../src/report/junit.js';
import { formatMarkdown } from '../../../src/report/markdown.js';
import { MASK } from '../../../src/redact.js';
import { formatRunSummary } from '../../../src/report/text.js';
import { plainTheme } from '../../../src/report/theme.js';
import { hooksRun } from '../../support/journals.js';

const TOKEN = 'tok-9f8e7d6c5b4a';
const PASSWORD = 'Pa55w0rd!xyz';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0.sig';
const BASIC = 'dXNlcjpzM2NyZXQ=';
const URL_PASSWORD = 'urlpass999';

/** A run whose hook output, error messages and query errors carry credentials. */
function plantedRun(): RunJournal {
  const j = hooksRun();
  const e = j.experiments[0]!;
  const failedHook = e.hooks.find((h) => !h.ok)!;
  failedHook.outputTail = `uploading with token ${TOKEN}\nupload failed`;
  failedHook.command = ['./collect.sh', '--token', TOKEN];
  e.reason = `login failed for chaos with password ${PASSWORD}`;
  e.stages[0]!.detail = `connected with ${PASSWORD}`;
  e.hint = `retry with Authorization: Basic ${BASIC}`;
  const c = e.criteria[1]!;
  c.verdict = 'no-data';
  c.reason = `query failed: 401 (sent Authorization: Bearer ${BEARER})`;
  c.samples[5] = { ...c.samples[5]!, state: 'no-data', value: undefined, error: `401 Unauthorized; Authorization: Bearer ${BEARER}` };
  j.prometheus = { url: `http://chaos:${URL_PASSWORD}@prometheus.monitoring:9090` };
  return j;
}

const FORMATS: Record<string, (j: RunJournal, secrets: string[]) => string> = {
  text: (j, s) => formatRunSummary(j, plainTheme, s),
  json: formatJsonReport,
  junit: formatJunit,
  markdown: formatMarkdown,
  html: formatHtml,
};

describe('no secret in any report', () => {
  it.each(Object.keys(FORMATS))('%s: planted token, password, bearer, basic and URL password are masked', (name) => {
    const out = FORMATS[name]!(plantedRun(), [TOKEN, PASSWORD]);
    for (const secret of [TOKEN, PASSWORD, BEARER, BASIC, URL_PASSWORD, 'c2VjcmV0']) expect(out).not.toContain(secret);
    expect(out).toContain(MASK); // the planted fields were rendered, masked
  });

  it('every planted field reaches at least one format, so the masking above is tested', () => {
    const outputs = Object.values(FORMATS).map((f) => f(plantedRun(), []));
    // without the secrets list only the generic patterns apply: the listed secrets show up unmasked
    expect(outputs.some((o) => o.includes(TOKEN))).toBe(true);
    expect(outputs.some((o) => o.includes(PASSWORD))).toBe(true);
    for (const o of outputs) for (const generic of [BEARER, BASIC, URL_PASSWORD]) expect(o).not.toContain(generic);
  });

  it('masks headers and URL credentials even when no secret list is given', () => {
    const json = formatJsonReport(plantedRun());
    expect(json).toContain(`Authorization: Bearer ${MASK}`);
    expect(json).toContain(`http://chaos:${MASK}@prometheus.monitoring:9090`);
    expect(() => JSON.parse(json)).not.toThrow();
  });
});
