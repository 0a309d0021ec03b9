// `fault:` (validated raw shape) → the model's Fault, in the value forms Chaos Mesh accepts
// (strings for percentages, single-unit latency), with the rules its webhooks would enforce later.
import type { Fault, NetworkDirection } from './model.js';
import { formatGoDuration, formatLatency, parseDuration, parseSignedDuration } from './duration.js';
import type { FaultInput } from './schema/fault.js';
import { FAULT_TYPES, isFaultType } from './fault-types.js';
import { schemaProblems } from './schema/check.js';
import { didYouMean } from './suggest.js';
import type { KeyedProblem, Path, Reporter } from './problems.js';

export interface FaultResult {
  fault: Fault;
  /** `fault.duration` for lasting faults: how long the fault itself lasts. */
  faultDurationMs?: number | undefined;
}

/** A positive duration in ms, or undefined after reporting why not. */
export function positiveMs(text: string, path: Path, r: Reporter): number | undefined {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) return void r.report(path, 'must be a duration above zero, like 500ms, 30s or 5m');
  return ms;
}

// Chaos Mesh reads durations as Go time.Duration: whole nanoseconds up to 2^63-1 ns (about 2562047h).
const GO_MAX_MS = 9_223_372_036_854.775;
const GO_MIN_MS = 1e-6;

/** Why Chaos Mesh would not read this many ms as written, or undefined when it would (0 passes). */
function goDurationError(ms: number): string | undefined {
  const abs = Math.abs(ms);
  if (abs > GO_MAX_MS) return 'must be at most 2562047h: Chaos Mesh reads durations as Go time.Duration, which ends there';
  if (abs > 0 && abs < GO_MIN_MS) return 'must be at least 1ns: Chaos Mesh reads durations in whole nanoseconds (this would be 0)';
  return undefined;
}

/** A positive duration that reaches Chaos Mesh, in ms, or undefined after reporting why not. */
export function chaosMeshMs(text: string, path: Path, r: Reporter): number | undefined {
  const ms = positiveMs(text, path, r);
  const bad = ms === undefined ? undefined : goDurationError(ms);
  return bad ? void r.report(path, bad) : ms;
}

const pct = (n: number) => String(n);
const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** Checks `fault:` (a mapping) against its type's parameters; the fault when they are valid. */
export function checkFault(raw: Record<string, unknown>, path: Path): { fault?: FaultInput; problems: KeyedProblem[] } {
  const type = raw.type;
  const at = [...path, 'type'];
  if (type === undefined) return { problems: [{ path: at, message: `missing required key "type" (one of: ${FAULT_TYPES.join(', ')})`, missing: 'type' }] };
  if (!isFaultType(type)) {
    const hint = typeof type === 'string' ? didYouMean(type, FAULT_TYPES) : '';
    return { problems: [{ path: at, message: `unknown fault type ${JSON.stringify(type)}${hint || `; one of: ${FAULT_TYPES.join(', ')}`}` }] };
  }
  const problems = schemaProblems(`fault.${type}`, raw, path);
  return problems.length > 0 ? { problems } : { fault: raw as FaultInput, problems };
}

export function normaliseFault(raw: FaultInput, hasDependency: boolean, path: Path, r: Reporter): FaultResult | undefined {
  const at = (key: string) => [...path, key];
  // For latency, `duration` is the seed's spelling of the delay; for lasting faults it is the fault's length.
  const lasting = raw.type !== 'latency' && 'duration' in raw ? raw.duration : undefined;
  const faultDurationMs = lasting === undefined ? undefined : chaosMeshMs(lasting, at('duration'), r);
  const fault = build(raw, hasDependency, at, r);
  if (!fault || (lasting !== undefined && faultDurationMs === undefined)) return undefined;
  return { fault, faultDurationMs };
}

function build(raw: FaultInput, hasDependency: boolean, at: (k: string) => Path, r: Reporter): Fault | undefined {
  switch (raw.type) {
    case 'latency': {
      if (raw.latency !== undefined && raw.duration !== undefined)
        return void r.report(at('duration'), 'the delay is given twice (latency and duration): keep latency', 'key');
      const delay = raw.latency ?? raw.duration;
      if (delay === undefined) return void r.report(at('type'), 'latency needs the added delay: latency: 200ms');
      const ms = chaosMeshMs(delay, at(raw.latency !== undefined ? 'latency' : 'duration'), r);
      const jitter = raw.jitter === undefined ? undefined : parseDuration(raw.jitter);
      const badJitter = jitter === undefined ? undefined : goDurationError(jitter);
      if (badJitter) r.report(at('jitter'), badJitter);
      if (ms === undefined || badJitter) return undefined;
      return { type: 'latency', latency: formatLatency(ms), ...opt('jitter', jitter === undefined ? undefined : formatLatency(jitter)), ...opt('correlation', raw.correlation === undefined ? undefined : pct(raw.correlation)) };
    }
    case 'connection_failure':
      if (!hasDependency)
        return void r.report(at('type'), 'connection_failure needs target.dependency (whose connections fail); use packet_loss to drop all traffic');
      return { type: 'connection_failure', loss: pct(raw.percentage ?? 100), ...opt('correlation', raw.correlation === undefined ? undefined : pct(raw.correlation)) };
    case 'network_partition': {
      const direction: NetworkDirection = raw.direction ?? (hasDependency ? 'both' : 'to');
      if (direction !== 'to' && !hasDependency)
        return void r.report(at('direction'), `direction "${direction}" needs target.dependency; without one only "to" (all outgoing traffic) is possible`);
      return { type: 'network_partition', direction };
    }
    case 'packet_loss':
      return { type: 'packet_loss', loss: pct(raw.percentage), ...opt('correlation', raw.correlation === undefined ? undefined : pct(raw.correlation)) };
    case 'corrupt':
      return { type: 'corrupt', corrupt: pct(raw.percentage), ...opt('correlation', raw.correlation === undefined ? undefined : pct(raw.correlation)) };
    case 'duplicate':
      return { type: 'duplicate', duplicate: pct(raw.percentage), ...opt('correlation', raw.correlation === undefined ? undefined : pct(raw.correlation)) };
    case 'bandwidth':
      // tc only uses peakrate/minburst as a pair (Chaos Mesh pkg/netem/convert.go).
      if ((raw.peakrate === undefined) !== (raw.minburst === undefined))
        return void r.report(at(raw.peakrate === undefined ? 'minburst' : 'peakrate'), 'peakrate and minburst only work together: set both or neither', 'key');
      return { type: 'bandwidth', rate: raw.rate.toLowerCase(), limit: raw.limit, buffer: raw.buffer, ...opt('peakrate', raw.peakrate), ...opt('minburst', raw.minburst) };
    case 'pod_kill':
      return { type: 'pod_kill', ...opt('gracePeriod', raw.grace_period) };
    case 'pod_failure':
      return { type: 'pod_failure' };
    case 'container_kill':
      return { type: 'container_kill', containers: raw.containers };
    case 'cpu_stress':
      return { type: 'cpu_stress', workers: raw.workers ?? 1, ...opt('load', raw.load), ...opt('containers', raw.containers) };
    case 'memory_stress':
      return { type: 'memory_stress', workers: raw.workers ?? 1, size: raw.size.replace(/\s+/g, ''), ...opt('containers', raw.containers) };
    case 'http_abort':
    case 'http_delay': {
      const target = raw.target ?? 'Request';
      if (raw.code !== undefined && target !== 'Response') return void r.report(at('code'), 'code matches responses: set target: Response', 'key');
      const common = { port: raw.port, target, ...opt('path', raw.path), ...opt('method', raw.method), ...opt('code', raw.code) };
      if (raw.type === 'http_abort') return { type: 'http_abort', ...common };
      const ms = chaosMeshMs(raw.delay, at('delay'), r);
      return ms === undefined ? undefined : { type: 'http_delay', ...common, delay: formatGoDuration(ms) };
    }
    case 'io_latency':
    case 'io_fault': {
      const common = { volumePath: raw.volume_path, ...opt('path', raw.path), ...opt('percent', raw.percent), ...opt('methods', raw.methods), ...opt('containers', raw.containers) };
      if (raw.type === 'io_fault') return { type: 'io_fault', ...common, errno: raw.errno };
      const ms = chaosMeshMs(raw.delay, at('delay'), r);
      return ms === undefined ? undefined : { type: 'io_latency', ...common, delay: formatGoDuration(ms) };
    }
    case 'dns_error':
    case 'dns_random': {
      // Chaos Mesh DNS patterns allow `?` anywhere but `*` only at the end.
      const bad = (raw.patterns ?? []).findIndex((p) => p.slice(0, -1).includes('*'));
      if (bad >= 0) return void r.report([...at('patterns'), bad], 'a pattern may use * only at the end (e.g. api.*); use ? for single characters');
      return { type: raw.type, ...opt('patterns', raw.patterns), ...opt('containers', raw.containers) };
    }
    case 'time_skew': {
      const ms = parseSignedDuration(raw.offset) ?? 0;
      if (ms === 0) return void r.report(at('offset'), 'must not be zero: a skew of 0 changes nothing');
      const bad = goDurationError(ms);
      if (bad) return void r.report(at('offset'), bad);
      return { type: 'time_skew', offset: formatGoDuration(ms), ...opt('clockIds', raw.clock_ids), ...opt('containers', raw.containers) };
    }
  }
}
