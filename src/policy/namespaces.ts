// Protected namespaces: where no experiment may inject, whatever its file says (SPEC §10 "Policy").
import type { Policy } from '../config/model.js';
import { globMatches } from './glob.js';

/** The protectedNamespaces entry that covers ns, or undefined when ns may be targeted. */
export function protectingEntry(namespace: string, policy: Policy): string | undefined {
  return policy.protectedNamespaces.find((p) => globMatches(p, namespace));
}

/** Why ns is refused, worded for both validate (exit 3) and preflight (exit 4); undefined when allowed. */
export function protectedNamespaceRefusal(namespace: string, policy: Policy, role: 'target' | 'dependency'): string | undefined {
  const entry = protectingEntry(namespace, policy);
  if (entry === undefined) return undefined;
  const by = entry === namespace ? '' : ` (by "${entry}")`;
  return (
    `namespace "${namespace}" is protected${by}: no ${role} may be in it. ` +
    `To allow it, list policy.protectedNamespaces in chaos.config.yml without it (policy.protectedNamespaces: [] lifts the protection)`
  );
}
