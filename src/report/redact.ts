// Secrets never reach a report: known secret values are masked, and credentials that look like
// credentials (Authorization headers, URL user:pass@, password=…) are masked even when unknown.
import type { RunJournal } from '../lifecycle/journal.js';

export const MASK = '***';
const MIN_SECRET_LENGTH = 4; // shorter values would mask ordinary words and digits

// Value classes stop at quotes, backslashes and markup so masking never breaks JSON, XML or HTML.
/** Header values after `Authorization:` / `Proxy-Authorization:`, in logs, JSON or curl-style text. */
const AUTH_HEADER = /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest|token|negotiate)\s+)?([^\s"'\\,;}<>&]+)/gi;
/** A bearer token quoted without its header name; 8+ chars so prose ("bearer token") survives. */
const BEARER = /\b(bearer)\s+([A-Za-z0-9\-._~+/]{8,}=*)/gi;
/** `scheme://user:pass@host` and `scheme://token@host`. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:"'\\<>&]+)(?::([^\s/?#@"'\\<>&]*))?@/gi;
/** `password=…`, `access_token=…` in query strings, env dumps and flags. */
const KEY_VALUE = /\b(password|passwd|pwd|secret|token|access_token|refresh_token|api[_-]?key|client_secret)=([^\s#"'\\,;<>&]+)/gi;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const known = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  for (const s of known) out = out.split(s).join(MASK);
  return out
    .replace(AUTH_HEADER, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ? `${scheme} ` : ''}${MASK}`)
    .replace(BEARER, (_m, word: string) => `${word} ${MASK}`)
    .replace(URL_USERINFO, (_m, scheme: string, user: string, pass: string | undefined) =>
      pass === undefined ? `${scheme}${MASK}@` : `${scheme}${user}:${MASK}@`,
    )
    .replace(KEY_VALUE, (_m, key: string) => `${key}=${MASK}`);
}

/** Every string inside a value (journal, object, array), redacted; the input is not modified. */
function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, secrets)]));
  }
  return value;
}

export function redactJournal(j: RunJournal, secrets: readonly string[] = []): RunJournal {
  return redactDeep(j, secrets);
}

/** The values of the named environment variables (those set and non-empty): what to mask. */
export function collectSecrets(env: Readonly<Record<string, string | undefined>>, names: readonly string[]): string[] {
  return names.map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v.length > 0);
}
