// The fault types of SPEC §2.2, without their zod schemas (schema/fault.ts), so validating valid files
// never loads zod.
export const FAULT_TYPES = [
  'latency', 'connection_failure', 'network_partition', 'packet_loss', 'corrupt', 'duplicate', 'bandwidth',
  'pod_kill', 'pod_failure', 'container_kill', 'cpu_stress', 'memory_stress', 'http_abort', 'http_delay',
  'io_latency', 'io_fault', 'dns_error', 'dns_random', 'time_skew',
] as const;

export type FaultTypeName = (typeof FAULT_TYPES)[number];

const NAMES: ReadonlySet<string> = new Set(FAULT_TYPES);

export function isFaultType(type: unknown): type is FaultTypeName {
  return typeof type === 'string' && NAMES.has(type);
}
