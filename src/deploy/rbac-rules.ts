// Role rules from the access a run needs (src/policy/access.ts, the source preflight asks and
// deploy/rbac.yaml mirrors): one Role per namespace, resources of one API group that need the same
// verbs share a rule, in the order the access list names them (deterministic output).
import type { Access } from '../policy/access.js';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** Namespace → rules, namespaces in first-seen order; no verb repeated, no wildcard. */
export function rulesByNamespace(access: readonly Access[]): Map<string, PolicyRule[]> {
  const verbsOf = new Map<string, Map<string, string[]>>(); // namespace → "group\0resource" → verbs
  for (const a of access) {
    const perNs = verbsOf.get(a.namespace) ?? new Map<string, string[]>();
    verbsOf.set(a.namespace, perNs);
    const key = `${a.group}\0${a.resource}`;
    const verbs = perNs.get(key) ?? [];
    if (!verbs.includes(a.verb)) verbs.push(a.verb);
    perNs.set(key, verbs);
  }
  const out = new Map<string, PolicyRule[]>();
  for (const [ns, perNs] of verbsOf) {
    const rules: PolicyRule[] = [];
    for (const [key, verbs] of perNs) {
      const [group, resource] = key.split('\0') as [string, string];
      const same = rules.find((r) => r.apiGroups[0] === group && r.verbs.join() === verbs.join());
      if (same) same.resources.push(resource);
      else rules.push({ apiGroups: [group], resources: [resource], verbs: [...verbs] });
    }
    out.set(ns, rules);
  }
  return out;
}

