// The one redactor (src/redact.ts): hook output, Prometheus errors, stdout/stderr and every report use it.
import { describe, expect, it } from 'vitest';
import { headerSecrets, makeRedactor, MASK, MIN_SECRET_LENGTH, redact, redactDeep, secretsInEnv } from '../../src/redact.js';
import { failingRun } from '../support/journals.js';

describe('redact: known secrets', () => {
  it('masks every occurrence of every known secret', () => {
    expect(redact('a s3cr3t b s3cr3t', ['s3cr3t'])).toBe(`a ${MASK} b ${MASK}`);
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(redact('x abcdef-ghijkl y', ['abcdef', 'abcdef-ghijkl'])).toBe(`x ${MASK} y`);
  });

  it(`leaves values shorter than ${MIN_SECRET_LENGTH} characters alone: masking them would mangle ordinary output`, () => {
    expect(MIN_SECRET_LENGTH).toBe(6);
    expect(redact('circuit_breaker_triggered: true, 12345 pods, none', ['true', '12345', 'none', ''])).toBe('circuit_breaker_triggered: true, 12345 pods, none');
    expect(redact('key abcdef', ['abcdef'])).toBe(`key ${MASK}`);
  });
});

describe('redact: credential shapes, masked even when nobody said they were secret', () => {
  it.each([
    ['Authorization: Bearer eyJhbGciOi.xyz', 'eyJhbGciOi.xyz'],
    ['authorization=Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['"Authorization": "Bearer tok_live_123"', 'tok_live_123'],
    ['Proxy-Authorization: Basic Zm9vOmJhcg==', 'Zm9vOmJhcg'],
    ['curl -H "bearer abcdefgh12345678"', 'abcdefgh12345678'],
    ['sent bearer eyJhbGciOi.abc.def', 'eyJhbGciOi.abc.def'],
    ['GET https://chaos:hunter22@prom.example:9090/api', 'hunter22'],
    ['clone https://ghp_abcdefgh@github.com/x', 'ghp_abcdefgh'],
    ['GET /api?access_token=zzz999&x=1', 'zzz999'],
    ['password=pa55word', 'pa55word'],
    ['-e API_KEY=abc123 --password="hunter22"', 'hunter22'],
    ['-e LOAD_API_TOKEN=abc123', 'abc123'],
    ['--api-key=k-42', 'k-42'],
    ['token: 9f8e7d6c5b4a3210', '9f8e7d6c5b4a3210'],
  ])('%s', (text, secret) => {
    const out = redact(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(MASK);
  });

  it('keeps the scheme, the key and the user name so the message stays useful', () => {
    expect(redact('Authorization: Bearer abc.def')).toBe(`Authorization: Bearer ${MASK}`);
    expect(redact('Authorization: Basic dXNlcjpwYXNz')).toBe(`Authorization: Basic ${MASK}`);
    expect(redact('http://chaos:pw12@prom:9090')).toBe(`http://chaos:${MASK}@prom:9090`);
    expect(redact('-e API_KEY=abc123 --password="hunter22"')).toBe(`-e API_KEY=${MASK} --password="${MASK}"`);
  });

  it('does not touch prose, ordinary URLs, criteria or PromQL', () => {
    for (const text of [
      'invalid bearer token; see http://prometheus.monitoring:9090/graph?g0.expr=up',
      'tokens_valid: true',
      'sum(rate(http_requests_total{service="api",code=~"5.."}[1m]))',
      'PWD=/work/project',
    ]) expect(redact(text)).toBe(text);
  });

  it('never breaks the JSON it masks inside', () => {
    const json = JSON.stringify({ e: 'Authorization: Bearer a"b\\c', u: 'password=x"y', t: 'token: abcdefgh1234"z' });
    expect(() => JSON.parse(redact(json))).not.toThrow();
  });

  it('shapes: false masks the known secrets only (manifests on stdout stay as rendered)', () => {
    const r = makeRedactor(['s3cr3t-value'], { shapes: false });
    expect(r('Authorization: Bearer abcdefgh12 and s3cr3t-value')).toBe(`Authorization: Bearer abcdefgh12 and ${MASK}`);
  });
});

describe('secretsInEnv and headerSecrets', () => {
  it('takes the values of secret-looking variables from each env', () => {
    const envs = [{ LOAD_API_TOKEN: 'tok-123456', HOME_DIR: '/home/runner-123', UNSET: undefined }, { PROMETHEUS_PASSWORD: 'pw-abcdef', SSH_AUTH_SOCK: '/tmp/a' }];
    expect(secretsInEnv(envs)).toEqual(['tok-123456', 'pw-abcdef', '/tmp/a']);
    const r = makeRedactor(secretsInEnv([{ LOAD_API_TOKEN: 'tok-123456', SHORT_TOKEN: 'x1', HOME_DIR: '/home/runner-123' }]));
    expect(r('using tok-123456 from /home/runner-123 x1')).toBe(`using ${MASK} from /home/runner-123 x1`);
  });

  it('takes sensitive header values, and the bare token of a `Bearer x` value', () => {
    expect(headerSecrets({ 'X-Scope-OrgID': 'team-a', 'X-Api-Key': 'k-123456', Authorization: 'Bearer tok-abcdef' })).toEqual(['k-123456', 'k-123456', 'Bearer tok-abcdef', 'tok-abcdef']);
  });
});

describe('redactDeep', () => {
  it('masks strings at any depth and leaves the input untouched', () => {
    const j = failingRun();
    const planted = 'hunter2-planted';
    j.experiments[0]!.criteria[0]!.samples[0]!.error = `query failed for ${planted}`;
    const out = redactDeep(j, [planted]);
    expect(JSON.stringify(out)).not.toContain(planted);
    expect(out.experiments[0]!.criteria[0]!.samples[0]!.error).toBe(`query failed for ${MASK}`);
    expect(j.experiments[0]!.criteria[0]!.samples[0]!.error).toContain(planted);
    expect(out.experiments[0]!.criteria[0]!.samples[0]!.t).toBe(j.experiments[0]!.criteria[0]!.samples[0]!.t);
  });
});
