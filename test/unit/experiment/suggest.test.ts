import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../../src/experiment/suggest.js';

describe('suggestions', () => {
  it('measures edits', () => {
    expect(editDistance('percentage', 'percentage')).toBe(0);
    expect(editDistance('percentag', 'percentage')).toBe(1);
    expect(editDistance('latncy', 'latency')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests the closest plausible candidate, ignoring case', () => {
    expect(closest('percentag', ['percentage', 'count', 'service'])).toBe('percentage');
    expect(closest('Service', ['namespace', 'service'])).toBe('service');
    expect(closest('label-selector', ['label_selector', 'service'])).toBe('label_selector');
    expect(closest('error_rat', ['error_rate', 'p95_latency'])).toBe('error_rate');
  });

  it('stays silent when nothing is close', () => {
    expect(closest('banana', ['percentage', 'count'])).toBeUndefined();
    expect(didYouMean('zzz', ['latency'])).toBe('');
    expect(didYouMean('latncy', ['latency', 'bandwidth'])).toBe(' (did you mean "latency"?)');
  });
});
