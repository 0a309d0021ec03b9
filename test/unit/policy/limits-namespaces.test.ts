// src/policy: protected namespaces (globs, [] lifts), pods hit per mode, maxPods and maxPercentage.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Policy } from '../../../src/config/model.js';
import { globMatches } from '../../../src/policy/glob.js';
import { blastRadiusRefusal, percentageRefusal, podsHit } from '../../../src/policy/limits.js';
import { protectedNamespaceRefusal, protectingEntry } from '../../../src/policy/namespaces.js';

const policy = (p: Partial<Policy> = {}): Policy => ({ ...DEFAULT_CONFIG.policy, ...p });

describe('globs', () => {
  it('* matches any run of characters; everything else is literal', () => {
    expect(globMatches('kind-*', 'kind-prod')).toBe(true);
    expect(globMatches('kind-*', 'kind-')).toBe(true);
    expect(globMatches('kind-*', 'mykind-x')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false);
    expect(globMatches('*', 'anything')).toBe(true);
    expect(globMatches('staging', 'staging-2')).toBe(false);
  });
});

describe('protected namespaces', () => {
  it('protects kube-system, kube-public, kube-node-lease and chaos-mesh by default', () => {
    for (const ns of ['kube-system', 'kube-public', 'kube-node-lease', 'chaos-mesh']) expect(protectingEntry(ns, policy())).toBe(ns);
    expect(protectingEntry('materi-production', policy())).toBeUndefined();
  });
  it('[] lifts the protection; globs protect families', () => {
    expect(protectedNamespaceRefusal('kube-system', policy({ protectedNamespaces: [] }), 'target')).toBeUndefined();
    expect(protectedNamespaceRefusal('openshift-dns', policy({ protectedNamespaces: ['openshift-*'] }), 'dependency')).toMatch(
      /^namespace "openshift-dns" is protected \(by "openshift-\*"\): no dependency may be in it\./,
    );
  });
  it('says how to lift it', () => {
    expect(protectedNamespaceRefusal('kube-system', policy(), 'target')).toContain('policy.protectedNamespaces: [] lifts the protection');
  });
});

describe('pods hit (Chaos Mesh pkg/selector/generic/mode.go)', () => {
  it.each([
    [{ mode: 'all' as const }, 7, 7],
    [{ mode: 'one' as const }, 7, 1],
    [{ mode: 'one' as const }, 0, 0],
    [{ mode: 'fixed' as const, value: '3' }, 7, 3],
    [{ mode: 'fixed' as const, value: '9' }, 7, 7],
    [{ mode: 'fixed-percent' as const, value: '10' }, 3, 1],
    [{ mode: 'fixed-percent' as const, value: '50' }, 7, 4],
    [{ mode: 'fixed-percent' as const, value: '100' }, 7, 7],
  ])('%o of %i matched → %i', (target, matched, hit) => expect(podsHit(target, matched)).toBe(hit));
});

describe('maxPercentage at validate', () => {
  it('a percentage above the limit, and mode all below 100, are refused; count and one wait for preflight', () => {
    const p = policy({ maxPercentage: 50 });
    expect(percentageRefusal({ mode: 'fixed-percent', value: '60' }, p)).toBe(
      'hits 60% of the matching pods, above policy.maxPercentage (50%): set target.percentage to at most 50, or target.count',
    );
    expect(percentageRefusal({ mode: 'fixed-percent', value: '50' }, p)).toBeUndefined();
    expect(percentageRefusal({ mode: 'all' }, p)).toMatch(/^hits every matching pod \(no percentage or count: mode all, 100%\)/);
    expect(percentageRefusal({ mode: 'fixed', value: '5' }, p)).toBeUndefined();
    expect(percentageRefusal({ mode: 'one' }, p)).toBeUndefined();
    expect(percentageRefusal({ mode: 'all' }, policy())).toBeUndefined();
  });
});

describe('blast radius at preflight', () => {
  it('maxPods counts the pods hit, not merely matched', () => {
    const p = policy({ maxPods: 20 });
    expect(blastRadiusRefusal({ mode: 'all' }, 21, p)).toBe('the fault would hit 21 of the 21 matching pods (mode all), more than policy.maxPods (20)');
    expect(blastRadiusRefusal({ mode: 'all' }, 20, p)).toBeUndefined();
    expect(blastRadiusRefusal({ mode: 'fixed-percent', value: '10' }, 300, p)).toMatch(/would hit 30 of the 300 matching pods \(mode fixed-percent 10\)/);
    expect(blastRadiusRefusal({ mode: 'fixed-percent', value: '5' }, 300, p)).toBeUndefined();
    expect(blastRadiusRefusal({ mode: 'fixed', value: '2' }, 300, p)).toBeUndefined();
    expect(blastRadiusRefusal({ mode: 'one' }, 300, p)).toBeUndefined();
  });
  it('maxPercentage counts the share actually hit: one pod of one is 100%', () => {
    const p = policy({ maxPercentage: 50 });
    expect(blastRadiusRefusal({ mode: 'one' }, 1, p)).toBe('the fault would hit 1 of the 1 matching pod (mode one) = 100%, above policy.maxPercentage (50%)');
    expect(blastRadiusRefusal({ mode: 'one' }, 2, p)).toBeUndefined();
    expect(blastRadiusRefusal({ mode: 'fixed', value: '2' }, 3, p)).toMatch(/= 67%, above policy.maxPercentage \(50%\)/);
    expect(blastRadiusRefusal({ mode: 'fixed-percent', value: '10' }, 3, p)).toBeUndefined();
  });
  it('without limits nothing is refused', () => {
    expect(blastRadiusRefusal({ mode: 'all' }, 5000, policy())).toBeUndefined();
  });
});
