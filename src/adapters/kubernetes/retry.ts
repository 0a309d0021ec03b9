// Exponential backoff for calls that must eventually get through (revert), bounded by a deadline and a signal.

export interface RetryOptions {
  /** Epoch ms after which no new attempt starts; the last error is thrown. */
  deadline: number;
  signal?: AbortSignal | undefined;
  isRetryable: (e: unknown) => boolean;
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A server-chosen wait (Retry-After) that the backoff must not undercut. */
  retryAfterMs?: (e: unknown) => number | undefined;
  /** Told about each failed attempt that will be retried (for progress output). */
  onRetry?: (e: unknown, attempt: number, delayMs: number) => void;
}

/** Resolves after ms; rejects with the signal's reason when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const initial = opts.initialDelayMs ?? 100;
  const max = opts.maxDelayMs ?? 2_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      const delay = Math.max(Math.min(max, initial * 2 ** (attempt - 1)), opts.retryAfterMs?.(e) ?? 0);
      if (!opts.isRetryable(e) || Date.now() + delay >= opts.deadline) throw e;
      opts.onRetry?.(e, attempt, delay);
      await sleep(delay, opts.signal);
    }
  }
}
