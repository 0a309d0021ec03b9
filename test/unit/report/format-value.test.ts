import { describe, expect, it } from 'vitest';
import { exitMeaning, formatDuration, formatNumber, formatValue } from '../../../src/report/format-value.js';

describe('formatValue', () => {
  it.each([
    [0.612, 'seconds', '612ms'],
    [0.0005, 'seconds', '0.5ms'],
    [4.2, 'seconds', '4.2s'],
    [125, 'seconds', '2m5s'],
    [0.034, 'ratio', '3.4%'],
    [0.0001, 'ratio', '0.01%'],
    [1, 'bool', 'true'],
    [0, 'bool', 'false'],
    [268_435_456, 'bytes', '256MiB'],
    [0.0341234, undefined, '0.03412'],
    [12, undefined, '12'],
  ])('%s in %s is %s', (v, unit, shown) => {
    expect(formatValue(v, unit)).toBe(shown);
  });

  it('shows a missing value as a dash, never as 0', () => {
    expect(formatValue(undefined, 'seconds')).toBe('—');
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850ms'],
    [4_200, '4.2s'],
    [90_000, '1m30s'],
    [300_000, '5m'],
    [7_500_000, '2h5m'],
    [-30_000, '-30s'],
  ])('%d ms is %s', (ms, shown) => {
    expect(formatDuration(ms)).toBe(shown);
  });
});

describe('formatNumber and exitMeaning', () => {
  it('keeps big numbers readable without exponents', () => {
    expect(formatNumber(123456.789)).toBe('123456.8');
  });

  it('explains every documented exit code', () => {
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 70, 130]) expect(exitMeaning(code)).not.toBe('unknown exit code');
    expect(exitMeaning(42)).toBe('unknown exit code');
  });
});
