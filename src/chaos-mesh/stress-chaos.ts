// StressChaos: one stressor per fault type (REFERENCE §7).
import type { Renderer } from './renderer.js';
import { defined } from './renderer.js';

export const cpuStress: Renderer<'cpu_stress'> = ({ fault }) => ({
  kind: 'StressChaos',
  fields: defined({
    containerNames: fault.containers,
    stressors: { cpu: defined({ workers: fault.workers, load: fault.load }) },
  }),
});

export const memoryStress: Renderer<'memory_stress'> = ({ fault }) => ({
  kind: 'StressChaos',
  fields: defined({
    containerNames: fault.containers,
    stressors: { memory: { workers: fault.workers, size: fault.size } },
  }),
});
