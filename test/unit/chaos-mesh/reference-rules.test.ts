// The rule checker used on rendered output must itself catch the mistakes it exists for.
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

  it('flags each admission mistake', () => {
    const cases: Array<[ChaosObject, RegExp]> = [
      [networkChaos({ mode: 'fixed-percent', value: 10 }), /not a string/],
      [networkChaos({ mode: 'fixed-percent', value: '150' }), /out of range/],
      [networkChaos({ duration: '' }), /bad duration/],
      [networkChaos({ delay: { latency: '1m30s' } }), /latency pattern/],
      [networkChaos({ direction: 'both', externalTargets: ['1.2.3.4'] }), /with externalTargets/],
      [networkChaos({ externalTargets: [] }), /empty externalTargets/],
      [networkChaos({ action: 'loss', delay: undefined, loss: { loss: '120' } }), /not a percentage/],
      [networkChaos({}, { status: {} }), /status present/],
      [{ ...networkChaos({}), kind: 'PodChaos', spec: { action: 'container-kill', mode: 'all', selector: { namespaces: ['ns'] }, duration: '1m' } }, /containerNames/],
    ];
    for (const [obj, problem] of cases) expect(referenceViolations(obj).join('; ')).toMatch(problem);
  });

  it('the CRD validator rejects an unquoted value and unknown fields', () => {
    const errors = validateAgainstCrd(networkChaos({ mode: 'fixed', value: 1, typo: true }) as unknown as Record<string, unknown>);
    expect(errors.join('; ')).toMatch(/value/);
    expect(errors.join('; ')).toMatch(/typo/);
  });
});
