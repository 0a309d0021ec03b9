import { describe, expect, it } from 'vitest';
import { parseQuantity, unitMismatch } from '../../../src/criteria/units.js';

describe('parseQuantity', () => {
  it.each([
    ['0.01', 0.01, undefined],
    ['-3', -3, undefined],
    ['1e-3', 0.001, undefined],
    ['600ms', 0.6, 'seconds'],
    ['5s', 5, 'seconds'],
    ['1m30s', 90, 'seconds'],
    ['1%', 0.01, 'ratio'],
    ['99.9%', 0.999, 'ratio'],
    ['256MB', 256e6, 'bytes'],
    ['1GiB', 2 ** 30, 'bytes'],
    ['512Mi', 512 * 2 ** 20, 'bytes'],
    ['true', 1, 'bool'],
    ['false', 0, 'bool'],
  ] as const)('%s → %d %s', (text, value, unit) => {
    const q = parseQuantity(text);
    expect(q?.value).toBeCloseTo(value, 12);
    expect(q?.unit).toBe(unit);
    expect(q?.display).toBe(text);
  });

  it('takes YAML numbers and booleans as they are', () => {
    expect(parseQuantity(0.5)).toEqual({ value: 0.5, display: '0.5' });
    expect(parseQuantity(true)).toEqual({ value: 1, unit: 'bool', display: 'true' });
  });

  it.each(['', 'fast', '5 minutes', '10%%', '5M', '1d', 'NaN'])('rejects %j', (text) => expect(parseQuantity(text)).toBeUndefined());
});

describe('unitMismatch', () => {
  const q = (text: string) => parseQuantity(text) ?? { value: NaN, display: text };
  it('a bare number fits any unit; a unit must match the metric', () => {
    expect(unitMismatch('p95_latency', 'seconds', q('0.6'))).toBeUndefined();
    expect(unitMismatch('p95_latency', 'seconds', q('600ms'))).toBeUndefined();
    expect(unitMismatch('p95_latency', 'seconds', q('1%'))).toBe('p95_latency is a duration but 1% is a ratio');
    expect(unitMismatch('error_rate', 'ratio', q('5s'))).toBe('error_rate is a ratio but 5s is a duration');
    expect(unitMismatch('memory', 'bytes', q('1GiB'))).toBeUndefined();
    expect(unitMismatch('anything', undefined, q('5s'))).toBeUndefined();
  });
});
