// Chaos Mesh's per-field webhook rules (api/v1alpha1 *_webhook.go, v2.8.3) for the kinds chaos renders,
// differential-tested against that code itself in test/oracle/fake-kube-admission.test.ts.
import { parseGoDuration } from './go-duration.js';

type Spec = Record<string, any>;

const GO_FLOAT = /^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf|infinity|nan)$/i;

/** Go's strconv.ParseFloat(s, 32): decimal or exponent forms, inf/nan; out of float32 range is an error. */
function floatStrError(path: string, v: unknown): string[] {
  if (typeof v !== 'string') return [];
  const ok = GO_FLOAT.test(v) && !(Math.abs(Number(v)) > 3.4028234663852886e38);
  return ok ? [] : [`${path}: Invalid value: "${v}": parse correlation field error:strconv.ParseFloat: parsing "${v}": invalid syntax`];
}

/** docker/go-units FromHumanSize: a float, an optional space, then nothing, b, or k/m/g/t/p with b or ib. */
function humanSizeOk(size: string): boolean {
  const sep = Math.max(...[...'0123456789. '].map((c) => size.lastIndexOf(c)));
  if (sep === -1) return false;
  const num = size[sep] === ' ' ? size.slice(0, sep) : size.slice(0, sep + 1);
  const sfx = size.slice(sep + 1).toLowerCase();
  if (!GO_FLOAT.test(num) || !Number.isFinite(Number(num)) || Number(num) < 0) return false;
  if (sfx === '' || sfx === 'b') return true;
  if (!'kmgtp'.includes(sfx[0]!)) return false;
  return sfx.length === 1 || sfx.slice(1) === 'b' || sfx.slice(1) === 'ib';
}

/** Duration and Delay fields: time.ParseDuration (Duration allows ""; HTTPChaos Delay does not). */
function durationError(path: string, v: unknown, allowEmpty = true): string[] {
  if (typeof v !== 'string' || (allowEmpty && v === '')) return [];
  return parseGoDuration(v) === undefined ? [`${path}: Invalid value: "${v}": parse duration field error: time: invalid duration "${v}"`] : [];
}

/** isValidRateUnit: a unit suffix (case-insensitive) after a base-10 uint64. */
function rateError(path: string, v: unknown): string[] {
  if (typeof v !== 'string') return [];
  const s = v.trim().toLowerCase();
  const unit = ['kbit', 'mbit', 'gbit', 'tbit', 'tbps', 'gbps', 'mbps', 'kbps', 'bps', 'bit'].find((u) => s.endsWith(u));
  const n = unit === undefined ? '' : s.slice(0, -unit.length).trim();
  const ok = unit !== undefined && /^\d+$/.test(n) && BigInt(n) <= 18446744073709551615n;
  return ok ? [] : [`${path}: Invalid value: "${v}": parse rate field error`];
}

/** Bytes: `N%` (strconv.Atoi, 0–100) or docker units.FromHumanSize. */
function bytesError(path: string, v: unknown): string[] {
  if (typeof v !== 'string' || v === '') return [];
  const ok = v.endsWith('%') ? /^[+-]?\d+%$/.test(v) && Number(v.slice(0, -1)) >= 0 && Number(v.slice(0, -1)) <= 100 : humanSizeOk(v);
  return ok ? [] : [`${path}: Invalid value: "${v}": incorrect bytes format`];
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);

/** Field rules of one object's spec (PodSelector value/mode and the kind-level rules are in admission.ts). */
export function fieldRuleErrors(kind: string, spec: Spec): string[] {
  // TimeChaosSpec's duration carries no webhook tag: upstream does not check it.
  const errs = kind === 'TimeChaos' ? [] : [...durationError('spec.duration', spec.duration)];
  if (kind === 'NetworkChaos') {
    errs.push(...durationError('spec.delay.latency', spec.delay?.latency), ...durationError('spec.delay.jitter', spec.delay?.jitter));
    for (const block of ['delay', 'loss', 'duplicate', 'corrupt', 'reorder']) errs.push(...floatStrError(`spec.${block}.correlation`, spec[block]?.correlation));
    for (const k of ['loss', 'duplicate', 'corrupt']) if (spec[k]) errs.push(...floatStrError(`spec.${k}.${k}`, spec[k][k] ?? ''));
    if (spec.bandwidth) errs.push(...rateError('spec.bandwidth.rate', spec.bandwidth.rate ?? ''));
  }
  if (kind === 'StressChaos') errs.push(...bytesError('spec.stressors.memory.size', spec.stressors?.memory?.size));
  if (kind === 'IOChaos') {
    errs.push(...durationError('spec.delay', spec.delay));
    if (typeof spec.percent === 'number' && (spec.percent < 0 || spec.percent > 100)) errs.push(`spec.percent: Invalid value: ${spec.percent}: percent field should be in 0-100`);
    if (spec.action === 'fault' && !spec.errno) errs.push('spec.errno: Invalid value: 0: action fault: errno 0 is not supported');
  }
  if (kind === 'HTTPChaos') {
    if (spec.delay !== undefined) errs.push(...durationError('spec.delay', spec.delay, false));
    if (spec.target !== 'Request' && spec.target !== 'Response') errs.push(`spec.target: Invalid value: "${spec.target ?? ''}": target ${spec.target ?? ''} is not supported`);
    if (spec.target === 'Request' && spec.method !== undefined && !HTTP_METHODS.has(spec.method)) errs.push(`spec.method: Invalid value: "${spec.method}": method ${spec.method} is not supported`);
  }
  return errs;
}
