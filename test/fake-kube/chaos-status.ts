// Chaos Mesh status vocabulary (REFERENCE §8) shared by the simulated controller.
import type { ContainerRecord } from './selection.js';
import type { KObj } from './store.js';

export const FINALIZER = 'chaos-mesh/records';
export const PAUSE = 'experiment.chaos-mesh.org/pause';
export const CLEAN_FINALIZER = 'chaos-mesh.chaos-mesh.org/cleanFinalizer';
/** Kinds whose records pass through "Not Injected/Wait" while per-pod helper objects sync. */
export const WAIT_KINDS = new Set(['NetworkChaos', 'IOChaos', 'HTTPChaos']);

export const isOneShot = (o: KObj): boolean => o.kind === 'PodChaos' && ['pod-kill', 'container-kill'].includes(o.spec?.action);
export const isPaused = (o: KObj | undefined): boolean => o?.metadata.annotations?.[PAUSE] === 'true';
export const recordsOf = (o: KObj): ContainerRecord[] => o.status?.experiment?.containerRecords ?? [];

/** Conditions as the condition controller recomputes them on every reconcile. */
export function conditions(o: KObj): Record<string, string>[] {
  const r = recordsOf(o);
  const flag = (b: boolean): string => (b ? 'True' : 'False');
  return [
    { type: 'Selected', status: flag(r.length > 0), reason: '' },
    { type: 'AllInjected', status: flag(r.length > 0 && r.every((x) => x.phase === 'Injected')), reason: '' },
    { type: 'AllRecovered', status: flag(r.length > 0 && r.every((x) => x.phase === 'Not Injected')), reason: '' },
    { type: 'Paused', status: flag(isPaused(o)), reason: '' },
  ];
}

/** What a misbehaving Chaos Mesh reports in the hollow-injection bug: injected, with nothing recorded. */
export function hollowConditions(o: KObj): Record<string, string>[] {
  return [
    { type: 'Selected', status: 'True', reason: '' },
    { type: 'AllInjected', status: 'True', reason: '' },
    { type: 'AllRecovered', status: 'False', reason: '' },
    { type: 'Paused', status: isPaused(o) ? 'True' : 'False', reason: '' },
  ];
}
