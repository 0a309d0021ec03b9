// Experiment → Chaos Mesh objects (SPEC §2.2, §2.3). Pure: same input, same manifests.
import { formatGoDuration } from '../experiment/duration.js';
import type { Experiment, FaultType } from '../experiment/model.js';
import { dnsError, dnsRandom } from './dns-chaos.js';
import { httpAbort, httpDelay } from './http-chaos.js';
import { ioFault, ioLatency } from './io-chaos.js';
import { objectMetadata } from './metadata.js';
import {
  bandwidth,
  connectionFailure,
  corrupt,
  duplicate,
  latency,
  networkPartition,
  packetLoss,
} from './network-chaos.js';
import { containerKill, podFailure, podKill } from './pod-chaos.js';
import type { Renderer } from './renderer.js';
import { targetSelection } from './selector.js';
import { cpuStress, memoryStress } from './stress-chaos.js';
import { timeSkew } from './time-chaos.js';
import { CHAOS_API_VERSION, type ChaosObject } from './types.js';

export const renderers = {
  latency,
  connection_failure: connectionFailure,
  network_partition: networkPartition,
  packet_loss: packetLoss,
  corrupt,
  duplicate,
  bandwidth,
  pod_kill: podKill,
  pod_failure: podFailure,
  container_kill: containerKill,
  cpu_stress: cpuStress,
  memory_stress: memoryStress,
  http_abort: httpAbort,
  http_delay: httpDelay,
  io_latency: ioLatency,
  io_fault: ioFault,
  dns_error: dnsError,
  dns_random: dnsRandom,
  time_skew: timeSkew,
} satisfies { [T in FaultType]: Renderer<T> };

/** The window Chaos Mesh itself enforces: a dead-man's switch if chaos dies without reverting. */
export function faultWindowMs(exp: Experiment): number {
  return exp.faultDurationMs ?? exp.durationMs;
}

// Chaos Mesh reads an empty, zero or unparsable duration as "run until deleted" (REFERENCE §4).
function positiveGoDuration(ms: number, allowanceMs: number): string {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`fault window must be a positive duration, got ${ms} ms`);
  return formatGoDuration(ms + allowanceMs);
}

/**
 * `allowanceMs` is added to spec.duration: Chaos Mesh counts it from creation, while the window is observed
 * from confirmed injection (up to the injection timeout later) and then removed by chaos itself.
 */
export function renderExperiment(exp: Experiment, ctx: { runId: string; namespace: string; allowanceMs?: number }): ChaosObject[] {
  const namespace = exp.target.namespace ?? ctx.namespace;
  // Indexing the table by a union loses the type/parameter correlation; the table's type guarantees it.
  const render = renderers[exp.fault.type] as Renderer;
  const { kind, action, fields } = render({ fault: exp.fault, exp, namespace });
  const spec: Record<string, unknown> = {
    ...(action !== undefined ? { action } : {}),
    ...targetSelection(exp.target, namespace),
    ...fields,
    duration: positiveGoDuration(faultWindowMs(exp), ctx.allowanceMs ?? 0),
  };
  return [{ apiVersion: CHAOS_API_VERSION, kind, metadata: objectMetadata(exp, { runId: ctx.runId, namespace }), spec }];
}
