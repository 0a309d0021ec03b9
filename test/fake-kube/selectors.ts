// Kubernetes label and field selector syntax (as in apimachinery labels.Parse / fields.ParseSelector).
import { badRequest } from './status.js';
import type { ResourceType } from './resources.js';
import type { KObj } from './store.js';

export interface Requirement {
  key: string;
  op: 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
  values: string[];
}

export type Labels = Record<string, string>;

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function isValidLabelValue(v: string): boolean {
  return v.length <= 63 && LABEL_VALUE.test(v);
}

export function isValidLabelKey(k: string): boolean {
  const slash = k.indexOf('/');
  const name = slash >= 0 ? k.slice(slash + 1) : k;
  const prefix = slash >= 0 ? k.slice(0, slash) : undefined;
  if (prefix !== undefined && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

function fail(detail: string): never {
  throw badRequest(`unable to parse requirement: ${detail}`);
}

/** Splits on commas that are not inside parentheses. */
function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

function checkKey(key: string): string {
  if (!isValidLabelKey(key)) fail(`invalid label key "${key}"`);
  return key;
}

function checkValue(v: string): string {
  if (!isValidLabelValue(v)) fail(`invalid label value: "${v}"`);
  return v;
}

export function parseLabelSelector(input: string | undefined): Requirement[] {
  if (input === undefined || input.trim() === '') return [];
  return splitTop(input).map((raw) => {
    const part = raw.trim();
    let m = /^!\s*(\S+)$/.exec(part);
    if (m) return { key: checkKey(m[1]!), op: '!', values: [] };
    m = /^([^\s=!<>(),]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      const values = m[3]!.split(',').map((v) => checkValue(v.trim()));
      return { key: checkKey(m[1]!), op: m[2] as 'in' | 'notin', values };
    }
    m = /^([^\s=!<>(),]+)\s*(==|=|!=|>|<)\s*([^\s=!<>(),]*)$/.exec(part);
    if (m) {
      const op = m[2] === '==' || m[2] === '=' ? '=' : m[2] === '!=' ? '!=' : m[2] === '>' ? 'gt' : 'lt';
      if ((op === 'gt' || op === 'lt') && !/^-?\d+$/.test(m[3]!)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
      return { key: checkKey(m[1]!), op, values: [checkValue(m[3]!)] };
    }
    if (/^[^\s=!<>(),]+$/.test(part)) return { key: checkKey(part), op: 'exists', values: [] };
    return fail(`found '${part}', expected: identifier, '!', 'in', 'notin', '=', '==', '!=', '>' or '<'`);
  });
}

export function matchesRequirements(labels: Labels | undefined, reqs: Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case '=':
        return has && v === r.values[0];
      case '!=':
        return !has || v !== r.values[0];
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'gt':
        return has && /^-?\d+$/.test(v!) && Number(v) > Number(r.values[0]);
      case 'lt':
        return has && /^-?\d+$/.test(v!) && Number(v) < Number(r.values[0]);
    }
  });
}

export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

/** Splits on an unescaped separator; field selector values escape `\`, `,` and `=`. */
function splitEscaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
    } else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const unescape = (v: string): string => v.replace(/\\(.)/g, '$1');

export function parseFieldSelector(input: string | undefined, type: ResourceType): FieldRequirement[] {
  if (input === undefined || input.trim() === '') return [];
  const allowed = ['metadata.name', 'metadata.namespace', ...(type.fieldLabels ?? [])];
  return splitEscaped(input, ',').map((part) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) throw badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    const field = m[1]!.trim();
    if (!allowed.includes(field)) {
      throw badRequest(
        type.chaos
          ? `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`
          : `field label not supported: ${field}`,
      );
    }
    return { field, negate: m[2] === '!=', value: unescape(m[3]!) };
  });
}

function fieldValue(obj: KObj, path: string): string {
  if (path === 'source') return String(obj.source?.component ?? '');
  let cur: any = obj;
  for (const seg of path.split('.')) cur = cur?.[seg];
  return cur === undefined || cur === null ? '' : String(cur);
}

export function matchesFields(obj: KObj, reqs: FieldRequirement[]): boolean {
  return reqs.every((r) => (fieldValue(obj, r.field) === r.value) !== r.negate);
}

export interface ObjectFilter {
  namespace?: string;
  labels: Requirement[];
  fields: FieldRequirement[];
}

export function matchesFilter(obj: KObj, f: ObjectFilter): boolean {
  if (f.namespace !== undefined && obj.metadata.namespace !== f.namespace) return false;
  return matchesRequirements(obj.metadata.labels, f.labels) && matchesFields(obj, f.fields);
}
