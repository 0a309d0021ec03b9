// Reusable zod field schemas with short, specific messages (what is wrong, what is allowed).
import { z } from 'zod';
import { DURATION_PATTERN } from '../duration.js';
import { DNS1123_LABEL } from '../selector.js';

// Interpreted parsing: zod's generated fast path (new Function) cannot use the code cache and costs more to
// compile than it saves on a CLI's few hundred objects.
z.config({ jitless: true });

/** A type error message, except for a missing key, which the shared error map words ("missing required key"). */
export const orMissing = (message: string) => ({
  error: (iss: { input?: unknown }) => (iss.input === undefined ? undefined : message),
});

const DURATION_MSG = 'must be a duration like 500ms, 30s, 5m or 1m30s';
const SIGNED_DURATION_MSG = 'must be a signed duration like -10m, 30s or +1h';

export const duration = () =>
  z.string(orMissing(DURATION_MSG)).regex(new RegExp(DURATION_PATTERN), DURATION_MSG).meta({ examples: ['500ms', '30s', '5m'] });

export const signedDuration = () =>
  z.string(orMissing(SIGNED_DURATION_MSG)).regex(new RegExp(`^[+-]?${DURATION_PATTERN.slice(1)}`), SIGNED_DURATION_MSG);

/** Share of pods: Chaos Mesh parses it with strconv.Atoi, so an integer 1–100 and no `%`. */
export const podPercent = () => {
  const msg = 'must be an integer from 1 to 100 (no %)';
  return z.number(orMissing(msg)).int(msg).min(1, msg).max(100, msg);
};

/** netem probability (loss, corrupt, duplicate): a number in (0, 100], no `%`. */
export const netemPercent = () => {
  const msg = 'must be a number above 0 and at most 100 (no %)';
  return z.number(orMissing(msg)).gt(0, msg).max(100, msg);
};

export const correlation = () => {
  const msg = 'must be a number from 0 to 100 (no %)';
  return z.number(orMissing(msg)).min(0, msg).max(100, msg);
};

export const intRange = (min: number, max?: number) => {
  const msg = max === undefined ? `must be an integer ≥ ${min}` : `must be an integer from ${min} to ${max}`;
  const base = z.number(orMissing(msg)).int(msg).min(min, msg);
  return max === undefined ? base : base.max(max, msg);
};

export const nonEmpty = (what = 'a non-empty string') => z.string(orMissing(`must be ${what}`)).min(1, `must be ${what}`);

export const stringList = (what: string) =>
  z.array(nonEmpty(), orMissing(`must be a list of ${what}`)).min(1, `must list at least one ${what.replace(/s$/, '')}`);

export const dnsLabel = (max: number, why: string) => {
  const msg = 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
  return z.string(orMissing(msg)).regex(DNS1123_LABEL, msg).max(max, `must be at most ${max} characters${why}`);
};
