// Field checks for the built-in kinds the fake serves beyond pods and leases (ConfigMap, ServiceAccount,
// Role, RoleBinding, Job, CronJob: what `chaos deploy` prints), against the API models generated from
// the Kubernetes OpenAPI spec that @kubernetes/client-node ships: unknown fields and wrong types.
import * as k8s from '@kubernetes/client-node';
import type { FieldValidation } from './admission.js';
import { pruneFields } from './crd-errors.js';
import type { ResourceType } from './resources.js';
import { badRequest, failure } from './status.js';
import type { KObj } from './store.js';

type Models = Record<string, { attributeTypeMap?: { baseName: string; type: string }[] } | undefined>;
const MODELS = k8s as unknown as Models;

export interface FieldProblems {
  /** Dotted paths of fields the model does not declare (`spec.backofLimit`). */
  unknownFields: string[];
  /** `path: why` for values of the wrong type. */
  typeErrors: string[];
}

export function builtinFieldProblems(obj: unknown, model: string): FieldProblems {
  const out: FieldProblems = { unknownFields: [], typeErrors: [] };
  walk(obj, model, '', out);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(value: unknown, type: string, path: string, out: FieldProblems): void {
  const array = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  const at = path || '.';
  if (array) {
    if (!Array.isArray(value)) return void out.typeErrors.push(`${at}: not a list`);
    return value.forEach((v, i) => walk(v, array[1]!, `${path}[${i}]`, out));
  }
  if (map) {
    if (!isObject(value)) return void out.typeErrors.push(`${at}: not a map`);
    return Object.entries(value).forEach(([k, v]) => walk(v, map[1]!, `${path}${path ? '.' : ''}${k}`, out));
  }
  if (type === 'string' || type === 'Date') return void (typeof value === 'string' || out.typeErrors.push(`${at}: not a string`));
  if (type === 'number') return void (Number.isInteger(value) || out.typeErrors.push(`${at}: not an integer`));
  if (type === 'boolean') return void (typeof value === 'boolean' || out.typeErrors.push(`${at}: not a boolean`));
  if (type === 'any' || type === 'object') return;
  const attrs = MODELS[type]?.attributeTypeMap;
  if (!attrs) return void out.typeErrors.push(`${at}: unknown model ${type}`);
  if (!isObject(value)) return void out.typeErrors.push(`${at}: not an object`);
  for (const [k, v] of Object.entries(value)) {
    const attr = attrs.find((a) => a.baseName === k);
    const child = `${path}${path ? '.' : ''}${k}`;
    if (!attr) out.unknownFields.push(child);
    else walk(v, attr.type, child, out);
  }
}

/** The apiserver's decoding of a built-in kind: unknown fields per fieldValidation (as decodeChaos), wrong types refused. */
export function decodeBuiltin(obj: KObj, type: ResourceType, mode: FieldValidation, isApply: boolean): string[] {
  const { unknownFields, typeErrors } = builtinFieldProblems(obj, type.model!);
  if (typeErrors.length > 0) throw badRequest(`${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: ${typeErrors.join('; ')}`);
  if (unknownFields.length === 0) return [];
  if (isApply) {
    throw failure(500, undefined, `failed to create typed patch object (${obj.metadata.namespace ?? ''}/${obj.metadata.name}; ${type.group}/${type.version}, Kind=${type.kind}): .${unknownFields[0]}: field not declared in schema`);
  }
  if (mode === 'Strict') throw badRequest(`strict decoding error: ${unknownFields.map((f) => `unknown field "${f}"`).join(', ')}`);
  pruneFields(obj, unknownFields);
  return mode === 'Warn' ? unknownFields.map((f) => `unknown field "${f}"`) : [];
}
