// Kubernetes label selector strings (`app=api,tier!=canary`, `env in (a,b)`, `!legacy`) parsed and
// checked with the API server's own key/value rules, so a typo fails here rather than selecting nothing.
import type { LabelExpression, LabelSelector } from './model.js';

/** DNS-1123 label, as Kubernetes wants for namespaces and object names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is invalid, or undefined when it is valid (`[prefix/]name`). */
export function labelKeyError(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `label key "${key}": prefix must be a DNS subdomain (lowercase letters, digits, "-", ".")`;
  if (name.length === 0 || name.length > 63 || !NAME.test(name))
    return `label key "${key}": name must be 1-63 letters, digits, "-", "_", "." starting and ending alphanumeric`;
  return undefined;
}

/** Why a label value is invalid, or undefined when it is valid (empty is allowed). */
export function labelValueError(value: string): string | undefined {
  if (value === '' || (value.length <= 63 && NAME.test(value))) return undefined;
  return `label value "${value}": must be at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric`;
}

/** Splits on commas that are not inside `( )`. */
function splitRequirements(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

type Requirement = { key: string; eq: string } | LabelExpression;

function parseRequirement(req: string): Requirement | string {
  let m = /^!\s*(\S+)$/.exec(req);
  if (m) return { key: m[1] ?? '', operator: 'DoesNotExist', values: [] };
  m = /^(\S+?)\s*(==|!=|=)\s*(\S*)$/.exec(req);
  if (m) {
    const [, key = '', op, value = ''] = m;
    const bad = labelKeyError(key) ?? labelValueError(value);
    if (bad) return bad;
    return op === '!=' ? { key, operator: 'NotIn', values: [value] } : { key, eq: value };
  }
  m = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(req);
  if (m) {
    const [, key = '', op, list = ''] = m;
    const values = list.split(',').map((v) => v.trim());
    if (values.length === 1 && values[0] === '') return `"${req}": the value list in ( ) is empty`;
    const bad = labelKeyError(key) ?? values.map(labelValueError).find((e) => e !== undefined);
    if (bad) return bad;
    return { key, operator: op === 'in' ? 'In' : 'NotIn', values };
  }
  if (/^\S+$/.test(req) && !/[=!<>()]/.test(req)) return labelKeyError(req) ?? { key: req, operator: 'Exists', values: [] };
  return `"${req}" is not a requirement (use key=value, key!=value, key in (a,b), key notin (a), key or !key)`;
}

/** Parses a selector string; returns the selector or a message saying what is wrong. */
export function parseLabelSelector(text: string): { selector: LabelSelector } | { error: string } {
  if (text.trim() === '') return { error: 'label selector is empty' };
  const selector: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  for (const req of splitRequirements(text)) {
    if (req === '') return { error: `label selector "${text}" has an empty requirement (stray comma?)` };
    const parsed = parseRequirement(req);
    if (typeof parsed === 'string') return { error: parsed };
    if ('eq' in parsed) {
      const prev = selector.matchLabels[parsed.key];
      if (prev !== undefined && prev !== parsed.eq)
        return { error: `label selector "${text}" requires ${parsed.key} to be both "${prev}" and "${parsed.eq}"` };
      selector.matchLabels[parsed.key] = parsed.eq;
    } else selector.matchExpressions.push(parsed);
  }
  return { selector };
}
