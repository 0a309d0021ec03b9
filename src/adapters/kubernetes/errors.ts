// Turns what @kubernetes/client-node throws (ApiException with a Status body, node-fetch FetchError,
// AbortError, watch errors with statusCode) into one shape, then into typed errors with hints.
import { EnvironmentError } from '../../errors.js';
import type { ChaosError } from '../../errors.js';
import type { ClusterInfo } from '../../ports.js';

export interface KubeFailure {
  /** HTTP status, when the server answered. */
  status?: number | undefined;
  /** Status.reason (NotFound, Forbidden, Invalid, AlreadyExists, Conflict, …). */
  reason?: string | undefined;
  message: string;
  /** Status.details.causes, as "field: message". */
  causes: string[];
  /** Status.details.kind: which resource a 404 was about (e.g. "namespaces"). */
  detailsKind?: string | undefined;
  /** Transport error code: ECONNREFUSED, ENOTFOUND, ETIMEDOUT, CERT_HAS_EXPIRED, … or 'TIMEOUT'. */
  network?: string | undefined;
  /** Retry-After of a 429/503 answer, in ms. */
  retryAfterMs?: number | undefined;
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|ALTNAME/;

interface StatusBody {
  reason?: string;
  message?: string;
  details?: { kind?: string; causes?: { field?: string; message?: string; reason?: string }[] };
}

function parseBody(body: unknown): StatusBody | undefined {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as StatusBody;
    } catch {
      return body.trim() === '' ? undefined : { message: body.trim() };
    }
  }
  return typeof body === 'object' && body !== null ? (body as StatusBody) : undefined;
}

/** Undefined when the value is not something the client library produces (then it is a bug, not an environment problem). */
export function describeFailure(e: unknown): KubeFailure | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const err = e as { code?: unknown; body?: unknown; statusCode?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown }; type?: unknown };
  const message = typeof err.message === 'string' ? err.message : String(e);
  if (typeof err.code === 'number' && 'body' in err) {
    const body = parseBody(err.body);
    const retryAfter = Number((err as { headers?: Record<string, string> }).headers?.['retry-after']);
    const causes = (body?.details?.causes ?? []).map((c) => [c.field, c.message ?? c.reason].filter(Boolean).join(': '));
    return {
      status: err.code,
      reason: body?.reason,
      message: body?.message ?? `HTTP ${err.code}`,
      causes,
      detailsKind: body?.details?.kind,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
    };
  }
  if (typeof err.statusCode === 'number') return { status: err.statusCode, message, causes: [] };
  if (err.name === 'AbortError' || err.name === 'TimeoutError' || err.type === 'aborted') {
    return { network: 'TIMEOUT', message, causes: [] };
  }
  const code = typeof err.code === 'string' ? err.code : typeof err.cause?.code === 'string' ? err.cause.code : undefined;
  if (code !== undefined) return { network: code, message, causes: [] };
  if (err.type === 'system' || err.name === 'FetchError') return { network: 'EFETCH', message, causes: [] };
  return undefined;
}

export function isNotFound(e: unknown): boolean {
  return describeFailure(e)?.status === 404;
}

/** 5xx, 429 and transport failures may succeed on a later attempt; 4xx answers will not. */
export function isRetryable(e: unknown): boolean {
  const f = describeFailure(e);
  if (!f) return false;
  if (f.status !== undefined) return f.status >= 500 || f.status === 429;
  return f.network !== undefined && !TLS_CODES.test(f.network);
}

/** What was being attempted, to name it in the message. */
export interface Attempt {
  verb: string;
  /** e.g. "networkchaos.chaos-mesh.org", "pods", "leases.coordination.k8s.io" */
  resource: string;
  namespace?: string | undefined;
  name?: string | undefined;
}

export function crdMissingError(kinds: readonly string[], server: string, cause?: unknown): EnvironmentError {
  return new EnvironmentError(`Chaos Mesh CRDs not found (${kinds.join(', ')}) on ${server}`, {
    hint:
      'is Chaos Mesh installed? helm repo add chaos-mesh https://charts.chaos-mesh.org && ' +
      'helm install chaos-mesh chaos-mesh/chaos-mesh -n chaos-mesh --create-namespace --version 2.8.3',
    cause,
  });
}

function where(a: Attempt): string {
  const target = a.name ? `${a.resource} "${a.name}"` : a.resource;
  return a.namespace ? `${target} in namespace "${a.namespace}"` : `${target} (cluster-wide)`;
}

/** `admission webhook "x" denied the request: why` → { webhook, reason }: a policy in the cluster said no, not RBAC. */
export function webhookDenial(message: string): { webhook: string; reason: string } | undefined {
  const m = /admission webhook "([^"]+)" denied the request:?\s*([\s\S]*)$/.exec(message);
  return m ? { webhook: m[1]!, reason: m[2]!.trim() || '(no reason given)' } : undefined;
}

/** Maps a library failure to a typed error; rethrows anything that is not a Kubernetes/transport failure. */
export function toEnvironmentError(e: unknown, a: Attempt, info: ClusterInfo): ChaosError {
  const f = describeFailure(e);
  if (!f) throw e;
  const ctx = `context "${info.context}"`;
  if (f.network !== undefined) {
    if (TLS_CODES.test(f.network)) {
      return new EnvironmentError(`TLS verification of the Kubernetes API server ${info.server} failed (${f.network}): ${f.message}`, {
        hint: `check certificate-authority(-data) of the cluster in ${ctx}`,
        cause: e,
      });
    }
    const what = f.network === 'TIMEOUT' ? 'did not answer in time' : `is unreachable (${f.network})`;
    return new EnvironmentError(`Kubernetes API server ${info.server} ${what} while trying to ${a.verb} ${where(a)}`, {
      hint: `is ${ctx} the cluster you meant, and is it reachable from here (VPN, firewall)? try \`kubectl --context ${info.context} cluster-info\``,
      cause: e,
    });
  }
  const server = f.message ? `: ${f.message}` : '';
  const denial = f.status !== undefined && f.status >= 400 && f.status < 500 ? webhookDenial(f.message) : undefined;
  if (denial) {
    return new EnvironmentError(`admission webhook "${denial.webhook}" denied ${a.verb} ${where(a)} (${ctx}): ${denial.reason}`, {
      hint:
        denial.webhook === 'vauth.kb.io'
          ? "Chaos Mesh's own admission checks that you may create this kind in every namespace the selectors name (target and dependency): grant the Role of deploy/rbac.yaml there too"
          : `a policy in the cluster refused it, not RBAC: see what "${denial.webhook}" enforces (kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations), then change the experiment or ask the webhook's owner`,
      cause: e,
    });
  }
  switch (f.status) {
    case 401:
      return new EnvironmentError(`the Kubernetes API server ${info.server} rejected the credentials of user "${info.user ?? '?'}" (401)${server}`, {
        hint: `refresh the credentials of ${ctx} (expired token or certificate?)`,
        cause: e,
      });
    case 403: {
      const [resource, group] = splitResource(a.resource);
      return new EnvironmentError(
        `forbidden: user "${info.user ?? '?'}" (${ctx}) may not ${a.verb} ${where(a)}${server}`,
        {
          hint: `grant it with a Role/ClusterRole rule: apiGroups: ["${group}"], resources: ["${resource}"], verbs: ["${a.verb}"]`,
          cause: e,
        },
      );
    }
    case 404:
      if (f.detailsKind === 'namespaces') {
        return new EnvironmentError(`namespace "${a.namespace ?? ''}" does not exist on ${info.server}${server}`, { cause: e });
      }
      return new EnvironmentError(`not found while trying to ${a.verb} ${where(a)}${server}`, { cause: e });
    case 422: {
      // The apiserver's message usually already lists the causes; add only those it does not.
      const extra = f.causes.filter((c) => !f.message.includes(c));
      const causes = extra.length > 0 ? ` (${extra.join('; ')})` : '';
      return new EnvironmentError(`the API server rejected ${where(a)}: ${f.message}${causes}`, {
        hint: 'the cluster refused the rendered object; check the Chaos Mesh version (chaos targets v2.8.3)',
        cause: e,
      });
    }
    default:
      return new EnvironmentError(
        `cannot ${a.verb} ${where(a)} on ${info.server}: HTTP ${f.status ?? '?'}${f.reason ? ` ${f.reason}` : ''}${server}`,
        { cause: e },
      );
  }
}

function splitResource(resource: string): [string, string] {
  const dot = resource.indexOf('.');
  return dot < 0 ? [resource, ''] : [resource.slice(0, dot), resource.slice(dot + 1)];
}
