// Each fault type maps to the model in the value forms Chaos Mesh accepts, and Chaos Mesh's own
// admission rules (and the ones it forgets) fail here, before anything touches a cluster.
import { describe, expect, it } from 'vitest';
import { experiment, only, problems } from './helpers.js';

const fault = (f: string, target = '{ service: api }', extra?: string) => only(experiment(target, f, extra)).fault;
const faultProblems = (f: string, target = '{ service: api }', extra?: string) => problems(experiment(target, f, extra));

describe('network faults', () => {
  it('latency: latency or the seed\'s duration is the delay, single-unit; jitter and correlation as strings', () => {
    expect(fault('{ type: latency, duration: 500ms }')).toEqual({ type: 'latency', latency: '500ms' });
    expect(fault('{ type: latency, latency: 1m30s, jitter: 1500ms, correlation: 50 }')).toEqual({ type: 'latency', latency: '90s', jitter: '1500ms', correlation: '50' });
    expect(faultProblems('{ type: latency }')).toEqual(['fault.type: latency needs the added delay: latency: 200ms']);
    expect(faultProblems('{ type: latency, latency: 1s, duration: 2s }')).toEqual(['fault.duration: the delay is given twice (latency and duration): keep latency']);
    expect(faultProblems('{ type: latency, latency: 0s }')).toEqual(['fault.latency: must be a duration above zero, like 500ms, 30s or 5m']);
  });

  it('durations that reach Chaos Mesh fit Go\'s time.Duration: whole nanoseconds, at most 2562047h', () => {
    const tooLong = 'must be at most 2562047h: Chaos Mesh reads durations as Go time.Duration, which ends there';
    const tooShort = 'must be at least 1ns: Chaos Mesh reads durations in whole nanoseconds (this would be 0)';
    expect(only(experiment('{ service: api }', '{ type: pod_failure }', 'duration: 2562047h')).durationMs).toBe(9_223_369_200_000);
    expect(problems(experiment('{ service: api }', '{ type: pod_failure }', 'duration: 2562048h'))).toEqual([`duration: ${tooLong}`]);
    expect(problems(experiment('{ service: api }', '{ type: pod_failure }', 'duration: 0.1ns'))).toEqual([`duration: ${tooShort}`]);
    expect(faultProblems('{ type: pod_failure, duration: 9999999999h }', '{ service: api }', '')).toEqual([`fault.duration: ${tooLong}`]);
    expect(faultProblems('{ type: latency, latency: 1ms, jitter: 2562048h }')).toEqual([`fault.jitter: ${tooLong}`]);
    expect(faultProblems('{ type: http_delay, port: 80, delay: 0.5ns }')).toEqual([`fault.delay: ${tooShort}`]);
    expect(faultProblems('{ type: time_skew, offset: -2562048h }')).toEqual([`fault.offset: ${tooLong}`]);
  });

  it('latency without an experiment duration has no window (fault.duration is the delay)', () => {
    expect(problems(experiment('{ service: api }', '{ type: latency, duration: 500ms }', ''))).toEqual(['duration: missing duration: how long the fault is active and observed, e.g. duration: 5m']);
  });

  it('connection_failure: loss toward the dependency, 100% by default', () => {
    expect(fault('{ type: connection_failure }', '{ service: api, dependency: postgresql }')).toEqual({ type: 'connection_failure', loss: '100' });
    expect(fault('{ type: connection_failure, percentage: 0.5, correlation: 10 }', '{ service: api, dependency: db }')).toEqual({ type: 'connection_failure', loss: '0.5', correlation: '10' });
    expect(faultProblems('{ type: connection_failure, percentage: 0 }', '{ service: api, dependency: db }')).toEqual(['fault.percentage: must be a number above 0 and at most 100 (no %)']);
  });

  it('network_partition: both with a dependency, to without; from/both need a dependency', () => {
    expect(fault('{ type: network_partition }', '{ service: relay, dependency: redis }')).toEqual({ type: 'network_partition', direction: 'both' });
    expect(fault('{ type: network_partition }')).toEqual({ type: 'network_partition', direction: 'to' });
    expect(fault('{ type: network_partition, direction: from }', '{ service: relay, dependency: redis }')).toEqual({ type: 'network_partition', direction: 'from' });
    expect(faultProblems('{ type: network_partition, direction: both }')[0]).toContain('direction "both" needs target.dependency');
    expect(faultProblems('{ type: network_partition, direction: sideways }')[0]).toContain('"sideways" is not allowed; one of: to, from, both');
  });

  it('fault.duration is the fault\'s own length and the window when duration is absent', () => {
    const e = only(experiment('{ service: api }', '{ type: packet_loss, percentage: 10, duration: 1m }', ''));
    expect([e.durationMs, e.faultDurationMs]).toEqual([60_000, 60_000]);
    const f = only(experiment('{ service: api }', '{ type: packet_loss, percentage: 10, duration: 1m }', 'duration: 3m'));
    expect([f.durationMs, f.faultDurationMs]).toEqual([180_000, 60_000]);
  });

  it('packet_loss, corrupt, duplicate: percentage (required) into the Chaos Mesh field', () => {
    expect(fault('{ type: packet_loss, percentage: 10, correlation: 25 }')).toEqual({ type: 'packet_loss', loss: '10', correlation: '25' });
    expect(fault('{ type: corrupt, percentage: 5 }')).toEqual({ type: 'corrupt', corrupt: '5' });
    expect(fault('{ type: duplicate, percentage: 20 }')).toEqual({ type: 'duplicate', duplicate: '20' });
    expect(faultProblems('{ type: duplicate }')).toEqual(['fault.percentage: missing required key "percentage"']);
    expect(faultProblems('{ type: corrupt, percentage: "5%" }')).toEqual(['fault.percentage: must be a number above 0 and at most 100 (no %)']);
  });

  it('bandwidth: rate syntax, limit/buffer ≥ 1, peakrate with minburst', () => {
    expect(fault('{ type: bandwidth, rate: 10MBPS, limit: 100, buffer: 10 }')).toEqual({ type: 'bandwidth', rate: '10mbps', limit: 100, buffer: 10 });
    expect(fault('{ type: bandwidth, rate: 1mbit, limit: 1, buffer: 1, peakrate: 2, minburst: 3 }')).toMatchObject({ peakrate: 2, minburst: 3 });
    expect(faultProblems('{ type: bandwidth, rate: 1mbit, limit: 0, buffer: 1 }')).toEqual(['fault.limit: must be an integer from 1 to 4294967295']);
    // Chaos Mesh's Go fields are uint32: one more fails its admission.
    expect(fault('{ type: bandwidth, rate: 1mbit, limit: 4294967295, buffer: 4294967295, peakrate: 5, minburst: 4294967295 }')).toMatchObject({ limit: 4294967295, buffer: 4294967295, minburst: 4294967295 });
    expect(faultProblems('{ type: bandwidth, rate: 1mbit, limit: 4294967296, buffer: 4294967296, peakrate: 5, minburst: 4294967296 }')).toEqual([
      'fault.limit: must be an integer from 1 to 4294967295',
      'fault.buffer: must be an integer from 1 to 4294967295',
      'fault.minburst: must be an integer from 0 to 4294967295',
    ]);
    expect(faultProblems('{ type: bandwidth, rate: 1mbit, limit: 1, buffer: 1, peakrate: 2 }')).toEqual(['fault.peakrate: peakrate and minburst only work together: set both or neither']);
    // Chaos Mesh parses the number with strconv.ParseUint(…, 64): 20 digits can overflow it.
    expect(fault('{ type: bandwidth, rate: 9999999999999999999bit, limit: 1, buffer: 1 }')).toMatchObject({ rate: '9999999999999999999bit' });
    expect(faultProblems('{ type: bandwidth, rate: 18446744073709551616bit, limit: 1, buffer: 1 }')[0]).toMatch(/^fault\.rate: must be an integer with a unit.*at most 19 digits/);
  });

  it('a dependency can be namespace/name, an object, or hosts outside the cluster', () => {
    const dep = (d: string) => only(experiment(`{ service: api, dependency: ${d} }`, '{ type: latency, latency: 10ms }')).dependency;
    expect(dep('data/postgresql')).toEqual({ kind: 'pods', service: 'postgresql', namespace: 'data', selector: { matchLabels: { app: 'postgresql' }, matchExpressions: [] } });
    expect(dep('{ namespace: data, label_selector: "app=pg,role=primary" }')).toEqual({ kind: 'pods', service: 'pg', namespace: 'data', selector: { matchLabels: { app: 'pg', role: 'primary' }, matchExpressions: [] } });
    expect(dep('{ hosts: [10.0.0.0/8, "api.stripe.com:443", 1.2.3.4] }')).toEqual({ kind: 'external', hosts: ['10.0.0.0/8', 'api.stripe.com:443', '1.2.3.4'] });
    expect(problems(experiment('{ service: api, dependency: { hosts: [a.com], service: b } }', '{ type: latency, latency: 10ms }'))).toEqual([
      'target.dependency.service: hosts (outside the cluster) cannot be combined with service, namespace or label_selector',
    ]);
    expect(problems(experiment('{ service: api, dependency: {} }', '{ type: latency, latency: 10ms }'))).toEqual(['target.dependency: dependency needs service, label_selector or hosts']);
    expect(problems(experiment('{ service: api, dependency: Data/pg }', '{ type: latency, latency: 10ms }'))[0]).toContain('namespace "Data" is not a DNS-1123 label');
  });
});

describe('pod, stress, http, io, dns and time faults', () => {
  it('pod faults default to one pod; count (target or fault) → fixed', () => {
    expect(only(experiment('{ service: api }', '{ type: pod_kill, grace_period: 5 }'))).toMatchObject({ fault: { type: 'pod_kill', gracePeriod: 5 }, target: { mode: 'one' } });
    expect(only(experiment('{ service: api, count: 2 }', '{ type: pod_failure }')).target).toMatchObject({ mode: 'fixed', value: '2' });
    expect(fault('{ type: container_kill, containers: [api, sidecar] }')).toEqual({ type: 'container_kill', containers: ['api', 'sidecar'] });
    expect(faultProblems('{ type: container_kill, containers: [] }')).toEqual(['fault.containers: must list at least one container name']);
    expect(faultProblems('{ type: pod_kill }', '{ service: api, count: 1 }', 'duration: 5m\nfault_count: 1')[0]).toContain('unknown key "fault_count"');
    expect(problems(experiment('{ service: api, count: 1 }', '{ type: pod_kill, count: 2 }'))).toEqual(['target.count: count is given twice (target.count and fault.count): keep one']);
  });

  it('other faults default to all pods; percentage → fixed-percent', () => {
    expect(only(experiment('{ service: api }', '{ type: cpu_stress }')).target).toMatchObject({ mode: 'all' });
    expect(only(experiment('{ service: api, percentage: 25 }', '{ type: cpu_stress }')).target).toMatchObject({ mode: 'fixed-percent', value: '25' });
  });

  it('stress: workers ≥ 1 (default 1), load 0–100, memory size', () => {
    expect(fault('{ type: cpu_stress, load: 80, containers: [api] }')).toEqual({ type: 'cpu_stress', workers: 1, load: 80, containers: ['api'] });
    expect(fault('{ type: memory_stress, workers: 2, size: 50% }')).toEqual({ type: 'memory_stress', workers: 2, size: '50%' });
    expect(fault('{ type: memory_stress, size: 1GiB }')).toMatchObject({ size: '1GiB' });
    expect(faultProblems('{ type: cpu_stress, load: 101 }')).toEqual(['fault.load: must be an integer from 0 to 100']);
    expect(faultProblems('{ type: memory_stress, size: 150% }')[0]).toContain('must be a size like 256MB');
    for (const size of ['512m', '1.5GB', '2 KiB', '100b', '0%', '100%', '4096']) expect(fault(`{ type: memory_stress, size: "${size}" }`)).toMatchObject({ size: size.replace(' ', '') });
    // Chaos Mesh's webhook refuses these (units.FromHumanSize / strconv.Atoi).
    for (const size of ['1Gi', '5i', '5ib', '50.5%', '1bi'])
      expect(faultProblems(`{ type: memory_stress, size: "${size}" }`), size).toEqual(['fault.size: must be a size like 256MB or 1GiB (not 1Gi: Chaos Mesh needs the B), or a whole share of memory like 50%']);
  });

  it('http: port required, target Request by default, upper-case method', () => {
    expect(fault('{ type: http_abort, port: 8080, path: /api/*, method: POST }')).toEqual({ type: 'http_abort', port: 8080, target: 'Request', path: '/api/*', method: 'POST' });
    expect(fault('{ type: http_delay, port: 80, delay: 1m30s, target: Response, code: 503 }')).toEqual({ type: 'http_delay', port: 80, target: 'Response', code: 503, delay: '1m30s' });
    expect(faultProblems('{ type: http_abort, port: 8080, method: get }')).toEqual(['fault.method: "get" is not allowed (did you mean "GET"?); one of: GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE']);
    expect(faultProblems('{ type: http_abort, port: 0 }')).toEqual(['fault.port: must be an integer from 1 to 65535']);
    expect(faultProblems('{ type: http_delay, port: 80 }')).toEqual(['fault.delay: missing required key "delay"']);
  });

  it('io: volume_path required, errno ≠ 0, percent 0–100, known methods', () => {
    expect(fault('{ type: io_latency, volume_path: /data, delay: 100ms, percent: 50, methods: [read, write] }')).toEqual({ type: 'io_latency', volumePath: '/data', delay: '100ms', percent: 50, methods: ['read', 'write'] });
    expect(fault('{ type: io_fault, volume_path: /data, errno: 28, path: "/data/*.db" }')).toEqual({ type: 'io_fault', volumePath: '/data', errno: 28, path: '/data/*.db' });
    expect(faultProblems('{ type: io_fault, errno: 5 }')).toEqual(['fault.volume_path: missing required key "volume_path"']);
    expect(faultProblems('{ type: io_latency, volume_path: /d, delay: 1s, percent: 120 }')).toEqual(['fault.percent: must be an integer from 0 to 100']);
    // errno is a Go uint32 in Chaos Mesh.
    expect(fault('{ type: io_fault, volume_path: /d, errno: 4294967295 }')).toMatchObject({ errno: 4294967295 });
    expect(faultProblems('{ type: io_fault, volume_path: /d, errno: 4294967296 }')).toEqual(['fault.errno: must be an integer from 1 to 4294967295']);
    expect(faultProblems('{ type: io_latency, volume_path: /d, delay: 1s, methods: [wrte] }')[0]).toContain('"wrte" is not allowed (did you mean "write"?)');
  });

  it('dns: patterns with * only at the end', () => {
    expect(fault('{ type: dns_error, patterns: ["redis.*", "db?.svc"] }')).toEqual({ type: 'dns_error', patterns: ['redis.*', 'db?.svc'] });
    expect(fault('{ type: dns_random }')).toEqual({ type: 'dns_random' });
    expect(faultProblems('{ type: dns_error, patterns: ["chaos-*.org"] }')).toEqual(['fault.patterns[0]: a pattern may use * only at the end (e.g. api.*); use ? for single characters']);
  });

  it('time_skew: signed offset, never zero', () => {
    expect(fault('{ type: time_skew, offset: -10m, clock_ids: [CLOCK_REALTIME, CLOCK_MONOTONIC] }')).toEqual({ type: 'time_skew', offset: '-10m', clockIds: ['CLOCK_REALTIME', 'CLOCK_MONOTONIC'] });
    expect(fault('{ type: time_skew, offset: +1h30m }')).toEqual({ type: 'time_skew', offset: '1h30m' });
    expect(faultProblems('{ type: time_skew, offset: 0s }')).toEqual(['fault.offset: must not be zero: a skew of 0 changes nothing']);
  });

  it('only network faults take a dependency', () => {
    expect(problems(experiment('{ service: api, dependency: db }', '{ type: cpu_stress }'))).toEqual(['target.dependency: dependency only applies to network faults, not cpu_stress']);
  });
});
