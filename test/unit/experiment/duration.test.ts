import { describe, expect, it } from 'vitest';
import { formatGoDuration, formatLatency, parseDuration, parseSignedDuration, toPromDuration } from '../../../src/experiment/duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['1h30m', 5_400_000],
    ['250us', 0.25],
    ['100ns', 0.0001],
    [' 2m ', 120_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', '5 minutes', '1d', '-5s', 'ms', '1.s', '5m 30s', '1e3s'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());

  it('accepts a sign only through parseSignedDuration', () => {
    expect(parseSignedDuration('-10m')).toBe(-600_000);
    expect(parseSignedDuration('+1h')).toBe(3_600_000);
    expect(parseSignedDuration('30s')).toBe(30_000);
    expect(parseSignedDuration('--1s')).toBeUndefined();
  });
});

describe('formatGoDuration (spec.duration)', () => {
  it.each([
    [300_000, '5m'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_430_000, '1h30m30s'],
    [500, '500ms'],
    [1500, '1.5s'],
    [0, '0s'],
    [-600_000, '-10m'],
  ])('%d ms → %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));

  it('round-trips through parseDuration', () => {
    for (const ms of [1, 999, 1000, 61_500, 7_260_000]) expect(parseDuration(formatGoDuration(ms))).toBe(ms);
  });

  it('long and nanosecond-precise windows stay exact decimals Go can parse (no 1e-7, no rounding noise)', () => {
    expect(parseDuration('537670h')).toBe(1_935_612_000_000);
    expect(formatGoDuration(parseDuration('537670h')!)).toBe('537670h');
    expect(formatGoDuration(parseDuration('1h100ns')!)).toBe('1h0.0000001s');
    // At this size a double holds ~0.5 µs: still within Go's limit (2562047h47m16.854775807s).
    expect(formatGoDuration(parseDuration('2562047h47m16.854775s')!)).toMatch(/^2562047h47m16\.85477[0-7][0-9]*s$/);
    for (const text of ['1h100ns', '749372h', '3m0.5us']) expect(formatGoDuration(parseDuration(text)!)).toMatch(/^([0-9]+(\.[0-9]+)?(h|m|s|ms|us|ns))+$/);
  });
});

describe('formatLatency (NetworkChaos latency/jitter: one unit)', () => {
  const CRD_PATTERN = /^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$/;
  it.each([
    [90_000, '90s'],
    [500, '500ms'],
    [1500, '1500ms'],
    [120_000, '2m'],
    [7_200_000, '2h'],
    [0.5, '500us'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
    expect(formatLatency(ms)).toMatch(CRD_PATTERN);
  });

  it('turns the seed-style 1m30s into a single unit the CRD accepts', () => {
    expect(formatLatency(parseDuration('1m30s') ?? NaN)).toBe('90s');
  });
});

describe('toPromDuration ({{window}})', () => {
  it.each([
    [300_000, '5m'],
    [90_000, '1m30s'],
    [1500, '1s500ms'],
    [3_600_000, '1h'],
    [0.4, '1ms'],
  ])('%d ms → %s', (ms, text) => expect(toPromDuration(ms)).toBe(text));
});
