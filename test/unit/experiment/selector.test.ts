import { describe, expect, it } from 'vitest';
import { labelKeyError, labelValueError, parseLabelSelector } from '../../../src/experiment/selector.js';

const ok = (text: string) => {
  const r = parseLabelSelector(text);
  if ('error' in r) throw new Error(r.error);
  return r.selector;
};
const err = (text: string) => {
  const r = parseLabelSelector(text);
  return 'error' in r ? r.error : undefined;
};

describe('parseLabelSelector', () => {
  it('equality (=, ==) goes to matchLabels', () => {
    expect(ok('app=api')).toEqual({ matchLabels: { app: 'api' }, matchExpressions: [] });
    expect(ok('app==api, tier = web')).toEqual({ matchLabels: { app: 'api', tier: 'web' }, matchExpressions: [] });
  });

  it('!=, in, notin, exists and !exists become expressions', () => {
    expect(ok('app=api,tier!=canary,env in (prod, staging),zone notin (a),gpu,!legacy')).toEqual({
      matchLabels: { app: 'api' },
      matchExpressions: [
        { key: 'tier', operator: 'NotIn', values: ['canary'] },
        { key: 'env', operator: 'In', values: ['prod', 'staging'] },
        { key: 'zone', operator: 'NotIn', values: ['a'] },
        { key: 'gpu', operator: 'Exists', values: [] },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
      ],
    });
  });

  it('accepts prefixed keys and empty values', () => {
    expect(ok('app.kubernetes.io/name=api,release=')).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'api', release: '' }, matchExpressions: [] });
  });

  it.each([
    ['', 'empty'],
    ['app=api,', 'empty requirement'],
    ['tier in canary', 'is not a requirement'],
    ['env in ()', 'empty'],
    ['app=api,app=web', 'both "api" and "web"'],
    ['app=-api', 'label value "-api"'],
    ['-app=api', 'label key "-app"'],
    ['Example.com/app=api', 'prefix must be a DNS subdomain'],
    ['replicas>3', 'is not a requirement'],
  ])('rejects %j (%s)', (text, message) => expect(err(text)).toContain(message));
});

describe('label key and value syntax', () => {
  it('keys: optional DNS prefix, name ≤ 63', () => {
    expect(labelKeyError('app')).toBeUndefined();
    expect(labelKeyError('example.com/my_key.v2')).toBeUndefined();
    expect(labelKeyError('a'.repeat(64))).toContain('1-63');
    expect(labelKeyError('example.com/')).toContain('name');
  });
  it('values: ≤ 63, alphanumeric at both ends', () => {
    expect(labelValueError('v1.2_3-x')).toBeUndefined();
    expect(labelValueError('')).toBeUndefined();
    expect(labelValueError('x'.repeat(64))).toContain('at most 63');
    expect(labelValueError('api-')).toContain('api-');
  });
});
