import { describe, expect, it } from 'vitest';
import { newRunId } from '../../../src/lifecycle/run-id.js';

const DNS_SAFE = /^[a-z][a-z0-9]{7}$/;

describe('newRunId', () => {
  it('is 8 DNS-1123 characters starting with a letter', () => {
    for (let i = 0; i < 200; i++) expect(newRunId()).toMatch(DNS_SAFE);
  });

  it('stays valid at the extremes of the random source', () => {
    expect(newRunId(() => 0)).toBe('aaaaaaaa');
    expect(newRunId(() => 0.999999)).toBe('z9999999');
    expect(newRunId(() => 1)).toMatch(DNS_SAFE);
  });

  it('is determined by the random source', () => {
    const seq = (seed: number) => {
      let x = seed;
      return () => ((x = (x * 16807) % 2147483647) / 2147483647);
    };
    expect(newRunId(seq(7))).toBe(newRunId(seq(7)));
    expect(newRunId(seq(7))).not.toBe(newRunId(seq(8)));
  });
});
