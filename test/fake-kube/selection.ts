// Chaos Mesh target selection (pkg/selector): PodSelectorSpec matching and mode/value picking.
import { PODS } from './pods.js';
import { matchesRequirements, type Requirement } from './selectors.js';
import type { FakeState } from './state.js';
import type { KObj } from './store.js';

export interface ContainerRecord {
  id: string;
  selectorKey: '.' | '.Target';
  phase: string;
  injectedCount: number;
  recoveredCount: number;
  events?: { type: string; operation: string; message?: string; timestamp: string }[];
}

const CONTAINER_KINDS = new Set(['StressChaos', 'IOChaos', 'TimeChaos', 'DNSChaos']);

function matchesSelector(pod: KObj, sel: any): boolean {
  const reqs: Requirement[] = Object.entries(sel.labelSelectors ?? {}).map(([key, v]) => ({ key, op: '=', values: [String(v)] }));
  for (const e of sel.expressionSelectors ?? []) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[e.operator as 'In'];
    if (op) reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  if (!matchesRequirements(pod.metadata.labels, reqs)) return false;
  for (const [k, v] of Object.entries(sel.annotationSelectors ?? {})) if (pod.metadata.annotations?.[k] !== v) return false;
  for (const [path, v] of Object.entries(sel.fieldSelectors ?? {})) {
    let cur: any = pod;
    for (const seg of path.split('.')) cur = cur?.[seg];
    if (String(cur ?? '') !== v) return false;
  }
  const phases: string[] = sel.podPhaseSelectors ?? [];
  const include = phases.filter((p) => !p.startsWith('!'));
  if (include.length > 0 && !include.includes(pod.status?.phase)) return false;
  if (phases.some((p) => p === `!${pod.status?.phase}`)) return false;
  if (Array.isArray(sel.nodes) && sel.nodes.length > 0 && !sel.nodes.includes(pod.spec?.nodeName)) return false;
  return true;
}

/** Pods the selector matches (before mode). `pods:` wins over every other field, as in Chaos Mesh. */
export function matchingPods(state: FakeState, sel: any, defaultNs: string): KObj[] {
  const live = (ns: string): KObj[] => state.store.list(PODS, ns).filter((p) => !p.metadata.deletionTimestamp);
  if (sel?.pods && Object.keys(sel.pods).length > 0) {
    return Object.entries(sel.pods as Record<string, string[]>).flatMap(([ns, names]) =>
      live(ns).filter((p) => names.includes(p.metadata.name)),
    );
  }
  const namespaces: string[] = sel?.namespaces?.length ? sel.namespaces : [defaultNs];
  return namespaces.flatMap((ns) => live(ns).filter((p) => matchesSelector(p, sel ?? {})));
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export function pickByMode(pods: KObj[], mode: string, value: string | undefined): KObj[] {
  const n = Number.parseInt(value ?? '', 10);
  const shuffled = shuffle(pods);
  switch (mode) {
    case 'one':
      return shuffled.slice(0, 1);
    case 'all':
      return pods;
    case 'fixed':
      return shuffled.slice(0, Math.max(0, n));
    case 'fixed-percent':
      return shuffled.slice(0, Math.ceil((pods.length * n) / 100));
    case 'random-max-percent':
      return shuffled.slice(0, Math.ceil((pods.length * Math.floor(Math.random() * (n + 1))) / 100));
    default:
      return [];
  }
}

/** Records for a chaos object, or undefined when any selector picks nothing. */
export function selectRecords(state: FakeState, obj: KObj): { records: ContainerRecord[]; pods: KObj[] } | undefined {
  const spec = obj.spec ?? {};
  const ns = obj.metadata.namespace!;
  const perContainer = CONTAINER_KINDS.has(obj.kind) || (obj.kind === 'PodChaos' && spec.action === 'container-kill');
  const records: ContainerRecord[] = [];
  const picked: KObj[] = [];
  const sources: [any, '.' | '.Target'][] = [[spec, '.']];
  if (obj.kind === 'NetworkChaos' && spec.target) sources.push([spec.target, '.Target']);
  for (const [s, key] of sources) {
    const pods = pickByMode(matchingPods(state, s.selector, ns), s.mode, s.value);
    if (pods.length === 0) return undefined;
    for (const pod of pods) {
      picked.push(pod);
      const base = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const containers: string[] = perContainer
        ? spec.containerNames?.length ? spec.containerNames : [pod.spec.containers[0].name]
        : [''];
      for (const c of containers) {
        records.push({ id: c ? `${base}/${c}` : base, selectorKey: key, phase: 'Not Injected', injectedCount: 0, recoveredCount: 0 });
      }
    }
  }
  return { records, pods: picked };
}
