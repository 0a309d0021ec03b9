// Turns zod issues into located Problems with short messages and "did you mean" for unknown keys.
import type { z } from 'zod';
import { closest, didYouMean } from '../suggest.js';
import type { KeyedProblem, Path } from '../problems.js';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

const SECRET_KEY = /password|passwd|secret|token/i;
const KNOWN_KEYS_PREFIX = 'known-keys:';

/** Per-parse error map: the fallback for schemas that carry no message of their own. */
function errorMap(iss: RawIssue): string | undefined {
  switch (iss.code) {
    case 'unrecognized_keys': {
      // The schema is only reachable here: carry its keys to toProblems through the message.
      const shape = (iss.inst as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      return KNOWN_KEYS_PREFIX + Object.keys(shape).join('\n');
    }
    case 'invalid_union':
      if (iss.input === undefined) return `missing required key "${String(iss.path?.at(-1) ?? '')}"`;
      return 'errors' in iss && iss.errors.length > 0 ? `expected ${expectedOfBranches(iss.errors)}` : undefined;
    case 'invalid_type':
      if (iss.input === undefined) return `missing required key "${String(iss.path?.at(-1) ?? '')}"`;
      return `expected ${article(iss.expected)}, got ${describe(iss.input)}`;
    case 'invalid_value': {
      const allowed = iss.values.map((v) => String(v));
      const hint = typeof iss.input === 'string' ? didYouMean(iss.input, allowed) : '';
      return `${describe(iss.input)} is not allowed${hint}; one of: ${allowed.join(', ')}`;
    }
    case 'too_small':
      return iss.origin === 'array' ? `must list at least ${String(iss.minimum)}` : `must be ≥ ${String(iss.minimum)}`;
    case 'too_big':
      return iss.origin === 'array' ? `must list at most ${String(iss.maximum)}` : `must be ≤ ${String(iss.maximum)}`;
    default:
      return undefined;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = { int: 'an integer', array: 'a list', object: 'a mapping', record: 'a mapping' };
  return names[expected] ?? (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return v.length <= 40 ? JSON.stringify(v) : 'a long string';
  return `${typeof v} ${String(v)}`;
}

/** Validates `value` against `schema`; problems are located under `base`. */
export function zodProblems(schema: z.ZodType, value: unknown, base: Path): KeyedProblem[] {
  const result = schema.safeParse(value, { error: errorMap, reportInput: true });
  if (result.success) return [];
  const problems = result.error.issues.flatMap((i) => toProblems(i, base));
  // `percentag: 10` is one mistake: report the typo, not also "missing required key percentage".
  const typos = new Set(problems.filter((p) => p.meant).map((p) => siblingKey(p.path, p.meant)));
  return problems.filter((p) => !p.missing || !typos.has(siblingKey(p.path, p.missing)));
}

function siblingKey(path: Path, key: string | undefined): string {
  return JSON.stringify([...path.slice(0, -1), key]);
}

function toProblems(issue: Issue, base: Path): KeyedProblem[] {
  const path = [...base, ...(issue.path as Path)];
  if (issue.code === 'unrecognized_keys') {
    const known = issue.message.startsWith(KNOWN_KEYS_PREFIX) ? issue.message.slice(KNOWN_KEYS_PREFIX.length).split('\n') : [];
    return issue.keys.map((key) => ({ path: [...path, key], at: 'key' as const, ...unknownKey(key, known) }));
  }
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && 'input' in issue && issue.input === undefined)
    return [{ path, message: issue.message, missing: String(path.at(-1)) }];
  if (issue.code === 'invalid_key') return [{ path, at: 'key', message: issue.issues[0]?.message ?? issue.message }];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = bestBranch(issue.errors);
    if (branch) return branch.flatMap((i) => toProblems(i, path));
  }
  return [{ path, message: issue.message }];
}

function unknownKey(key: string, known: string[]): { message: string; meant?: string | undefined } {
  if (key === 'status') return { message: '"status" is not allowed: Chaos Mesh owns status, and a manifest must never carry it' };
  if (SECRET_KEY.test(key) && !known.includes(key)) {
    const envForm = known.find((k) => k.endsWith('Env') && k.toLowerCase().includes(key.toLowerCase()));
    const fix = envForm ? `use ${envForm}: <ENV_VAR_NAME>` : 'name an environment variable that holds it';
    return { message: `"${key}": secrets never live in this file; ${fix}`, meant: envForm };
  }
  const meant = closest(key, known);
  return meant ? { message: `unknown key "${key}" (did you mean "${meant}"?)`, meant } : { message: `unknown key "${key}"; allowed: ${known.join(', ')}` };
}

/** The union branch the input was evidently meant for: not rejected for its type at the root, fewest issues. */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  const plausible = branches.filter((b) => !b.some((i) => i.path.length === 0 && wrongKind(i)));
  return plausible.sort((a, b) => a.length - b.length)[0];
}

/** A type mismatch: a number offered to a string branch, or `true` to a `"any"` literal. */
function wrongKind(i: Issue): boolean {
  if (i.code === 'invalid_type') return true;
  return i.code === 'invalid_value' && i.values.length > 0 && i.values.every((v) => typeof v !== typeof i.input);
}

function expectedOfBranches(branches: Issue[][]): string {
  const kinds = branches.flatMap((b) => b.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => article((i as { expected: string }).expected)));
  const unique = [...new Set(kinds)];
  return unique.length <= 1 ? (unique[0] ?? 'another value') : `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}
