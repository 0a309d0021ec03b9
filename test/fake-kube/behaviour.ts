// Knobs that make the fake cluster (and its simulated Chaos Mesh) misbehave; mutable at runtime.
import type { RbacDeny } from './rbac.js';

export interface Behaviour {
  /**
   * normal: select and inject; never: select but never inject; select-nothing: no pod is ever selected;
   * hollow: conditions claim Selected and AllInjected while no container record exists (chaos-mesh #3374).
   */
  injection: 'normal' | 'never' | 'select-nothing' | 'hollow';
  /** Pod and container kills are confirmed (records Injected) but no pod is touched. */
  killNoEffect: boolean;
  /** hang: a deleted chaos object stays Terminating forever (finalizer never removed). */
  deleteMode: 'normal' | 'hang';
  /** The next n DELETEs of chaos objects answer 500 InternalError. */
  failDeletes: number;
  rbacDeny: RbacDeny;
  /** A third-party validating webhook (e.g. a policy engine) that denies every chaos object write, dry runs included. */
  admissionDeny: { webhook: string; message: string } | false;
  /** Chaos Mesh not installed: chaos-mesh.org is not served at all. */
  noCrds: boolean;
  injectDelayMs: number;
  recoverDelayMs: number;
  /** How long a replacement (or restarted) pod stays not Ready. */
  podRestartMs: number;
  /** Added before every response. */
  latencyMs: number;
  /** Period of BOOKMARK events on watches that allow them. */
  bookmarkIntervalMs: number;
  /** Faults of the API server itself (slow, throttling, failing, resetting), matched in order. */
  faults: ApiFault[];
}

/**
 * One misbehaviour of the API server for matching requests. `hold` delays the request and then serves it
 * (a slow admission webhook: the write happens even if the client gave up); `status` answers that code
 * instead (429 with Retry-After, 500); `reset` destroys the connection without an answer.
 */
export interface ApiFault {
  method?: string;
  path?: RegExp;
  /** How many requests it applies to (default: all). Decremented as it fires. */
  times?: number;
  holdMs?: number;
  status?: number;
  retryAfterSeconds?: number;
  reset?: boolean;
}

export const DEFAULT_BEHAVIOUR: Behaviour = {
  injection: 'normal',
  deleteMode: 'normal',
  killNoEffect: false,
  failDeletes: 0,
  rbacDeny: false,
  admissionDeny: false,
  noCrds: false,
  injectDelayMs: 100,
  recoverDelayMs: 100,
  podRestartMs: 300,
  latencyMs: 0,
  bookmarkIntervalMs: 1000,
  faults: [],
};
