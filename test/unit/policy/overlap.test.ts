import { describe, expect, test } from 'vitest';
import { mayOverlap, selectorsMayOverlap } from '../../../src/policy/overlap.js';
import type { LabelExpression, LabelSelector } from '../../../src/experiment/model.js';

const sel = (matchLabels: Record<string, string>, matchExpressions: LabelExpression[] = []): LabelSelector => ({ matchLabels, matchExpressions });
const expr = (key: string, operator: LabelExpression['operator'], values: string[] = []): LabelExpression => ({ key, operator, values });

describe('selectorsMayOverlap', () => {
  test.each([
    ['app=api vs app=relay', sel({ app: 'api' }), sel({ app: 'relay' }), false],
    ['app=api vs app=api', sel({ app: 'api' }), sel({ app: 'api' }), true],
    ['app=api vs tier=db (a pod may carry both)', sel({ app: 'api' }), sel({ tier: 'db' }), true],
    ['app in (a,b) vs app in (b,c)', sel({}, [expr('app', 'In', ['a', 'b'])]), sel({}, [expr('app', 'In', ['b', 'c'])]), true],
    ['app in (a) vs app in (c)', sel({}, [expr('app', 'In', ['a'])]), sel({}, [expr('app', 'In', ['c'])]), false],
    ['app=api vs app notin (api)', sel({ app: 'api' }), sel({}, [expr('app', 'NotIn', ['api'])]), false],
    ['app=api vs !app', sel({ app: 'api' }), sel({}, [expr('app', 'DoesNotExist')]), false],
    ['canary vs !canary', sel({}, [expr('canary', 'Exists')]), sel({}, [expr('canary', 'DoesNotExist')]), false],
    ['app notin (api) vs !app (a pod without app)', sel({}, [expr('app', 'NotIn', ['api'])]), sel({}, [expr('app', 'DoesNotExist')]), true],
    ['everything vs app=api', sel({}), sel({ app: 'api' }), true],
  ])('%s → %s', (_, a, b, expected) => {
    expect(selectorsMayOverlap(a, b)).toBe(expected);
    expect(selectorsMayOverlap(b, a)).toBe(expected);
  });
});

describe('mayOverlap', () => {
  const api = { namespace: 'prod', selector: sel({ app: 'api' }) };
  const relay = { namespace: 'prod', selector: sel({ app: 'relay' }) };
  test('different namespaces never overlap; a shared dependency does', () => {
    expect(mayOverlap([api], [{ ...api, namespace: 'staging' }])).toBe(false);
    expect(mayOverlap([api], [relay])).toBe(false);
    expect(mayOverlap([api, { namespace: 'prod', selector: sel({ app: 'redis' }) }], [relay, { namespace: 'prod', selector: sel({ app: 'redis' }) }])).toBe(true);
  });
  test('pods matched by both confirm an overlap the selectors cannot rule out alone', () => {
    expect(mayOverlap([api], [relay], { a: ['p1'], b: ['p1'] })).toBe(true);
    expect(mayOverlap([api], [relay], { a: ['p1'], b: ['p2'] })).toBe(false);
  });
});
