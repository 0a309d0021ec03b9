// Target / Dependency → Chaos Mesh PodSelectorSpec + mode/value (REFERENCE §3).
import type { Dependency, LabelSelector, NetworkDirection, Target } from '../experiment/model.js';

export interface PodSelectorSpec {
  namespaces: string[];
  labelSelectors?: Record<string, string>;
  expressionSelectors?: Array<{ key: string; operator: string; values?: string[] }>;
}

export interface Selection {
  selector: PodSelectorSpec;
  mode: string;
  value?: string;
}

/** Namespaces are always explicit so the object never depends on the webhook's defaulting. */
export function podSelector(sel: LabelSelector, namespace: string): PodSelectorSpec {
  const out: PodSelectorSpec = { namespaces: [namespace] };
  if (Object.keys(sel.matchLabels).length > 0) out.labelSelectors = { ...sel.matchLabels };
  if (sel.matchExpressions.length > 0) {
    out.expressionSelectors = sel.matchExpressions.map((e) =>
      // Exists/DoesNotExist carry no values; the CRD allows omitting the key.
      e.values.length > 0 ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator },
    );
  }
  return out;
}

/** `value` is a string in the CRD; it is meaningless (and omitted) for `one` and `all`. */
export function targetSelection(target: Target, namespace: string): Selection {
  const withValue = target.value !== undefined && (target.mode === 'fixed' || target.mode === 'fixed-percent');
  return {
    mode: target.mode,
    ...(withValue ? { value: String(target.value) } : {}),
    selector: podSelector(target.selector, namespace),
  };
}

/** NetworkChaos peer fields: `target` for in-cluster pods, `externalTargets` for hosts. */
export function peerFields(
  dep: Dependency | undefined,
  namespace: string,
  direction: NetworkDirection | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (direction !== undefined) out.direction = direction;
  if (!dep) return out;
  if (dep.kind === 'external') {
    // An empty list counts as "present" for the webhook's direction checks: only emit a real list.
    if (dep.hosts.length > 0) out.externalTargets = [...dep.hosts];
    return out;
  }
  out.target = { mode: 'all', selector: podSelector(dep.selector, dep.namespace ?? namespace) };
  return out;
}
