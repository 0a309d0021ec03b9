// One parameter of a valid experiment set to a value from a pool of edge and invalid values, and where that
// value would land in the manifest if chaos passed it through as written (to ask upstream about it).
import type { FaultTypeName } from '../../src/experiment/fault-types.js';
import type { GenExperiment } from './generate.js';
import type { Rand } from './rand.js';

export interface Mutation {
  /** `fault.rate`, `target.count`, `duration`: the key set, as `experimentYaml` numbers lines. */
  key: string;
  types: FaultTypeName[];
  values: unknown[];
  /** Manifest path (dots) the value fills, and whether chaos writes it as a string. */
  path: (type: FaultTypeName) => string;
  asString?: boolean;
  /** Other manifest fields that go with it (the selection mode of a count). */
  also?: Record<string, unknown>;
  /** Makes the base experiment one where the key means what the mutation tests. */
  prepare?: (e: GenExperiment, r: Rand) => void;
}

const U32 = 4294967295;
const DURATIONS = ['', '0s', '0', '10', 's', '-5s', '5 s', '1d', '1.s', '.5s', '1e3s', '1h100ns', '537670h', '2562047h', '2562048h', '9999999999h', '1.5h', '500ms', '1m30s', '0.1ns', '5S', 'PT5S', 5, null];
const NETEM_PCT = [-1, 0, 1e-9, 0.5, 1, 100, 100.5, 150, '50%', '50', 'abc', null];
const CORRELATION = [-1, 0, 50.5, 100, 101, '5', '5%'];
const UINT32 = [-1, 0, 1, 1.5, U32, U32 + 1, 2 ** 53 - 1, 1e21, '100'];
const NETEM = ['packet_loss', 'corrupt', 'duplicate', 'connection_failure'] as const;
const STRESS = ['cpu_stress', 'memory_stress'] as const;
const HTTP = ['http_abort', 'http_delay'] as const;
const IO = ['io_latency', 'io_fault'] as const;
const LASTING: FaultTypeName[] = ['packet_loss', 'bandwidth', 'pod_failure', 'cpu_stress', 'http_abort', 'io_fault', 'dns_error', 'time_skew', 'network_partition'];
const WITH_CONTAINERS: FaultTypeName[] = ['cpu_stress', 'memory_stress', 'io_latency', 'io_fault', 'dns_error', 'dns_random', 'time_skew'];

const netemBlock = (type: FaultTypeName) => (type === 'connection_failure' || type === 'packet_loss' ? 'loss' : type);
const fixed = (p: string) => () => p;
const dropModes = (e: GenExperiment) => {
  delete e.target.count;
  delete e.target.percentage;
  delete e.fault.count;
};

/** No `fault.duration` (for latency, the seed's spelling of the delay: moved to `latency`). */
const noFaultDuration = (e: GenExperiment) => {
  if (e.type === 'latency') e.fault.latency ??= e.fault.duration ?? '100ms';
  delete e.fault.duration;
};

export const MUTATIONS: Mutation[] = [
  { key: 'target.percentage', types: ['pod_failure', 'latency'], values: [-1, 0, 1, 1.5, 100, 101, '10', '10%', 1e21], path: fixed('spec.value'), asString: true, also: { 'spec.mode': 'fixed-percent' }, prepare: dropModes },
  { key: 'target.count', types: ['pod_kill', 'cpu_stress'], values: [-1, 0, 1, 1.5, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e21, '3'], path: fixed('spec.value'), asString: true, also: { 'spec.mode': 'fixed' }, prepare: dropModes },
  { key: 'fault.count', types: ['container_kill', 'dns_error'], values: [-1, 0, 1, 2 ** 53 - 1, 1e21], path: fixed('spec.value'), asString: true, also: { 'spec.mode': 'fixed' }, prepare: dropModes },
  { key: 'duration', types: ['pod_kill', 'pod_failure', 'latency', 'http_delay'], values: DURATIONS, path: fixed('spec.duration'), asString: true, prepare: (e) => void (noFaultDuration(e), (e.duration ??= '5m')) },
  { key: 'fault.duration', types: LASTING, values: DURATIONS, path: fixed('spec.duration'), asString: true, prepare: (e) => void (delete e.duration, (e.fault.duration = '5m')) },
  { key: 'fault.latency', types: ['latency'], values: DURATIONS, path: fixed('spec.delay.latency'), asString: true, prepare: noFaultDuration },
  { key: 'fault.jitter', types: ['latency'], values: DURATIONS, path: fixed('spec.delay.jitter'), asString: true },
  { key: 'fault.correlation', types: ['latency', ...NETEM], values: CORRELATION, path: (t) => `spec.${t === 'latency' ? 'delay' : netemBlock(t)}.correlation`, asString: true },
  { key: 'fault.percentage', types: [...NETEM], values: NETEM_PCT, path: (t) => `spec.${netemBlock(t)}.${netemBlock(t)}`, asString: true },
  { key: 'fault.direction', types: ['network_partition'], values: ['to', 'from', 'both', 'up', ''], path: fixed('spec.direction') },
  { key: 'fault.rate', types: ['bandwidth'], values: ['1mbit', '1.5mbit', '1 mbit', 'mbit', '1MBIT', '10', '1kbps', '1Mbps', '1mb', '-1mbit', '18446744073709551616bit', '0bit', 1], path: fixed('spec.bandwidth.rate'), asString: true },
  { key: 'fault.limit', types: ['bandwidth'], values: UINT32, path: fixed('spec.bandwidth.limit') },
  { key: 'fault.buffer', types: ['bandwidth'], values: UINT32, path: fixed('spec.bandwidth.buffer') },
  { key: 'fault.minburst', types: ['bandwidth'], values: UINT32, path: fixed('spec.bandwidth.minburst'), prepare: (e) => void ((e.fault.peakrate = 1000), (e.fault.minburst ??= 100)) },
  { key: 'fault.peakrate', types: ['bandwidth'], values: [-1, 0, 1, 2 ** 53 - 1, 2 ** 64, 1e21], path: fixed('spec.bandwidth.peakrate'), prepare: (e) => void ((e.fault.minburst = 1000), (e.fault.peakrate ??= 100)) },
  { key: 'fault.grace_period', types: ['pod_kill'], values: [-1, 0, 1, 1.5, 2 ** 53 - 1, 2 ** 63, 1e21], path: fixed('spec.gracePeriod') },
  { key: 'fault.containers', types: ['container_kill', ...WITH_CONTAINERS], values: [[], [''], ['a'], ['a', 'a'], 'a'], path: fixed('spec.containerNames') },
  { key: 'fault.workers', types: [...STRESS], values: [-1, 0, 1, 8192, 8193, 1.5, '2'], path: (t) => `spec.stressors.${t === 'cpu_stress' ? 'cpu' : 'memory'}.workers` },
  { key: 'fault.load', types: ['cpu_stress'], values: [-1, 0, 100, 101, 1.5], path: fixed('spec.stressors.cpu.load') },
  {
    key: 'fault.size', types: ['memory_stress'], path: fixed('spec.stressors.memory.size'), asString: true,
    values: ['256MB', '256 MB', '1GiB', '1Gi', '5i', '5ib', '5 KiB', '50%', '50.5%', '100%', '101%', '0%', '-1MB', '1.5.5MB', '1e3MB', '1kB', 'MB', '10', '1PB', '%', '5 %', 5, '1EB', '1bi'],
  },
  { key: 'fault.port', types: [...HTTP], values: [-1, 0, 1, 65535, 65536, 1.5, '80', 2 ** 31], path: fixed('spec.port') },
  { key: 'fault.code', types: [...HTTP], values: [99, 100, 599, 600, -1, 1.5, 2 ** 31], path: fixed('spec.code'), prepare: (e) => void (e.fault.target = 'Response') },
  { key: 'fault.method', types: [...HTTP], values: ['GET', 'get', 'FOO', '', 'PURGE'], path: fixed('spec.method'), prepare: (e) => void (delete e.fault.code, (e.fault.target = 'Request')) },
  { key: 'fault.target', types: [...HTTP], values: ['Request', 'Response', 'request', 'Both', ''], path: fixed('spec.target'), prepare: (e) => void delete e.fault.code },
  { key: 'fault.delay', types: ['http_delay', 'io_latency'], values: DURATIONS, path: fixed('spec.delay'), asString: true },
  { key: 'fault.percent', types: [...IO], values: [-1, 0, 100, 101, 1.5], path: fixed('spec.percent') },
  { key: 'fault.errno', types: ['io_fault'], values: UINT32, path: fixed('spec.errno') },
  { key: 'fault.methods', types: [...IO], values: [[], ['read'], ['READ'], ['foo']], path: fixed('spec.methods') },
  { key: 'fault.volume_path', types: [...IO], values: ['', '/data', 'relative'], path: fixed('spec.volumePath') },
  { key: 'fault.patterns', types: ['dns_error', 'dns_random'], values: [[], ['a*b'], ['api.*'], ['*'], [''], ['?']], path: fixed('spec.patterns') },
  { key: 'fault.offset', types: ['time_skew'], values: ['0s', '-0s', '-10m', '+1h', '10', '-537670h', '2562048h', '-2562048h', '1h100ns', 'x', ''], path: fixed('spec.timeOffset'), asString: true },
  { key: 'fault.clock_ids', types: ['time_skew'], values: [[], ['CLOCK_FOO'], ['CLOCK_REALTIME'], ['clock_realtime']], path: fixed('spec.clockIds') },
];

/** The value as chaos would write it to the manifest if it let it through unchanged. */
export function naive(m: Mutation, value: unknown): unknown {
  return m.asString && (typeof value === 'number' || typeof value === 'boolean') ? String(value) : value;
}

/** Sets `spec.a.b` in a manifest, creating the mappings on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = obj;
  for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[keys[keys.length - 1] as string] = value;
}
