// Every API verb a run uses, per namespace: what preflight asks with SelfSubjectAccessReview and what
// deploy/rbac.yaml grants (a unit test keeps the two equal). Read from the Kubernetes adapter's calls:
// chaos objects (server-side apply = patch, plus create when it creates; get + watch while waiting;
// delete; list by run-id label), the namespace Lease, target pods (list) and events (list, to explain a
// failed injection). Discovery and SelfSubjectAccessReview are open to every authenticated user.
import { CHAOS_GROUP, pluralOf, type ChaosKind } from '../chaos-mesh/types.js';

export interface Access {
  group: string;
  resource: string;
  verb: string;
  namespace: string;
}

export const CHAOS_VERBS = ['create', 'patch', 'get', 'list', 'watch', 'delete'] as const;
export const LEASE_VERBS = ['get', 'create', 'update', 'delete'] as const;

export interface AccessNeeds {
  namespace: string;
  kinds: readonly ChaosKind[];
  /** Namespaces of dependency pods, other than `namespace`. */
  dependencyNamespaces: readonly string[];
}

export function requiredAccess(needs: AccessNeeds): Access[] {
  const ns = needs.namespace;
  const out: Access[] = [];
  for (const kind of needs.kinds) for (const verb of CHAOS_VERBS) out.push({ group: CHAOS_GROUP, resource: pluralOf(kind), verb, namespace: ns });
  for (const verb of LEASE_VERBS) out.push({ group: 'coordination.k8s.io', resource: 'leases', verb, namespace: ns });
  out.push({ group: '', resource: 'pods', verb: 'list', namespace: ns });
  out.push({ group: '', resource: 'events', verb: 'list', namespace: ns });
  for (const other of new Set(needs.dependencyNamespaces)) {
    if (other === ns) continue;
    out.push({ group: '', resource: 'pods', verb: 'list', namespace: other });
    // Chaos Mesh's own admission (vauth) wants `create` of the kind in every namespace a selector names.
    for (const kind of needs.kinds) out.push({ group: CHAOS_GROUP, resource: pluralOf(kind), verb: 'create', namespace: other });
  }
  return out;
}

/** Prometheus reached through the API server's service proxy (`prometheus.service: ns/name:port`). */
export function prometheusProxyAccess(service: string): Access | undefined {
  const slash = service.indexOf('/');
  return slash > 0 ? { group: '', resource: 'services/proxy', verb: 'get', namespace: service.slice(0, slash) } : undefined;
}

export function describeAccess(a: Access): string {
  return `${a.verb} ${a.group === '' ? a.resource : `${a.resource}.${a.group}`}`;
}
