// What stands between a request and storage for a chaos object: generic metadata validation, the CRD
// schema, and Chaos Mesh's mutating/validating webhooks (defaults, value rules, immutable spec).
import { isDeepStrictEqual } from 'node:util';
import { fieldRuleErrors } from './chaos-webhook-rules.js';
import { checkSchema, pruneFields } from './crd-errors.js';
import { parseGoDuration } from './go-duration.js';
import type { ResourceType } from './resources.js';
import { isValidLabelKey, isValidLabelValue } from './selectors.js';
import { badRequest, failure, invalid, type StatusCause, type StatusError } from './status.js';
import type { KObj } from './store.js';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** ObjectMeta rules every kind shares (name, labels, annotation keys). */
export function metadataCauses(obj: KObj): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = obj.metadata.name;
  if (!name) causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'metadata.name',
      message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    });
  }
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (!isValidLabelKey(k)) causes.push({ reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character` });
    if (typeof v !== 'string') causes.push({ reason: 'FieldValueTypeInvalid', field: `metadata.labels.${k}`, message: 'Invalid value: must be a string' });
    else if (v.length > 63) causes.push({ reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${v}": must be no more than 63 characters` });
    else if (!isValidLabelValue(v)) causes.push({ reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${v}": ${LABEL_VALUE_MSG}` });
  }
  for (const [k, v] of Object.entries(obj.metadata.annotations ?? {})) {
    if (!isValidLabelKey(k)) causes.push({ reason: 'FieldValueInvalid', field: 'metadata.annotations', message: `Invalid value: "${k}": name part must consist of alphanumeric characters, '-', '_' or '.'` });
    if (typeof v !== 'string') causes.push({ reason: 'FieldValueTypeInvalid', field: `metadata.annotations.${k}`, message: 'Invalid value: must be a string' });
  }
  return causes;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * Unknown fields: apply is always strict (500 "field not declared in schema", as the apiserver really
 * answers); create/update reject them with Strict, else prune them and return warnings.
 */
export function decodeChaos(obj: KObj, type: ResourceType, mode: FieldValidation, isApply: boolean): string[] {
  const { unknownFields } = checkSchema(obj);
  if (unknownFields.length === 0) return [];
  if (isApply) {
    const ns = obj.metadata.namespace ?? '';
    throw failure(
      500,
      undefined,
      `failed to create typed patch object (${ns}/${obj.metadata.name}; ${type.group}/${type.version}, Kind=${type.kind}): .${unknownFields[0]}: field not declared in schema`,
    );
  }
  if (mode === 'Strict') throw badRequest(`strict decoding error: ${unknownFields.map((f) => `unknown field "${f}"`).join(', ')}`);
  pruneFields(obj, unknownFields);
  return mode === 'Warn' ? unknownFields.map((f) => `unknown field "${f}"`) : [];
}

/** Chaos Mesh's mutating webhook defaults (PodSelector namespaces, NetworkChaos direction, clockIds). */
export function defaultChaos(obj: KObj): void {
  const spec = obj.spec;
  if (!spec || typeof spec !== 'object') return;
  const ns = obj.metadata.namespace;
  for (const sel of [spec.selector, spec.target?.selector]) {
    if (sel && typeof sel === 'object' && (!Array.isArray(sel.namespaces) || sel.namespaces.length === 0) && !sel.pods && ns) {
      sel.namespaces = [ns];
    }
  }
  if (obj.kind === 'NetworkChaos' && !spec.direction) spec.direction = 'to';
  if (obj.kind === 'TimeChaos' && !spec.clockIds) spec.clockIds = ['CLOCK_REALTIME'];
}

function webhookDenied(obj: KObj, message: string): StatusError {
  return failure(403, 'Forbidden', `admission webhook "v${obj.kind.toLowerCase()}.kb.io" denied the request: ${message}`);
}

function selectorErrors(path: string, s: any): string[] {
  if (!s || typeof s !== 'object') return [];
  const mode = s.mode;
  const value = s.value ?? '';
  const n = /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (mode === 'fixed') {
    if (Number.isNaN(n)) return [`${path}.value: Invalid value: "${value}": value must be an integer when mode is fixed`];
    if (n <= 0) return [`${path}.value: Invalid value: "${value}": value must be greater than 0`];
  }
  if (mode === 'fixed-percent' || mode === 'random-max-percent') {
    if (Number.isNaN(n)) return [`${path}.value: Invalid value: "${value}": value must be an integer when mode is ${mode}`];
    if (n <= 0 || n > 100) return [`${path}.value: Invalid value: "${value}": value of ${mode} must be in (0, 100]`];
  }
  return [];
}

/** NetworkChaosSpec.Validate: from/both need in-cluster targets and no external ones, except for partition. */
function directionErrors(spec: any): string[] {
  if (spec.action === 'partition' || (spec.direction !== 'from' && spec.direction !== 'both')) return [];
  const errs: string[] = [];
  if (spec.externalTargets != null) errs.push(`spec.direction: Invalid value: "${spec.direction}": external targets cannot be used with \`from\` and \`both\` direction in netem action yet`);
  if (spec.target == null) errs.push(`spec.direction: Invalid value: "${spec.direction}": \`from\` and \`both\` direction cannot be used when targets is empty in netem action`);
  return errs;
}

/** The validating webhook rules of REFERENCE §10 that a runner can trip over. */
export function webhookValidate(obj: KObj, old: KObj | undefined): void {
  if (old && !isDeepStrictEqual(old.spec, obj.spec)) throw webhookDenied(obj, 'Cannot update chaos spec');
  const spec = obj.spec ?? {};
  const errs = [
    ...selectorErrors('spec', spec),
    ...(obj.kind === 'NetworkChaos' && spec.target ? selectorErrors('spec.target', spec.target) : []),
    ...(obj.kind === 'NetworkChaos' ? directionErrors(spec) : []),
    ...fieldRuleErrors(obj.kind, spec),
  ];
  if (obj.kind === 'PodChaos' && spec.action === 'container-kill' && !(spec.containerNames?.length > 0)) {
    errs.push('spec.containerNames: Invalid value: null: the name of container is required on container-kill action');
  }
  if (obj.kind === 'StressChaos' && !spec.stressors && !spec.stressngStressors) errs.push('spec.stressors: Invalid value: null: missing stressors');
  if (obj.kind === 'StressChaos' && spec.stressors && !spec.stressors.cpu && !spec.stressors.memory) errs.push('spec.stressors: Invalid value: {}: missing stressors');
  if (obj.kind === 'HTTPChaos' && !(Number(spec.port) > 0)) errs.push(`spec.port: Invalid value: ${spec.port ?? 0}: port ${spec.port ?? 0} is not supported`);
  if (obj.kind === 'TimeChaos' && parseGoDuration(String(spec.timeOffset ?? '')) === undefined) {
    errs.push(`spec.timeOffset: Invalid value: "${spec.timeOffset ?? ''}": time: invalid duration`);
  }
  if (errs.length > 0) throw webhookDenied(obj, errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
}

/** A validating webhook outside Chaos Mesh saying no, as the apiserver relays it (403, the webhook named). */
export function policyWebhook(deny: { webhook: string; message: string } | false): void {
  if (deny) throw failure(403, 'Forbidden', `admission webhook "${deny.webhook}" denied the request: ${deny.message}`);
}

/** Schema (422) and metadata checks, in the order the apiserver's strategy runs them. */
export function validateChaos(obj: KObj, type: ResourceType): void {
  const causes = [...metadataCauses(obj), ...checkSchema(obj).causes];
  if (causes.length > 0) throw invalid({ group: type.group, kind: type.kind }, obj.metadata.name, causes);
}
