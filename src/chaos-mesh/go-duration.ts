// Duration formatting for rendered manifests and PromQL, until experiment/duration.ts is shared.
// Go's time.ParseDuration and Prometheus both accept compound forms such as `1h30m` and `1s500ms`.

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

function compound(ms: number): string {
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** A positive Go duration (`5m`, `1m30s`, `500ms`); throws on anything Chaos Mesh would treat as "forever". */
export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms) || Math.round(ms) <= 0) throw new RangeError(`duration must be a positive number of milliseconds, got ${ms}`);
  return compound(ms);
}

/** A PromQL range/offset duration (`5m`, `1m30s`); `0s` for zero. */
export function toPromDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`duration must be a non-negative number of milliseconds, got ${ms}`);
  return compound(ms) || '0s';
}
