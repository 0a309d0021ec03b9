// Which experiments may run at the same time (`chaos run --parallel`): never two whose pods can
// overlap — the same namespace and label selectors that could both match one pod. Pure: decided from
// the selectors (a contradiction on some key proves them disjoint) and, when known, the matched pods.
import type { Experiment, LabelSelector } from '../experiment/model.js';

export interface PodSet {
  namespace: string;
  selector: LabelSelector;
}

/** What an experiment acts on: its target pods and, for network faults, the pods on the other side. */
export function touchedPods(exp: Experiment, namespace: string): PodSet[] {
  const sets: PodSet[] = [{ namespace, selector: exp.target.selector }];
  const dep = exp.dependency;
  if (dep?.kind === 'pods') sets.push({ namespace: dep.namespace ?? namespace, selector: dep.selector });
  return sets;
}

/** What one selector, or two together, demand of one label key. */
interface KeyRule {
  present: boolean;
  absent: boolean;
  /** The value must be one of these (undefined: any value). */
  in?: Set<string> | undefined;
  notIn: Set<string>;
}

function addRules(rules: Map<string, KeyRule>, sel: LabelSelector): void {
  const rule = (k: string) => rules.get(k) ?? rules.set(k, { present: false, absent: false, notIn: new Set() }).get(k)!;
  const restrict = (r: KeyRule, values: readonly string[]) => {
    r.present = true;
    r.in = r.in ? new Set([...r.in].filter((v) => values.includes(v))) : new Set(values);
  };
  for (const [k, v] of Object.entries(sel.matchLabels)) restrict(rule(k), [v]);
  for (const e of sel.matchExpressions) {
    const r = rule(e.key);
    if (e.operator === 'In') restrict(r, e.values);
    else if (e.operator === 'NotIn') e.values.forEach((v) => r.notIn.add(v));
    else if (e.operator === 'Exists') r.present = true;
    else r.absent = true;
  }
}

function satisfiable(r: KeyRule): boolean {
  if (r.absent) return !r.present;
  return !r.in || [...r.in].some((v) => !r.notIn.has(v));
}

/** False only when no pod can carry labels that both selectors accept (a contradiction on some key). */
export function selectorsMayOverlap(a: LabelSelector, b: LabelSelector): boolean {
  const rules = new Map<string, KeyRule>();
  addRules(rules, a);
  addRules(rules, b);
  return [...rules.values()].every(satisfiable);
}

/** True when the two experiments could act on a common pod: they must not run at the same time. */
export function mayOverlap(a: PodSet[], b: PodSet[], matched?: { a: string[]; b: string[] }): boolean {
  if (matched && matched.a.some((p) => matched.b.includes(p))) return true;
  return a.some((x) => b.some((y) => x.namespace === y.namespace && selectorsMayOverlap(x.selector, y.selector)));
}
