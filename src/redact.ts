// The one redactor (SPEC §7: secrets never reach any output). Hook output, Prometheus errors, stdout,
// stderr and every report go through these rules. A leaf: it imports nothing, so any layer may use it.
//
// Two kinds of masking:
// - known secrets: values the config names (bearer token, basic-auth password, sensitive header values)
//   and the values of environment variables whose names look secret (process env, hook env);
// - credential shapes, masked even when nobody said they were secret: Authorization headers,
//   `bearer <token>`, URL user:password@, `password=…` / `API_TOKEN=…`.
// Value classes stop at quotes, backslashes and markup, so masking never breaks JSON, XML or HTML.

export const MASK = '***';

/**
 * Values shorter than this are never masked as literals: `true`, `none`, `1234`, `false` occur innocently
 * in reports and would be mangled wherever they appear (a criterion `x: true`, a count, a word), and a
 * secret that short is guessable anyway. Credential shapes are masked whatever their length.
 */
export const MIN_SECRET_LENGTH = 6;

/** Environment variable names whose values are treated as secrets. */
export const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH/i;

/** Header names whose values are secrets. */
export const SECRET_HEADER = /auth|token|key|secret|password|cookie|session/i;

/** `Authorization: <scheme> value` / `Proxy-Authorization=…`, in logs, JSON or curl-style text. */
const AUTH_HEADER = /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest|token|negotiate)\s+)?([^\s"'\\,;}<>&]+)/gi;
/** A bearer/basic credential quoted without its header name; 8+ chars so prose ("bearer token") survives. */
const SCHEME_TOKEN = /\b(bearer|basic)\s+([A-Za-z0-9\-._~+/]{8,}=*)/gi;
/** `scheme://user:pass@host` and `scheme://token@host`. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:"'\\<>&]+)(?::([^\s/?#@"'\\<>&]*))?@/gi;
/** `password=…`, `--api-key=…`, `access_token=…`, `API_TOKEN=…` in query strings, env dumps and flags. */
const KEY_VALUE = /\b([A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)[A-Za-z0-9_]*=["']?)([^\s#"'\\,;<>&]+)/gi;
/** `token: …` / `password: …` (YAML, logs): only token-like values of 8+ chars, so `tokens_valid: true` survives. */
const KEY_COLON = /\b([A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_]*:[ \t]*)([A-Za-z0-9\-._~+/]{8,}=*)/gi;

export type Redactor = (text: string) => string;

/** The values of secret-looking variables in each env (the redactor ignores those shorter than MIN_SECRET_LENGTH). */
export function secretsInEnv(envs: readonly Readonly<Record<string, string | undefined>>[]): string[] {
  const out: string[] = [];
  for (const env of envs) {
    for (const [name, value] of Object.entries(env)) if (value !== undefined && SECRET_NAME.test(name)) out.push(value);
  }
  return out;
}

/** A sensitive header's value and, for `Bearer xyz`, the bare token too. */
export function headerSecrets(headers: Readonly<Record<string, string>>): string[] {
  return Object.entries(headers).flatMap(([name, value]) => (SECRET_HEADER.test(name) ? [value, value.split(' ').at(-1) ?? value] : []));
}

/**
 * One redactor for a set of known secrets (longest first, so a secret containing another goes whole).
 * `shapes: false` masks the known secrets only: for product output on stdout (manifests, schemas) whose
 * text must stay exactly as rendered; reports on stdout are redacted in full by their formatters.
 */
export function makeRedactor(secrets: readonly string[] = [], opts: { shapes?: boolean } = {}): Redactor {
  const literals = [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of literals) if (out.includes(s)) out = out.split(s).join(MASK);
    if (opts.shapes === false) return out;
    return out
      .replace(AUTH_HEADER, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ? `${scheme} ` : ''}${MASK}`)
      .replace(SCHEME_TOKEN, (_m, word: string) => `${word} ${MASK}`)
      .replace(URL_USERINFO, (_m, scheme: string, user: string, pass: string | undefined) => (pass === undefined ? `${scheme}${MASK}@` : `${scheme}${user}:${MASK}@`))
      .replace(KEY_VALUE, (_m, key: string) => `${key}${MASK}`)
      .replace(KEY_COLON, (_m, key: string) => `${key}${MASK}`);
  };
}

export function redact(text: string, secrets: readonly string[] = []): string {
  return makeRedactor(secrets)(text);
}

/** Every string inside a value (journal, object, array), redacted; the input is not modified. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  const r = makeRedactor(secrets);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return r(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
