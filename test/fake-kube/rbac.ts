// The fake's authorizer: everything is allowed unless behaviour.rbacDeny says otherwise. Denials read
// exactly like the RBAC authorizer's, and SelfSubjectAccessReview answers from the same rules.
import { forbidden, type StatusError } from './status.js';

export interface RbacRule {
  verb?: string;
  resource?: string;
  group?: string;
  namespace?: string;
}

/** `true` denies every write to chaos-mesh.org; a list denies what any rule matches. */
export type RbacDeny = boolean | RbacRule[];

export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

const CHAOS_WRITES = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const any = (rule: string | undefined, v: string | undefined): boolean => rule === undefined || rule === '*' || rule === v;

export function isAllowed(deny: RbacDeny, a: Attributes): boolean {
  if (deny === false) return true;
  if (deny === true) return !(a.group === 'chaos-mesh.org' && CHAOS_WRITES.includes(a.verb));
  return !deny.some((r) => any(r.verb, a.verb) && any(r.resource, a.resource) && any(r.group, a.group) && any(r.namespace, a.namespace));
}

export function forbiddenFor(user: string, a: Attributes): StatusError {
  const what = a.group ? `${a.resource}.${a.group}` : a.resource;
  const subject = a.name ? `${what} "${a.name}"` : what;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return forbidden(
    `${subject} is forbidden: User "${user}" cannot ${a.verb} resource "${a.resource}" in API group "${a.group}" ${scope}`,
    { group: a.group, resource: a.resource },
    a.name,
  );
}

/** POST selfsubjectaccessreviews: the review echoed back with status.allowed. */
export function selfSubjectAccessReview(deny: RbacDeny, body: any): Record<string, unknown> {
  const ra = body?.spec?.resourceAttributes;
  let allowed = true;
  if (ra) {
    allowed = isAllowed(deny, {
      verb: String(ra.verb ?? ''),
      group: String(ra.group ?? ''),
      resource: String(ra.resource ?? ''),
      ...(ra.namespace ? { namespace: String(ra.namespace) } : {}),
    });
  }
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: body?.spec ?? {},
    status: allowed
      ? { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "chaos-runner" of ClusterRole "chaos-runner" to ServiceAccount "chaos-runner/ci"' }
      : { allowed: false },
  };
}
