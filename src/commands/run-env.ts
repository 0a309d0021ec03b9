// Run-time knobs read from the environment, for slow clusters and for tests of the lock (SPEC §10).
import { UsageError } from '../errors.js';
import { parseDuration } from '../experiment/duration.js';

/** Default lease duration of the namespace lock; renewed every third of it. */
export const LOCK_TTL_DEFAULT_MS = 60_000;
/** Default per-request timeout of the Kubernetes API (watches have their own deadlines). */
export const REQUEST_TIMEOUT_DEFAULT_MS = 30_000;

function durationVar(env: Record<string, string | undefined>, name: string, minMs: number): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms < minMs) throw new UsageError(`${name} must be a duration of at least ${minMs / 1000}s (like 30s or 2m), got "${text}"`);
  return ms;
}

/** CHAOS_LOCK_TTL: how long the namespace lock outlives a run that stops renewing it (a crashed run). */
export const lockTtlMs = (env: Record<string, string | undefined>): number => durationVar(env, 'CHAOS_LOCK_TTL', 3_000) ?? LOCK_TTL_DEFAULT_MS;

/** CHAOS_KUBE_TIMEOUT: how long one Kubernetes API request may take. */
export const kubeTimeoutMs = (env: Record<string, string | undefined>): number => durationVar(env, 'CHAOS_KUBE_TIMEOUT', 1_000) ?? REQUEST_TIMEOUT_DEFAULT_MS;
