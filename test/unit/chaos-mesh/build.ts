// Experiments built directly (not from YAML), shaped as experiment/parse.ts normalises them.
import type {
  Criterion,
  Dependency,
  Experiment,
  Fault,
  FaultType,
  LabelSelector,
  Target,
} from '../../../src/experiment/model.js';

export const FILE = 'chaos/experiments.yml';

export function labels(matchLabels: Record<string, string>, matchExpressions: LabelSelector['matchExpressions'] = []): LabelSelector {
  return { matchLabels, matchExpressions };
}

export function service(name: string, extra: Partial<Target> = {}): Target {
  return { service: name, selector: labels({ app: name }), mode: 'all', ...extra };
}

export function podsDependency(name: string, namespace?: string): Dependency {
  return { kind: 'pods', service: name, namespace, selector: labels({ app: name }) };
}

export function criterion(label: string, extra: Partial<Criterion> = {}): Criterion {
  return {
    label,
    source: { file: FILE, line: 10, col: 9 },
    op: '<',
    value: 0.01,
    display: '0.01',
    when: 'always',
    aggregate: 'max',
    ...extra,
  };
}

export function experiment(name: string, fault: Fault, extra: Partial<Experiment> = {}): Experiment {
  return {
    name,
    source: { file: FILE, line: 3, col: 5 },
    target: service('api'),
    fault,
    durationMs: 300_000,
    criteria: [criterion('error_rate < 0.01')],
    abortWhen: [],
    hooks: { before: [], during: [], after: [] },
    ...extra,
  };
}

const ERROR_RATE =
  'sum(rate(http_requests_total{namespace="{{namespace}}",service="{{service}}",code=~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{{namespace}}",service="{{service}}"}[1m]))';

/** The seed's four experiments (SPEC §2), as the parser hands them over. */
export function seedExperiments(): Experiment[] {
  return [
    experiment('api-latency-injection', { type: 'latency', latency: '500ms' }, {
      source: { file: FILE, line: 3, col: 5 },
      target: service('api', { mode: 'fixed-percent', value: '10' }),
      durationMs: 300_000,
      criteria: [
        criterion('error_rate < 0.01', { metric: 'error_rate', query: ERROR_RATE, unit: 'ratio' }),
        criterion('p95_latency < 600ms', {
          metric: 'p95_latency',
          query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="{{service}}"}[1m])))',
          value: 0.6,
          display: '600ms',
          unit: 'seconds',
        }),
      ],
    }),
    experiment('database-connection-failure', { type: 'connection_failure', loss: '25' }, {
      source: { file: FILE, line: 15, col: 5 },
      dependency: podsDependency('postgresql'),
      durationMs: 180_000,
      criteria: [
        criterion('circuit_breaker_triggered: true', {
          metric: 'circuit_breaker_triggered',
          query: 'max(circuit_breaker_open{service="{{service}}"})',
          op: '==',
          value: 1,
          display: 'true',
          when: 'eventually',
        }),
      ],
    }),
    experiment('redis-partition', { type: 'network_partition', direction: 'both' }, {
      source: { file: FILE, line: 27, col: 5 },
      target: service('relay'),
      dependency: podsDependency('redis'),
      durationMs: 120_000,
      faultDurationMs: 120_000,
      criteria: [criterion('websocket_reconnection < 5s', { metric: 'websocket_reconnection', query: 'max(ws_reconnect_seconds{service="{{service}}"})', value: 5, display: '5s' })],
    }),
    experiment('pod-failure', { type: 'pod_kill' }, {
      source: { file: FILE, line: 37, col: 5 },
      target: { namespace: 'materi-production', selector: labels({ app: 'api' }), mode: 'fixed', value: '1' },
      durationMs: 600_000,
      criteria: [
        criterion('recovery_time < 30s', { builtin: 'recovery_time', metric: 'recovery_time', value: 30, display: '30s', when: 'end' }),
        criterion('no_data_loss: true', {
          metric: 'no_data_loss',
          query: 'sum(increase(writes_lost_total{service="{{service}}"}[{{window}}])) == bool 0',
          op: '==',
          value: 1,
          display: 'true',
          when: 'end',
        }),
      ],
    }),
  ];
}

/** One representative fault of every type, with every optional parameter set. */
export const FAULTS: { [T in FaultType]: Extract<Fault, { type: T }> } = {
  latency: { type: 'latency', latency: '250ms', jitter: '10ms', correlation: '25' },
  connection_failure: { type: 'connection_failure', loss: '25', correlation: '5' },
  network_partition: { type: 'network_partition', direction: 'to' },
  packet_loss: { type: 'packet_loss', loss: '0.5', correlation: '10' },
  corrupt: { type: 'corrupt', corrupt: '3', correlation: '0' },
  duplicate: { type: 'duplicate', duplicate: '40' },
  bandwidth: { type: 'bandwidth', rate: '1mbit', limit: 20_971_520, buffer: 10_000, peakrate: 2_000_000, minburst: 1_500 },
  pod_kill: { type: 'pod_kill', gracePeriod: 5 },
  pod_failure: { type: 'pod_failure' },
  container_kill: { type: 'container_kill', containers: ['api', 'sidecar'] },
  cpu_stress: { type: 'cpu_stress', workers: 2, load: 80, containers: ['api'] },
  memory_stress: { type: 'memory_stress', workers: 1, size: '256MB', containers: ['api'] },
  http_abort: { type: 'http_abort', port: 8080, target: 'Request', path: '/api/*', method: 'GET', code: 200 },
  http_delay: { type: 'http_delay', port: 8080, target: 'Response', delay: '2s', path: '/api/*', method: 'POST', code: 200 },
  io_latency: { type: 'io_latency', volumePath: '/data', delay: '100ms', path: '/data/**/*', percent: 50, methods: ['read', 'write'], containers: ['db'] },
  io_fault: { type: 'io_fault', volumePath: '/data', errno: 5, path: '/data/*', percent: 10, methods: ['open'], containers: ['db'] },
  dns_error: { type: 'dns_error', patterns: ['google.com', 'chaos-mesh.*'], containers: ['api'] },
  dns_random: { type: 'dns_random', patterns: ['example.*'] },
  time_skew: { type: 'time_skew', offset: '-10m', clockIds: ['CLOCK_REALTIME'], containers: ['api'] },
};

export function faultTypes(): FaultType[] {
  return Object.keys(FAULTS) as FaultType[];
}
