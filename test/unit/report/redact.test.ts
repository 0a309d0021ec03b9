import { describe, expect, it } from 'vitest';
import { collectSecrets, MASK, redact, redactJournal } from '../../../src/report/redact.js';
import { failingRun } from '../../support/journals.js';

describe('redact', () => {
  it('masks every occurrence of every known secret', () => {
    expect(redact('a s3cr3t b s3cr3t', ['s3cr3t'])).toBe(`a ${MASK} b ${MASK}`);
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(redact('x abcd-efgh y', ['abcd', 'abcd-efgh'])).toBe(`x ${MASK} y`);
  });

  it('leaves secrets shorter than 4 characters and empty ones alone', () => {
    expect(redact('id 42 is ok', ['42', ''])).toBe('id 42 is ok');
  });

  it.each([
    ['Authorization: Bearer eyJhbGciOi.xyz', 'eyJhbGciOi.xyz'],
    ['authorization=Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['"Authorization": "Bearer tok_live_123"', 'tok_live_123'],
    ['Proxy-Authorization: Basic Zm9vOmJhcg==', 'Zm9vOmJhcg'],
    ['curl -H "bearer abcdefgh12345678"', 'abcdefgh12345678'],
    ['GET https://chaos:hunter22@prom.example:9090/api', 'hunter22'],
    ['clone https://ghp_abcdefgh@github.com/x', 'ghp_abcdefgh'],
    ['GET /api?access_token=zzz999&x=1', 'zzz999'],
    ['password=pa55word', 'pa55word'],
  ])('masks credentials it was not told about: %s', (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(MASK);
  });

  it('keeps the scheme and the user name so the message stays useful', () => {
    expect(redact('Authorization: Bearer abc.def')).toBe(`Authorization: Bearer ${MASK}`);
    expect(redact('http://chaos:pw12@prom:9090')).toBe(`http://chaos:${MASK}@prom:9090`);
  });

  it('does not touch prose or ordinary URLs', () => {
    const prose = 'invalid bearer token; see http://prometheus.monitoring:9090/graph?g0.expr=up';
    expect(redact(prose)).toBe(prose);
  });

  it('never breaks the JSON it masks inside', () => {
    const json = JSON.stringify({ e: 'Authorization: Bearer a"b\\c', u: 'password=x"y' });
    expect(() => JSON.parse(redact(json))).not.toThrow();
  });
});

describe('redactJournal', () => {
  it('masks strings at any depth and leaves the input untouched', () => {
    const j = failingRun();
    const planted = 'hunter2-planted';
    j.experiments[0]!.criteria[0]!.samples[0]!.error = `query failed for ${planted}`;
    const out = redactJournal(j, [planted]);
    expect(JSON.stringify(out)).not.toContain(planted);
    expect(out.experiments[0]!.criteria[0]!.samples[0]!.error).toBe(`query failed for ${MASK}`);
    expect(j.experiments[0]!.criteria[0]!.samples[0]!.error).toContain(planted);
    expect(out.experiments[0]!.criteria[0]!.samples[0]!.t).toBe(j.experiments[0]!.criteria[0]!.samples[0]!.t);
  });
});

describe('collectSecrets', () => {
  it('returns the values of the named variables that are set', () => {
    expect(collectSecrets({ PROM_TOKEN: 'abc123', EMPTY: '', OTHER: 'x' }, ['PROM_TOKEN', 'EMPTY', 'MISSING'])).toEqual(['abc123']);
  });
});
