import { describe, expect, it } from 'vitest';
import { formatGoDuration, toPromDuration } from '../../../src/chaos-mesh/go-duration.js';

describe('duration formatting', () => {
  it('formats compound Go durations without zero units', () => {
    const cases: Array<[number, string]> = [
      [500, '500ms'],
      [30_000, '30s'],
      [300_000, '5m'],
      [90_000, '1m30s'],
      [3_600_000, '1h'],
      [5_400_500, '1h30m500ms'],
    ];
    for (const [ms, text] of cases) expect(formatGoDuration(ms)).toBe(text);
  });

  it('rejects zero, negative and non-finite durations for manifests', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => formatGoDuration(bad)).toThrow(RangeError);
  });

  it('PromQL durations: same compact form, 0s for zero', () => {
    expect(toPromDuration(120_000)).toBe('2m');
    expect(toPromDuration(61_000)).toBe('1m1s');
    expect(toPromDuration(0)).toBe('0s');
    expect(() => toPromDuration(-5)).toThrow(RangeError);
  });
});
