// The Probes port over Node's fetch: one GET per poll, judged on status and body. Never throws: a refused
// connection or a timeout is a failed probe (reachability is what it tests). Header secrets come from env.
import type { HttpProbe } from '../../experiment/model.js';
import type { ProbeResult, Probes } from '../../ports.js';
import { redact } from '../../redact.js';

/** Enough to find a health page's marker; a probe never buffers a large body. */
const MAX_BODY_CHARS = 1024 * 1024;

export function headerValues(spec: HttpProbe, env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(spec.headers)) {
    const value = typeof v === 'string' ? v : env[v.env];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The values of the env vars probe headers name: secrets, for the redactor. */
export function probeSecrets(specs: readonly HttpProbe[], env: Record<string, string | undefined>): string[] {
  return specs.flatMap((s) => Object.values(s.headers).flatMap((v) => (typeof v === 'string' ? [] : [env[v.env] ?? '']).filter(Boolean)));
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

function why(e: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `timeout: no answer within ${seconds(timeoutMs)}`;
  const err = e as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  const message = String(err.cause?.message ?? err.message ?? e);
  return code && !message.includes(code) ? `${message} [${code}]` : message;
}

export function createProbes(env: Record<string, string | undefined>, secrets: readonly string[] = []): Probes {
  async function probe(spec: HttpProbe, opts: { signal?: AbortSignal } = {}): Promise<ProbeResult> {
    const deadline = AbortSignal.timeout(spec.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
    try {
      const res = await fetch(spec.url, { method: 'GET', headers: headerValues(spec, env), signal, redirect: 'manual' });
      const body = spec.bodyContains === undefined ? '' : (await res.text()).slice(0, MAX_BODY_CHARS);
      if (spec.bodyContains === undefined) await res.body?.cancel().catch(() => undefined);
      const statusOk = spec.status === undefined ? res.status >= 200 && res.status < 300 : res.status === spec.status;
      if (!statusOk) return { ok: false, status: res.status, detail: `HTTP ${res.status}, expected ${spec.status ?? '2xx'}` };
      if (spec.bodyContains !== undefined && !body.includes(spec.bodyContains))
        return { ok: false, status: res.status, detail: `HTTP ${res.status} without ${JSON.stringify(spec.bodyContains)} in the body` };
      return { ok: true, status: res.status, detail: `HTTP ${res.status}` };
    } catch (e) {
      return { ok: false, detail: redact(why(e, deadline.aborted && !opts.signal?.aborted, spec.timeoutMs), [...secrets]) };
    }
  }
  return {
    probe,
    missingEnv: (spec) => Object.values(spec.headers).flatMap((v) => (typeof v !== 'string' && !env[v.env] ? [v.env] : [])),
  };
}
