// Generated experiment files: many experiments with unique names, in the seed's own shapes.

/** The seed's four experiments (SPEC §2), cycled; `i` makes every name unique. */
const SEED_SHAPES: ((i: number) => string)[] = [
  (i) => `  - name: api-latency-injection-${i}
    description: Inject latency into API responses
    target: { service: api, percentage: 10 }
    fault: { type: latency, duration: 500ms }
    duration: 5m
    success_criteria: [ "error_rate < 0.01", "p95_latency < 600ms" ]`,
  (i) => `  - name: database-connection-failure-${i}
    target: { service: api, dependency: postgresql }
    fault: { type: connection_failure, percentage: 25 }
    duration: 3m
    success_criteria: [ { circuit_breaker_triggered: true }, { fallback_activated: true } ]`,
  (i) => `  - name: redis-partition-${i}
    target: { service: relay, dependency: redis }
    fault: { type: network_partition, duration: 2m }
    success_criteria: [ "websocket_reconnection < 5s", { data_consistency: eventual } ]`,
  (i) => `  - name: pod-failure-${i}
    target: { namespace: materi-production, label_selector: app=api }
    fault: { type: pod_kill, count: 1 }
    duration: 10m
    success_criteria: [ "recovery_time < 30s", { no_data_loss: true } ]`,
];

export function seedExperiments(n: number): string {
  const items = Array.from({ length: n }, (_, i) => SEED_SHAPES[i % SEED_SHAPES.length]!(i));
  return `experiments:\n${items.join('\n')}\n`;
}

/** Small latency faults on app=api judged by the catalog's error_rate: cheap to run back to back. */
export function latencyExperiments(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) => `  - name: bench-latency-${i}
    target: { namespace: materi-production, label_selector: app=api }
    fault: { type: latency, latency: 10ms }
    duration: 2s
    success_criteria: [ "error_rate < 0.01" ]`,
  );
  return `experiments:\n${items.join('\n')}\n`;
}
