// Thresholds as people write them (`600ms`, `5s`, `1%`, `0.01`, `256MB`) → numbers in base units
// (seconds, ratio, bytes) so they compare directly with Prometheus values.
import { parseDuration } from '../experiment/duration.js';

export type QuantityUnit = 'seconds' | 'ratio' | 'bytes' | 'bool';

export interface Quantity {
  value: number;
  unit?: QuantityUnit | undefined;
  /** As written, for labels and reports. */
  display: string;
}

const BYTES: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15,
  KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, PiB: 2 ** 50,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50,
};
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a threshold; undefined when it is not a number, duration, percentage, size or boolean. */
export function parseQuantity(input: string | number | boolean): Quantity | undefined {
  if (typeof input === 'boolean') return { value: input ? 1 : 0, unit: 'bool', display: String(input) };
  if (typeof input === 'number') return Number.isFinite(input) ? { value: input, display: String(input) } : undefined;
  const text = input.trim();
  if (text === 'true' || text === 'false') return parseQuantity(text === 'true');
  if (NUMBER.test(text)) return { value: Number(text), display: text };
  const percent = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/.exec(text);
  if (percent) return { value: Number(percent[1]) / 100, unit: 'ratio', display: text };
  const bytes = /^(\d+(?:\.\d+)?)\s*([KMGTP]i?B?|B)$/.exec(text);
  const factor = bytes ? BYTES[bytes[2] ?? ''] : undefined;
  if (bytes && factor !== undefined) return { value: Number(bytes[1]) * factor, unit: 'bytes', display: text };
  const ms = parseDuration(text);
  if (ms !== undefined) return { value: ms / 1000, unit: 'seconds', display: text };
  return undefined;
}

const UNIT_NAMES: Record<QuantityUnit, string> = { seconds: 'a duration', ratio: 'a ratio', bytes: 'a size in bytes', bool: 'true/false' };

/** Why a threshold does not fit the metric's unit, or undefined when it does (a bare number always fits). */
export function unitMismatch(metric: string, metricUnit: QuantityUnit | undefined, q: Quantity): string | undefined {
  if (!metricUnit || !q.unit || q.unit === metricUnit) return undefined;
  if (metricUnit === 'bool' || q.unit === 'bool') return undefined;
  return `${metric} is ${UNIT_NAMES[metricUnit]} but ${q.display} is ${UNIT_NAMES[q.unit]}`;
}
