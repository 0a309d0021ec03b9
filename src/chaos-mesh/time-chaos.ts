// TimeChaos: shift the clocks of the selected containers (REFERENCE §7).
import type { Renderer } from './renderer.js';
import { defined } from './renderer.js';

export const timeSkew: Renderer<'time_skew'> = ({ fault }) => ({
  kind: 'TimeChaos',
  fields: defined({ containerNames: fault.containers, timeOffset: fault.offset, clockIds: fault.clockIds }),
});
