// Masks secrets in hook output and commands before they reach stderr, the journal or a report.
// Load generators print tokens (`Authorization: Bearer …`, `-e API_TOKEN=…`) more often than one hopes.

const MASK = '***';
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH/i;
/** Shorter values are too likely to occur innocently (`1`, `true`) to be masked everywhere. */
const MIN_SECRET_LENGTH = 6;

const PATTERNS: readonly [RegExp, string][] = [
  [/\b(authorization\s*[:=]\s*)\S.*$/gim, `$1${MASK}`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${MASK}`],
  [/\b([A-Za-z0-9_]*(?:password|passwd|token|secret|api[_-]?key)[A-Za-z0-9_]*\s*[=:]\s*)("?)[^\s"&,;]+/gi, `$1$2${MASK}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${MASK}@`],
];

export type Redactor = (text: string) => string;

/**
 * Builds a redactor from the values of secret-looking variables in `envs` (the hook's env and the
 * process env) plus any values the caller knows are secret, and from common credential patterns.
 */
export function makeRedactor(
  envs: readonly Record<string, string | undefined>[],
  extraSecrets: readonly string[] = [],
): Redactor {
  const values = new Set<string>(extraSecrets.filter((s) => s.length > 0));
  for (const env of envs) {
    for (const [name, value] of Object.entries(env)) {
      if (value !== undefined && value.length >= MIN_SECRET_LENGTH && SECRET_NAME.test(name)) values.add(value);
    }
  }
  // Longest first, so a secret containing another is masked whole.
  const literals = [...values].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const s of literals) out = out.split(s).join(MASK);
    for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
    return out;
  };
}
