// NetworkChaos for the tc (delay/loss/corrupt/duplicate/bandwidth) and partition faults (REFERENCE §5).
import type { RenderInput, Renderer } from './renderer.js';
import { defined } from './renderer.js';
import { peerFields } from './selector.js';

// tc actions: `to` only toward the dependency; from/both with externalTargets is rejected by the webhook.
function toDependency(input: RenderInput): Record<string, unknown> {
  const dep = input.exp.dependency;
  return peerFields(dep, input.namespace, dep ? 'to' : undefined);
}

export const latency: Renderer<'latency'> = (input) => ({
  kind: 'NetworkChaos',
  action: 'delay',
  fields: {
    ...toDependency(input),
    // Explicit defaults: the controller cannot parse empty jitter/correlation.
    delay: { latency: input.fault.latency, jitter: input.fault.jitter ?? '0ms', correlation: input.fault.correlation ?? '0' },
  },
});

export const connectionFailure: Renderer<'connection_failure'> = (input) => ({
  kind: 'NetworkChaos',
  action: 'loss',
  fields: {
    ...peerFields(input.exp.dependency, input.namespace, 'to'),
    loss: { loss: input.fault.loss, correlation: input.fault.correlation ?? '0' },
  },
});

export const networkPartition: Renderer<'network_partition'> = (input) => ({
  kind: 'NetworkChaos',
  action: 'partition',
  fields: peerFields(input.exp.dependency, input.namespace, input.fault.direction),
});

export const packetLoss: Renderer<'packet_loss'> = (input) => ({
  kind: 'NetworkChaos',
  action: 'loss',
  fields: { ...toDependency(input), loss: { loss: input.fault.loss, correlation: input.fault.correlation ?? '0' } },
});

export const corrupt: Renderer<'corrupt'> = (input) => ({
  kind: 'NetworkChaos',
  action: 'corrupt',
  fields: {
    ...toDependency(input),
    corrupt: { corrupt: input.fault.corrupt, correlation: input.fault.correlation ?? '0' },
  },
});

export const duplicate: Renderer<'duplicate'> = (input) => ({
  kind: 'NetworkChaos',
  action: 'duplicate',
  fields: {
    ...toDependency(input),
    duplicate: { duplicate: input.fault.duplicate, correlation: input.fault.correlation ?? '0' },
  },
});

export const bandwidth: Renderer<'bandwidth'> = (input) => {
  const f = input.fault;
  // tc-tbf uses peakrate/minburst only as a pair (pkg/netem/convert.go).
  const peak = f.peakrate !== undefined && f.minburst !== undefined ? { peakrate: f.peakrate, minburst: f.minburst } : {};
  return {
    kind: 'NetworkChaos',
    action: 'bandwidth',
    fields: { ...toDependency(input), bandwidth: defined({ rate: f.rate, limit: f.limit, buffer: f.buffer, ...peak }) },
  };
};
