// Every request the fake received (never its Authorization header), for assertions in tests.

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  accept?: string;
  userAgent?: string;
  /** Whether a bearer token was sent (the token itself is never kept). */
  authenticated: boolean;
  body: string;
  /** Epoch ms at arrival. */
  time: number;
  /** HTTP status sent (set when the response started; 200 for watches). */
  status?: number;
}

export type RequestFilter =
  | ((r: LoggedRequest) => boolean)
  | { method?: string; path?: string | RegExp; query?: Record<string, string> };

export function toPredicate(f: RequestFilter | undefined): (r: LoggedRequest) => boolean {
  if (f === undefined) return () => true;
  if (typeof f === 'function') return f;
  return (r) =>
    (f.method === undefined || r.method === f.method.toUpperCase()) &&
    (f.path === undefined || (typeof f.path === 'string' ? r.path === f.path : f.path.test(r.path))) &&
    Object.entries(f.query ?? {}).every(([k, v]) => r.query[k] === v);
}

export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  private readonly waiters = new Set<{ pred: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }>();

  add(r: LoggedRequest): void {
    this.entries.push(r);
    for (const w of [...this.waiters]) {
      if (w.pred(r)) {
        this.waiters.delete(w);
        w.resolve(r);
      }
    }
  }

  list(f?: RequestFilter): LoggedRequest[] {
    return this.entries.filter(toPredicate(f));
  }

  /** Resolves with the first matching request, already received or yet to come. */
  waitFor(f: RequestFilter, timeoutMs: number): Promise<LoggedRequest> {
    const pred = toPredicate(f);
    const hit = this.entries.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const waiter = {
        pred,
        resolve: (r: LoggedRequest) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake-kube: no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
