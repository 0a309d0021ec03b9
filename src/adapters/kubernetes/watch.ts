// Watch one object (GET for a resourceVersion, then a watch with fieldSelector metadata.name) until a
// decision is reached, the deadline passes or the signal aborts. Watches that close early or fail
// transiently are re-established from a fresh GET, so no change is missed.
import type { Watch } from '@kubernetes/client-node';
import { sleep } from './retry.js';

export interface KubeObject {
  metadata?: { name?: string; resourceVersion?: string; deletionTimestamp?: unknown } | undefined;
  [key: string]: unknown;
}

export interface WatchUntilOptions<T> {
  watch: Watch;
  /** Collection path, e.g. /apis/chaos-mesh.org/v1alpha1/namespaces/ns/networkchaos */
  path: string;
  name: string;
  /** Current object, or undefined when it does not exist (404). */
  get: () => Promise<KubeObject | undefined>;
  /** An object just seen (with its resourceVersion): the first round watches from it instead of a GET. */
  initial?: KubeObject | undefined;
  /** Looks at the object (undefined: it is gone) and returns a value once done, else undefined. */
  decide: (obj: KubeObject | undefined) => T | undefined;
  /** Epoch ms. */
  deadline: number;
  signal?: AbortSignal | undefined;
  isRetryable: (e: unknown) => boolean;
}

type WatchEnd<T> = { decided: true; value: T } | { decided: false; error?: unknown };

const MIN_HEALTHY_WATCH_MS = 1_000;
const MAX_BACKOFF_MS = 2_000;

/**
 * The decision, or undefined when the deadline passed first. Rejects with signal.reason when aborted,
 * and with the last error when the server never answered a GET before the deadline.
 */
export async function watchUntil<T>(o: WatchUntilOptions<T>): Promise<T | undefined> {
  let backoff = 100;
  let answered = false;
  let lastError: unknown;
  const pause = async (): Promise<void> => {
    await sleep(Math.max(0, Math.min(backoff, o.deadline - Date.now())), o.signal);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  };
  let initial = o.initial;
  while (Date.now() < o.deadline) {
    if (o.signal?.aborted) throw o.signal.reason;
    let obj: KubeObject | undefined;
    try {
      obj = initial ?? (await o.get());
      initial = undefined;
      answered = true;
    } catch (e) {
      if (o.signal?.aborted) throw o.signal.reason;
      if (!o.isRetryable(e)) throw e;
      lastError = e;
      await pause();
      continue;
    }
    const now = o.decide(obj);
    if (now !== undefined) return now;
    if (obj === undefined) {
      // Gone but the caller is not done with that (it waits for it to appear): poll with backoff.
      await pause();
      continue;
    }
    const started = Date.now();
    const end = await watchOnce(o, obj.metadata?.resourceVersion);
    if (o.signal?.aborted) throw o.signal.reason;
    if (end.decided) return end.value;
    const expired = (end.error as { statusCode?: unknown } | undefined)?.statusCode === 410;
    if (end.error !== undefined && !expired && !o.isRetryable(end.error)) throw end.error;
    // A watch that keeps closing at once (proxy, flaky server) must not turn into a busy loop.
    if (Date.now() - started < MIN_HEALTHY_WATCH_MS || end.error !== undefined) await pause();
    else backoff = 100;
  }
  if (!answered && lastError !== undefined) throw lastError;
  return undefined;
}

function watchOnce<T>(o: WatchUntilOptions<T>, resourceVersion: string | undefined): Promise<WatchEnd<T>> {
  return new Promise((resolve) => {
    let controller: AbortController | undefined;
    let settled = false;
    const finish = (end: WatchEnd<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      controller?.abort();
      resolve(end);
    };
    const onAbort = (): void => finish({ decided: false });
    const timer = setTimeout(() => finish({ decided: false }), Math.max(0, o.deadline - Date.now()));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const params: Record<string, string | boolean> = { fieldSelector: `metadata.name=${o.name}`, allowWatchBookmarks: true };
    if (resourceVersion) params.resourceVersion = resourceVersion;
    o.watch
      .watch(
        o.path,
        params,
        (phase: string, obj: KubeObject) => {
          if (settled || phase === 'BOOKMARK') return;
          // An ERROR event carries a Status (410 Expired when our resourceVersion is too old): start over
          // from a fresh GET, which surfaces any real problem as an error.
          if (phase === 'ERROR') return finish({ decided: false });
          if (obj?.metadata?.name !== o.name) return;
          const value = o.decide(phase === 'DELETED' ? undefined : obj);
          if (value !== undefined) finish({ decided: true, value });
        },
        (err: unknown) => finish({ decided: false, error: err ?? undefined }),
      )
      .then(
        (c) => {
          controller = c;
          if (settled) c.abort();
        },
        (err: unknown) => finish({ decided: false, error: err }),
      );
  });
}
