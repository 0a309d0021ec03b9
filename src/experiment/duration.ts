// Durations as people write them (`500ms`, `1m30s`, `1.5s`) ↔ milliseconds ↔ the forms Chaos Mesh
// (Go time.ParseDuration, single-unit latency) and Prometheus (integer units) accept.

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Go-style duration without sign: one or more `<number><unit>` parts. */
export const DURATION_PATTERN = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+$';
const PART = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|μs|ms|s|m|h)/gy;
const WHOLE = new RegExp(DURATION_PATTERN);

/** `1m30s` → 90000; undefined when the text is not a duration. */
export function parseDuration(s: string): number | undefined {
  const text = s.trim();
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  PART.lastIndex = 0;
  for (let m = PART.exec(text); m; m = PART.exec(text)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? NaN);
  return Number.isFinite(total) ? round(total) : undefined;
}

/** Like parseDuration, with an optional leading `+` or `-` (TimeChaos timeOffset). */
export function parseSignedDuration(s: string): number | undefined {
  const text = s.trim();
  const sign = text.startsWith('-') ? -1 : 1;
  const ms = parseDuration(/^[+-]/.test(text) ? text.slice(1) : text);
  return ms === undefined ? undefined : sign * ms;
}

/** Compact Go duration for `spec.duration`: 90000 → `1m30s`, 500 → `500ms`, 3600000 → `1h`. */
export function formatGoDuration(ms: number): string {
  if (ms < 0) return `-${formatGoDuration(-ms)}`;
  if (ms === 0) return '0s';
  if (ms < 1000) return formatLatency(ms);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = round((ms % 60_000) / 1000);
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${decimal(s)}s` : ''}`;
}

/** Single-unit form matching `^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$` (NetworkChaos latency/jitter): 90000 → `90s`. */
export function formatLatency(ms: number): string {
  const units: [string, number][] = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1], ['us', 1e-3]];
  for (const [unit, size] of units) {
    const n = round(ms / size);
    if (Number.isInteger(n) && n !== 0) return `${n}${unit}`;
  }
  return ms === 0 ? '0ms' : `${round(ms * 1e6)}ns`;
}

/** Prometheus range duration (integer units only): 90000 → `1m30s`, 1500 → `1s500ms`. */
export function toPromDuration(ms: number): string {
  let rest = Math.max(1, Math.ceil(ms));
  let out = '';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** Drops binary floating-point noise (0.1 + 0.2) without losing nanosecond precision. */
function round(n: number): number {
  // Not Math.round(n * 1e9) / 1e9: past 2^53 / 1e9 that adds noise of its own (537670h → …0.0002 ms).
  return Number(n.toFixed(9));
}

/** Plain decimal text: Go's ParseDuration reads `0.0000001s` but not JavaScript's `1e-7s`. */
function decimal(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(9).replace(/0+$/, '');
}
