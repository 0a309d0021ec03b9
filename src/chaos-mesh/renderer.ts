// The contract between render.ts and the per-kind renderers.
import type { Experiment, Fault, FaultType } from '../experiment/model.js';
import type { ChaosKind } from './types.js';

export interface RenderInput<F extends Fault = Fault> {
  fault: F;
  exp: Experiment;
  /** Namespace of the chaos object and of the target pods. */
  namespace: string;
}

/** What a kind adds to the common spec (selector, mode, value, duration are filled by render.ts). */
export interface KindSpec {
  kind: ChaosKind;
  action?: string;
  fields: Record<string, unknown>;
}

export type Renderer<T extends FaultType = FaultType> = (input: RenderInput<Extract<Fault, { type: T }>>) => KindSpec;

/** Only set optional fields that carry a value, so manifests never hold `null`/`[]` placeholders. */
export function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields)
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]), // never share arrays with the experiment
  );
}
