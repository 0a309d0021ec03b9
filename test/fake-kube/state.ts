// Shared state of one fake cluster and the shape of a parsed API request.
import type { IncomingHttpHeaders } from 'node:http';
import type { Behaviour } from './behaviour.js';
import { forbiddenFor, isAllowed, type Attributes } from './rbac.js';
import { CORE_TYPES, servedTypes, type ResourceType, typeKey } from './resources.js';
import { failure, notFound } from './status.js';
import type { Store } from './store.js';

export interface FakeState {
  store: Store;
  behaviour: Behaviour;
  /** The user the bearer token authenticates as (appears in Forbidden messages). */
  user: string;
  watches: Set<{ stop: () => void }>;
}

export interface ResourceRequest {
  method: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  raw: Buffer;
  type: ResourceType;
  namespace?: string;
  name?: string;
}

export interface Reply {
  code: number;
  body: unknown;
  headers?: Record<string, string>;
}

export function served(state: FakeState): ResourceType[] {
  return servedTypes(state.behaviour.noCrds);
}

const NAMESPACES = typeKey(CORE_TYPES[0]!);

export function requireNamespace(state: FakeState, ns: string | undefined): void {
  if (ns !== undefined && !state.store.get(NAMESPACES, undefined, ns)) {
    throw notFound({ group: '', resource: 'namespaces' }, ns);
  }
}

export function authorize(state: FakeState, a: Attributes): void {
  if (!isAllowed(state.behaviour.rbacDeny, a)) throw forbiddenFor(state.user, a);
}

/** The manager name the apiserver derives for non-apply writes: fieldManager, else the user agent's first word. */
export function managerOf(r: ResourceRequest): string {
  const explicit = r.query.get('fieldManager');
  if (explicit) return explicit;
  return (String(r.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown').slice(0, 128);
}

export function isDryRun(r: ResourceRequest): boolean {
  const values = r.query.getAll('dryRun');
  for (const v of values) {
    if (v !== 'All') {
      throw failure(422, 'Invalid', `Invalid dry run option: dryRun: Unsupported value: "${v}": supported values: "All"`);
    }
  }
  return values.length > 0;
}

export function attributes(r: ResourceRequest, verb: string): Attributes {
  return {
    verb,
    group: r.type.group,
    resource: r.type.plural,
    ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
    ...(r.name !== undefined ? { name: r.name } : {}),
  };
}
