// Raw shape of `fault:` per type (SPEC §2.2): flat snake_case keys named after the Chaos Mesh field they fill.
import { z } from 'zod';
import { correlation, duration, intRange, netemPercent, nonEmpty, signedDuration, stringList, orMissing } from './fields.js';
import type { FaultTypeName } from '../fault-types.js';

const faultDuration = () => duration().optional().describe('How long the fault lasts; also the experiment window when `duration` is absent');
const containers = () => stringList('container names').optional().describe('Container names (default: the first container of each pod)');
const base = <T extends string>(type: T, description: string) => ({
  type: z.literal(type).describe(description),
  count: intRange(1).optional().describe('Number of matching pods to hit (Chaos Mesh mode fixed); same as target.count'),
});

// Chaos Mesh decodes these into Go uint32 fields; a larger number fails admission.
const UINT32_MAX = 4_294_967_295;

const RATE_MSG = 'must be an integer with a unit: bit, kbit, mbit, gbit, tbit, bps, kbps, mbps, gbps or tbps (e.g. 1mbit); at most 19 digits (Chaos Mesh reads it as a Go uint64)';
const SIZE_MSG = 'must be a size like 256MB or 1GiB (not 1Gi: Chaos Mesh needs the B), or a whole share of memory like 50%';
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'] as const;
const IO_METHODS = [
  'lookup', 'forget', 'getattr', 'setattr', 'readlink', 'mknod', 'mkdir', 'unlink', 'rmdir', 'symlink', 'rename',
  'link', 'open', 'read', 'write', 'statfs', 'release', 'fsync', 'setxattr', 'getxattr', 'listxattr', 'removexattr',
  'flush', 'opendir', 'readdir', 'releasedir', 'fsyncdir', 'access', 'create', 'getlk', 'setlk', 'bmap',
] as const;
const CLOCK_IDS = [
  'CLOCK_REALTIME', 'CLOCK_MONOTONIC', 'CLOCK_PROCESS_CPUTIME_ID', 'CLOCK_THREAD_CPUTIME_ID', 'CLOCK_MONOTONIC_RAW',
  'CLOCK_REALTIME_COARSE', 'CLOCK_MONOTONIC_COARSE', 'CLOCK_BOOTTIME', 'CLOCK_REALTIME_ALARM', 'CLOCK_BOOTTIME_ALARM',
] as const;

const netem = (type: 'packet_loss' | 'corrupt' | 'duplicate', what: string) =>
  z.strictObject({
    ...base(type, `NetworkChaos ${what}`),
    percentage: netemPercent().describe(`Share of packets ${what === 'loss' ? 'dropped' : `${what}d`} (0–100, no %)`),
    correlation: correlation().optional(),
    duration: faultDuration(),
  });

const http = <T extends 'http_abort' | 'http_delay'>(type: T) => ({
  ...base(type, type === 'http_abort' ? 'HTTPChaos abort' : 'HTTPChaos delay'),
  port: intRange(1, 65535).describe('Port the target serves HTTP on'),
  target: z.enum(['Request', 'Response']).optional().describe('Intercept the Request (default) or the Response'),
  path: nonEmpty().optional().describe('Request path to match, e.g. /api/*'),
  method: z.enum(HTTP_METHODS).optional().describe('Upper-case HTTP method to match'),
  code: intRange(100, 599).optional().describe('Response status code to match'),
  duration: faultDuration(),
});

const io = <T extends 'io_latency' | 'io_fault'>(type: T) => ({
  ...base(type, type === 'io_latency' ? 'IOChaos latency' : 'IOChaos fault'),
  volume_path: nonEmpty('the mount point of a volume in the container').describe('Mount point of the volume to affect'),
  path: nonEmpty().optional().describe('Glob of files to affect (default: all under volume_path)'),
  percent: intRange(0, 100).optional().describe('Share of operations affected (default 100)'),
  methods: z.array(z.enum(IO_METHODS)).min(1).optional().describe('File system operations to affect (default: all)'),
  containers: containers(),
  duration: faultDuration(),
});

const stress = <T extends 'cpu_stress' | 'memory_stress'>(type: T) => ({
  ...base(type, type === 'cpu_stress' ? 'StressChaos cpu' : 'StressChaos memory'),
  // Chaos Mesh silently disables a stressor with 0 workers, so 0 is refused here.
  workers: intRange(1, 8192).optional().describe('stress-ng workers (default 1)'),
  containers: containers(),
  duration: faultDuration(),
});

const dns = <T extends 'dns_error' | 'dns_random'>(type: T) =>
  z.strictObject({
    ...base(type, type === 'dns_error' ? 'DNSChaos error' : 'DNSChaos random'),
    patterns: stringList('domain patterns').optional().describe('Domain patterns (default: every name)'),
    containers: containers(),
    duration: faultDuration(),
  });

// Built on first use: constructing every schema up front would cost each `chaos validate` tens of ms.
const FACTORIES = {
  latency: () =>
    z.strictObject({
      ...base('latency', 'NetworkChaos delay'),
      latency: duration().optional().describe('Added delay'),
      duration: duration().optional().describe("Added delay (the seed's spelling of `latency`)"),
      jitter: duration().optional(),
      correlation: correlation().optional(),
    }),
  connection_failure: () =>
    z.strictObject({
      ...base('connection_failure', 'NetworkChaos loss toward target.dependency'),
      percentage: netemPercent().optional().describe('Share of packets to the dependency dropped (default 100)'),
      correlation: correlation().optional(),
      duration: faultDuration(),
    }),
  network_partition: () =>
    z.strictObject({
      ...base('network_partition', 'NetworkChaos partition'),
      direction: z.enum(['to', 'from', 'both']).optional().describe('Default both with a dependency, to without'),
      duration: faultDuration(),
    }),
  packet_loss: () => netem('packet_loss', 'loss'),
  corrupt: () => netem('corrupt', 'corrupt'),
  duplicate: () => netem('duplicate', 'duplicate'),
  bandwidth: () =>
    z.strictObject({
      ...base('bandwidth', 'NetworkChaos bandwidth'),
      // No regex flags: JSON Schema patterns have none, and editors must agree with this check.
      rate: z.string(orMissing(RATE_MSG)).regex(/^[0-9]{1,19}[kKmMgGtT]?([bB][iI][tT]|[bB][pP][sS])$/, RATE_MSG),
      limit: intRange(1, UINT32_MAX).describe('Bytes that can be queued waiting for tokens'),
      buffer: intRange(1, UINT32_MAX).describe('Maximum bytes that can be sent at once (bucket size)'),
      peakrate: intRange(0).optional(),
      minburst: intRange(0, UINT32_MAX).optional(),
      duration: faultDuration(),
    }),
  pod_kill: () =>
    z.strictObject({
      ...base('pod_kill', 'PodChaos pod-kill (one-shot)'),
      grace_period: intRange(0).optional().describe('Seconds of grace before the kill (default 0)'),
    }),
  pod_failure: () => z.strictObject({ ...base('pod_failure', 'PodChaos pod-failure'), duration: faultDuration() }),
  container_kill: () =>
    z.strictObject({
      ...base('container_kill', 'PodChaos container-kill (one-shot)'),
      containers: stringList('container names').describe('Containers to kill'),
    }),
  cpu_stress: () => z.strictObject({ ...stress('cpu_stress'), load: intRange(0, 100).optional().describe('CPU load per worker, percent') }),
  memory_stress: () =>
    z.strictObject({
      ...stress('memory_stress'),
      // What Chaos Mesh's webhook accepts: docker units.FromHumanSize (a unit letter, then nothing, B or iB;
      // `Gi` and a bare `i` are refused) or an integer share of memory (strconv.Atoi, so no decimals).
      size: z.string(orMissing(SIZE_MSG)).regex(/^([0-9]+(\.[0-9]+)? ?([kKmMgGtTpP]([iI]?[bB])?|[bB])?|(100|[0-9]{1,2})%)$/, SIZE_MSG),
    }),
  http_abort: () => z.strictObject(http('http_abort')),
  http_delay: () => z.strictObject({ ...http('http_delay'), delay: duration().describe('Delay added to each matched request') }),
  io_latency: () => z.strictObject({ ...io('io_latency'), delay: duration().describe('Delay added to each affected operation') }),
  io_fault: () => z.strictObject({ ...io('io_fault'), errno: intRange(1, UINT32_MAX).describe('errno returned, e.g. 5 (EIO); must not be 0') }),
  dns_error: () => dns('dns_error'),
  dns_random: () => dns('dns_random'),
  time_skew: () =>
    z.strictObject({
      ...base('time_skew', 'TimeChaos'),
      offset: signedDuration().describe('Clock offset, e.g. -10m'),
      clock_ids: z.array(z.enum(CLOCK_IDS)).min(1).optional().describe('Clocks to skew (default CLOCK_REALTIME)'),
      containers: containers(),
      duration: faultDuration(),
    }),
} satisfies Record<FaultTypeName, () => z.ZodType>;

type Factories = typeof FACTORIES;
export type FaultInput = { [K in FaultTypeName]: z.infer<ReturnType<Factories[K]>> }[FaultTypeName];

const built = new Map<FaultTypeName, z.ZodType>();

/** The strict schema of one fault type's parameters. */
export function faultSchema(type: FaultTypeName): z.ZodType {
  let schema = built.get(type);
  if (!schema) built.set(type, (schema = FACTORIES[type]()));
  return schema;
}
