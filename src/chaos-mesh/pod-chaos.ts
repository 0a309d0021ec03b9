// PodChaos: pod-kill and container-kill are one-shot; pod-failure lasts for the window (REFERENCE §6).
import type { Renderer } from './renderer.js';
import { defined } from './renderer.js';

export const podKill: Renderer<'pod_kill'> = ({ fault }) => ({
  kind: 'PodChaos',
  action: 'pod-kill',
  fields: defined({ gracePeriod: fault.gracePeriod }),
});

export const podFailure: Renderer<'pod_failure'> = () => ({ kind: 'PodChaos', action: 'pod-failure', fields: {} });

export const containerKill: Renderer<'container_kill'> = ({ fault }) => ({
  kind: 'PodChaos',
  action: 'container-kill',
  fields: { containerNames: [...fault.containers] },
});
