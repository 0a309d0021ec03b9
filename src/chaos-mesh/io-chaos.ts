// IOChaos: latency or errno faults on a mounted volume (REFERENCE §7).
import type { Renderer } from './renderer.js';
import { defined } from './renderer.js';

export const ioLatency: Renderer<'io_latency'> = ({ fault }) => ({
  kind: 'IOChaos',
  action: 'latency',
  fields: defined({
    containerNames: fault.containers,
    volumePath: fault.volumePath,
    path: fault.path,
    delay: fault.delay,
    percent: fault.percent,
    methods: fault.methods,
  }),
});

export const ioFault: Renderer<'io_fault'> = ({ fault }) => ({
  kind: 'IOChaos',
  action: 'fault',
  fields: defined({
    containerNames: fault.containers,
    volumePath: fault.volumePath,
    path: fault.path,
    errno: fault.errno,
    percent: fault.percent,
    methods: fault.methods,
  }),
});
