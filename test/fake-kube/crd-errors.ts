// Turns validateAgainstCrd() findings into what the apiserver answers: unknown fields (strict decoding /
// "field not declared in schema") apart from schema violations (422 Invalid with causes).
import { loadCrds, validateAgainstCrd } from '../support/crd-validator.js';
import type { StatusCause } from './status.js';
import type { KObj } from './store.js';

export interface SchemaFindings {
  /** Dotted paths of fields the schema does not declare, e.g. `spec.foo`. */
  unknownFields: string[];
  causes: StatusCause[];
}

function decodePointer(ptr: string): string[] {
  return ptr === '/' || ptr === '' ? [] : ptr.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function dotted(path: string[]): string {
  return path.reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function valueAt(obj: unknown, path: string[]): unknown {
  let cur: any = obj;
  for (const seg of path) cur = cur?.[seg];
  return cur;
}

function schemaAt(kind: string, path: string[]): any {
  let node: any = loadCrds().find((c) => c.kind === kind)?.schema;
  for (const seg of path) node = /^\d+$/.test(seg) ? node?.items : node?.properties?.[seg];
  return node;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? 'null');

function causeFor(obj: KObj, path: string[], message: string): StatusCause {
  const field = dotted(path);
  const value = valueAt(obj, path);
  let m = /^must be (string|integer|number|boolean|object|array)$/.exec(message);
  if (m) {
    const t = jsonType(value);
    return { reason: 'FieldValueTypeInvalid', message: `Invalid value: "${t}": ${field} in body must be of type ${m[1]}: "${t}"`, field };
  }
  if (message === 'must be equal to one of the allowed values') {
    const allowed: unknown[] = schemaAt(obj.kind, path)?.enum ?? [];
    return {
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${show(value)}: supported values: ${allowed.map(show).join(', ')}`,
      field,
    };
  }
  m = /^must be (<=|>=|<|>) (.+)$/.exec(message);
  if (m) {
    const words = { '<=': 'less than or equal to', '>=': 'greater than or equal to', '<': 'less than', '>': 'greater than' }[m[1]!];
    return { reason: 'FieldValueInvalid', message: `Invalid value: ${show(value)}: ${field} in body should be ${words} ${m[2]}`, field };
  }
  m = /^must match pattern "(.*)"$/.exec(message);
  if (m) return { reason: 'FieldValueInvalid', message: `Invalid value: ${show(value)}: ${field} in body should match '${m[1]}'`, field };
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${show(value)}: ${field} in body ${message}`, field };
}

export function checkSchema(obj: KObj): SchemaFindings {
  const findings: SchemaFindings = { unknownFields: [], causes: [] };
  for (const line of validateAgainstCrd(obj)) {
    const m = /^(\/[^:]*): (.*)$/.exec(line);
    if (!m) {
      findings.causes.push({ reason: 'FieldValueInvalid', message: line });
      continue;
    }
    const path = decodePointer(m[1]!);
    const message = m[2]!;
    const extra = /^must NOT have additional properties \((.*)\)$/.exec(message);
    const required = /^must have required property '(.*)'$/.exec(message);
    if (extra) findings.unknownFields.push(dotted([...path, extra[1]!]));
    else if (required) findings.causes.push({ reason: 'FieldValueRequired', message: 'Required value', field: dotted([...path, required[1]!]) });
    else findings.causes.push(causeFor(obj, path, message));
  }
  return findings;
}

/** Removes unknown fields, as the apiserver prunes them when validation is not Strict. */
export function pruneFields(obj: KObj, fields: string[]): void {
  for (const f of fields) {
    const segs = f.replace(/\[(\d+)\]/g, '.$1').split('.');
    const parent: any = valueAt(obj, segs.slice(0, -1));
    if (parent && typeof parent === 'object') delete parent[segs[segs.length - 1]!];
  }
}
