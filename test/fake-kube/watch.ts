// ?watch=true: chunked newline-delimited JSON events that follow the store, with resourceVersion
// resume (410 Expired when too old), selector transitions, timeoutSeconds and optional BOOKMARKs.
import type { ServerResponse } from 'node:http';
import { expired } from './status.js';
import { apiVersionOf, type ResourceType, typeKey } from './resources.js';
import { matchesFilter, type ObjectFilter } from './selectors.js';
import type { EventType, KObj, Store, StoreEvent } from './store.js';

export interface WatchOptions {
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  sendInitialEvents?: boolean;
  bookmarkIntervalMs: number;
  /** Turns each event's object into what the client asked for (e.g. a one-row Table). */
  render: (obj: KObj, first: boolean) => unknown;
}

/** Maps a store event to what a watcher with this filter sees (objects can move in and out of a selector). */
function visibleAs(e: StoreEvent, f: ObjectFilter): EventType | undefined {
  const now = e.type !== 'DELETED' && matchesFilter(e.object, f);
  const before = e.previous !== undefined && matchesFilter(e.previous, f);
  if (e.type === 'ADDED') return now ? 'ADDED' : undefined;
  if (e.type === 'DELETED') return before ? 'DELETED' : undefined;
  if (now) return before ? 'MODIFIED' : 'ADDED';
  return before ? 'DELETED' : undefined;
}

export function serveWatch(
  res: ServerResponse,
  store: Store,
  type: ResourceType,
  filter: ObjectFilter,
  opts: WatchOptions,
): { stop: () => void } {
  const key = typeKey(type);
  let first = true;
  let stopped = false;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();

  const write = (evType: string, object: unknown): void => {
    if (!stopped && !res.writableEnded) res.write(`${JSON.stringify({ type: evType, object })}\n`);
  };
  const send = (evType: EventType, obj: KObj): void => {
    write(evType, opts.render(obj, first));
    first = false;
  };
  const bookmark = (annotations?: Record<string, string>): void =>
    write('BOOKMARK', {
      kind: type.kind,
      apiVersion: apiVersionOf(type),
      metadata: { resourceVersion: String(store.currentRv()), ...(annotations ? { annotations } : {}) },
    });

  let timeout: NodeJS.Timeout | undefined;
  let bookmarkTimer: NodeJS.Timeout | undefined;
  let unsubscribe = (): void => {};
  const stop = (): void => {
    if (stopped) return;
    clearTimeout(timeout);
    clearTimeout(bookmarkTimer);
    unsubscribe();
    if (!res.writableEnded) res.end();
    stopped = true;
  };
  res.on('close', stop);

  const rv = opts.resourceVersion;
  const fromState = rv === undefined || rv === '' || rv === '0' || opts.sendInitialEvents === true;
  if (fromState) {
    for (const obj of store.list(key, filter.namespace)) if (matchesFilter(obj, filter)) send('ADDED', obj);
    if (opts.sendInitialEvents && opts.allowBookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } else {
    const replay = /^\d+$/.test(rv) ? store.since(key, Number(rv)) : undefined;
    if (!replay) {
      write('ERROR', expired(`too old resource version: ${rv} (${store.currentRv()})`).status);
      stop();
      return { stop };
    }
    for (const e of replay) {
      const t = visibleAs(e, filter);
      if (t) send(t, e.object);
    }
  }

  unsubscribe = store.subscribe((e) => {
    if (e.key !== key) return;
    const t = visibleAs(e, filter);
    if (t) send(t, e.object);
  });
  if (opts.timeoutSeconds !== undefined && opts.timeoutSeconds > 0) timeout = setTimeout(stop, opts.timeoutSeconds * 1000);
  if (opts.allowBookmarks) {
    const tick = (): void => {
      bookmark();
      bookmarkTimer = setTimeout(tick, opts.bookmarkIntervalMs);
    };
    bookmarkTimer = setTimeout(tick, opts.bookmarkIntervalMs);
  }
  return { stop };
}
