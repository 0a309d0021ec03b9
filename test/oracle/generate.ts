// Random experiments over every fault type and target form, drawn from what `chaos validate` accepts
// (including its edges), seeded so a failure reproduces. Written as YAML with one key per line, so a
// problem's line tells which key it is about (experiments-file.ts).
import { FAULT_TYPES, type FaultTypeName } from '../../src/experiment/fault-types.js';
import type { Rand } from './rand.js';

export type Raw = Record<string, unknown>;
export interface GenExperiment {
  name: string;
  type: FaultTypeName;
  target: Raw;
  fault: Raw;
  duration?: string;
}

export const NETWORK = new Set<string>(['latency', 'connection_failure', 'network_partition', 'packet_loss', 'corrupt', 'duplicate', 'bandwidth']);
const ONE_SHOT = new Set<string>(['pod_kill', 'container_kill']);
const U32 = 4294967295;

// Strings YAML 1.1 (kubectl) and 1.2 read as something else unless quoted: the manifest emitter must cope.
const TRICKY_WORDS = ['on', 'off', 'yes', 'no', 'y', 'true', 'null', '1e3', '0x1F', '010', '1_000', '12', '3.5', 'NaN'];
const TRICKY_TEXT = ['*', '- x', '#x', 'a: b', "it's", '"q"', '@x', '`x', '%x', '!x', '&x', '? x', '|', '>', '[x]', '{x}', 'x #y', '~', ' lead', 'trail ', 'tab\tx', 'ünï', 'line\u2028sep'];
const SERVICES = ['api', 'relay', 'api-v2', 'my.svc', 'a_b', 'x', 'A9', `s${'x'.repeat(61)}`, ...TRICKY_WORDS.filter((w) => /^[A-Za-z0-9]/.test(w))];
const NAMESPACES = ['shop', 'materi-production', 'a', '0ns', `n${'s'.repeat(62)}`];
const KEYS = ['app', 'tier', 'track', 'example.com/team', 'k8s.io/part-of', 'a_b.c'];

/** A Go-style duration chaos accepts: mostly ordinary, sometimes multi-part, fractional or huge. */
export function duration(r: Rand): string {
  return r.pick([
    () => `${r.int(1, 999)}ms`,
    () => `${r.int(1, 600)}s`,
    () => `${r.int(1, 120)}m`,
    () => `${r.int(1, 48)}h`,
    () => `${r.int(1, 5)}m${r.int(1, 59)}s`,
    () => `${r.int(1, 9)}.${r.int(1, 9)}s`,
    () => `${r.int(1, 2)}h${r.int(1, 59)}m${r.int(1, 59)}s${r.int(1, 999)}ms`,
    () => `${r.int(1, 999)}us`,
    () => `${r.int(1, 9)}000000ns`,
    () => `${r.int(1000, 2_562_000)}h`,
  ])();
}

function labelValue(r: Rand): string {
  return r.pick(SERVICES);
}

function labelSelector(r: Rand): string {
  const reqs = Array.from({ length: r.int(1, 3) }, () =>
    r.pick([
      () => `${r.pick(KEYS)}=${labelValue(r)}`,
      () => `${r.pick(KEYS)}==${labelValue(r)}`,
      () => `${r.pick(KEYS)}!=${labelValue(r)}`,
      () => `${r.pick(KEYS)} in (${r.some(SERVICES, 3).join(',')})`,
      () => `${r.pick(KEYS)} notin (${r.some(SERVICES, 2).join(', ')})`,
      () => r.pick(KEYS),
      () => `!${r.pick(KEYS)}`,
    ])(),
  );
  // Two different `key=value` for one key select nothing, and chaos refuses them: keep the first.
  const seen = new Set<string>();
  return reqs.filter((q) => {
    const eq = /^([^=!]+)==?[^=]/.exec(q)?.[1];
    if (!eq) return true;
    if (seen.has(eq)) return false;
    seen.add(eq);
    return true;
  }).join(',');
}

function host(r: Rand): string {
  const ip = () => Array.from({ length: 4 }, () => r.int(0, 255)).join('.');
  const h = r.pick([ip, () => `${ip()}/${r.int(0, 32)}`, () => r.pick(['api.stripe.com', 'db', 'a-1.b-2.example', 'X.Y'])])();
  return r.maybe(0.3) ? `${h}:${r.int(1, 65535)}` : h;
}

function dependency(r: Rand): unknown {
  return r.pick([
    () => labelValue(r),
    () => `${r.pick(NAMESPACES)}/${labelValue(r)}`,
    () => ({ service: labelValue(r), ...(r.maybe() ? { namespace: r.pick(NAMESPACES) } : {}) }),
    () => ({ label_selector: labelSelector(r) }),
    () => ({ hosts: Array.from({ length: r.int(1, 3) }, () => host(r)) }),
  ])();
}

const pct = (r: Rand) => r.pick([() => r.int(1, 100), () => Math.round(r.next() * 100_000) / 1000 || 0.001, () => 100, () => 0.0001])();
const corr = (r: Rand) => r.pick([() => r.int(0, 100), () => Math.round(r.next() * 10_000) / 100, () => 0])();
const uint32 = (r: Rand, lo: number) => r.pick([() => r.int(lo, 1000), () => r.int(lo, U32), () => U32, () => lo])();
const uint64 = (r: Rand) => r.pick([() => r.int(0, 1000), () => U32 + 1, () => 2 ** 40, () => Number.MAX_SAFE_INTEGER])();
const text = (r: Rand) => r.pick([() => r.pick(TRICKY_TEXT), () => r.pick(TRICKY_WORDS), () => r.pick(SERVICES)])();
const list = (r: Rand, max = 3) => Array.from({ length: r.int(1, max) }, () => text(r));
const opt = (r: Rand, key: string, value: () => unknown, p = 0.5): Raw => (r.maybe(p) ? { [key]: value() } : {});

function rate(r: Rand): string {
  const unit = r.pick(['bit', 'kbit', 'mbit', 'gbit', 'tbit', 'bps', 'kbps', 'mbps', 'gbps', 'tbps']);
  const cased = r.maybe(0.3) ? unit.toUpperCase() : unit;
  return `${r.pick([1, r.int(1, 1000), 0, U32 + 1])}${cased}`;
}

/** A memory size in the grammar chaos accepts: a number, optional space, a unit letter with nothing, B or iB
 * after it (or B alone), or a whole share with %. */
function size(r: Rand): string {
  if (r.maybe(0.25)) return `${r.pick([r.int(0, 100), 0, 100])}%`;
  const num = r.maybe(0.8) ? String(r.int(0, 4096)) : `${r.int(0, 64)}.${r.int(0, 99)}`;
  const b = () => r.pick(['b', 'B']);
  const unit = r.pick([() => '', b, () => r.pick('kKmMgGtTpP'.split('')) + r.pick(['', b(), `${r.pick(['i', 'I'])}${b()}`])])();
  return `${num}${r.maybe(0.15) ? ' ' : ''}${unit}`;
}

function signedOffset(r: Rand): string {
  return `${r.pick(['', '-', '+'])}${duration(r)}`;
}

/** Parameters of one fault type, each optional one present or not. */
export function faultParams(r: Rand, type: FaultTypeName, hasDep: boolean): Raw {
  const lasting = ONE_SHOT.has(type) || type === 'latency' ? {} : opt(r, 'duration', () => duration(r), 0.3);
  const containers = opt(r, 'containers', () => list(r));
  switch (type) {
    case 'latency':
      return { ...(r.maybe(0.8) ? { latency: duration(r) } : { duration: duration(r) }), ...opt(r, 'jitter', () => duration(r)), ...opt(r, 'correlation', () => corr(r)) };
    case 'connection_failure':
      return { ...opt(r, 'percentage', () => pct(r)), ...opt(r, 'correlation', () => corr(r)), ...lasting };
    case 'network_partition':
      return { ...opt(r, 'direction', () => (hasDep ? r.pick(['to', 'from', 'both']) : 'to')), ...lasting };
    case 'packet_loss':
    case 'corrupt':
    case 'duplicate':
      return { percentage: pct(r), ...opt(r, 'correlation', () => corr(r)), ...lasting };
    case 'bandwidth':
      return { rate: rate(r), limit: uint32(r, 1), buffer: uint32(r, 1), ...(r.maybe() ? { peakrate: uint64(r), minburst: uint32(r, 0) } : {}), ...lasting };
    case 'pod_kill':
      return opt(r, 'grace_period', () => r.pick([0, r.int(1, 600), Number.MAX_SAFE_INTEGER]));
    case 'pod_failure':
      return lasting;
    case 'container_kill':
      return { containers: list(r) };
    case 'cpu_stress':
      return { ...opt(r, 'workers', () => r.pick([1, r.int(1, 8192), 8192])), ...opt(r, 'load', () => r.int(0, 100)), ...containers, ...lasting };
    case 'memory_stress':
      return { size: size(r), ...opt(r, 'workers', () => r.int(1, 8192)), ...containers, ...lasting };
    case 'http_abort':
    case 'http_delay': {
      const target = r.pick([undefined, 'Request', 'Response']);
      return {
        port: r.pick([1, 80, 8080, 65535, r.int(1, 65535)]),
        ...(target ? { target } : {}),
        ...opt(r, 'path', () => r.pick(['/', '/api/*', ...TRICKY_TEXT])),
        ...opt(r, 'method', () => r.pick(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'])),
        ...(target === 'Response' ? opt(r, 'code', () => r.int(100, 599)) : {}),
        ...(type === 'http_delay' ? { delay: duration(r) } : {}),
        ...lasting,
      };
    }
    case 'io_latency':
    case 'io_fault':
      return {
        volume_path: r.pick(['/data', '/var/lib/postgresql/data', ...TRICKY_TEXT]),
        ...opt(r, 'path', () => r.pick(['/data/**/*', '/data/*.db', ...TRICKY_TEXT])),
        ...opt(r, 'percent', () => r.pick([0, 100, r.int(0, 100)])),
        ...opt(r, 'methods', () => r.some(['read', 'write', 'open', 'fsync', 'mkdir', 'getxattr', 'lookup'], 4)),
        ...(type === 'io_latency' ? { delay: duration(r) } : { errno: r.pick([1, 5, 28, r.int(1, 133), uint32(r, 1)]) }),
        ...containers,
        ...lasting,
      };
    case 'dns_error':
    case 'dns_random':
      return { ...opt(r, 'patterns', () => Array.from({ length: r.int(1, 3) }, () => r.pick(['google.com', 'api.*', '?oo.com', '*', 'a.b.c', ...TRICKY_WORDS]))), ...containers, ...lasting };
    case 'time_skew':
      return { offset: signedOffset(r), ...opt(r, 'clock_ids', () => r.some(['CLOCK_REALTIME', 'CLOCK_MONOTONIC', 'CLOCK_BOOTTIME', 'CLOCK_MONOTONIC_RAW'], 3)), ...containers, ...lasting };
  }
}

/** One random experiment that `chaos validate` accepts. */
export function randomExperiment(r: Rand, name: string, type: FaultTypeName = r.pick(FAULT_TYPES)): GenExperiment {
  const hasDep = NETWORK.has(type) && (type === 'connection_failure' || r.maybe(0.6));
  const form = r.pick(['service', 'selector', 'both']);
  const target: Raw = {
    ...opt(r, 'namespace', () => r.pick(NAMESPACES), 0.4),
    ...(form !== 'selector' ? { service: labelValue(r) } : {}),
    ...(form !== 'service' ? { label_selector: labelSelector(r) } : {}),
    ...(hasDep ? { dependency: dependency(r) } : {}),
  };
  if (target.service !== undefined && typeof target.label_selector === 'string') {
    // The service label must not be given two values.
    target.label_selector = (target.label_selector as string).split(',').filter((q) => !/^app==?/.test(q)).join(',') || '!legacy';
  }
  const fault: Raw = { type, ...faultParams(r, type, hasDep) };
  const mode = r.pick(['none', 'percentage', 'count', 'fault-count']);
  if (mode === 'percentage') target.percentage = r.pick([1, 100, r.int(1, 100)]);
  if (mode === 'count') target.count = r.pick([1, r.int(1, 50), 2 ** 31, Number.MAX_SAFE_INTEGER]);
  if (mode === 'fault-count') fault.count = r.int(1, 10);
  const faultDuration = typeof fault.duration === 'string' && type !== 'latency';
  // The experiment window, when given with a fault duration, must not be shorter: make it the same.
  const exp: GenExperiment = { name, type, target, fault };
  if (!faultDuration) exp.duration = duration(r);
  else if (r.maybe()) exp.duration = fault.duration as string;
  return exp;
}
