// The rule checker used on rendered output must itself catch the mistakes it exists for.
// (What Chaos Mesh's webhook rejects is judged by its own code: test/oracle/oracle-self.test.ts.)
import { describe, expect, it } from 'vitest';
import type { ChaosObject } from '../../../src/chaos-mesh/types.js';
import { validateAgainstCrd } from '../../support/crd-validator.js';
import { referenceViolations } from './reference-rules.js';

function networkChaos(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): ChaosObject {
  return {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'NetworkChaos',
    metadata: { name: 'x-abcdefgh', namespace: 'ns', labels: {}, annotations: {} },
    spec: { action: 'delay', mode: 'all', selector: { namespaces: ['ns'] }, delay: { latency: '1s' }, duration: '1m', ...spec },
    ...extra,
  } as ChaosObject;
}

describe('referenceViolations', () => {
  it('accepts a well-formed object', () => {
    expect(referenceViolations(networkChaos({}))).toEqual([]);
  });

  it('flags each mistake Chaos Mesh\'s webhook lets through', () => {
    const cases: Array<[ChaosObject, RegExp]> = [
      [networkChaos({ duration: '' }), /bad duration/],
      [networkChaos({ duration: '0s' }), /bad duration/],
      [networkChaos({ selector: { labelSelectors: { app: 'api' } } }), /namespaces not explicit/],
      [networkChaos({ target: { mode: 'all', selector: {} } }), /spec\.target\.selector\.namespaces not explicit/],
      [networkChaos({ externalTargets: [] }), /empty externalTargets/],
      [networkChaos({ action: 'loss', delay: undefined, loss: { loss: '120' } }), /not a percentage/],
      [networkChaos({}, { status: {} }), /status present/],
      [{ ...networkChaos({}), kind: 'StressChaos', spec: { mode: 'all', selector: { namespaces: ['ns'] }, stressors: { cpu: { workers: 0 } }, duration: '1m' } }, /workers < 1/],
    ];
    for (const [obj, problem] of cases) expect(referenceViolations(obj).join('; ')).toMatch(problem);
  });

  it('the CRD validator rejects an unquoted value and unknown fields', () => {
    const errors = validateAgainstCrd(networkChaos({ mode: 'fixed', value: 1, typo: true }) as unknown as Record<string, unknown>);
    expect(errors.join('; ')).toMatch(/value/);
    expect(errors.join('; ')).toMatch(/typo/);
  });
});
