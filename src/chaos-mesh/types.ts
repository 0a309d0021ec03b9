// The subset of Chaos Mesh object shapes chaos emits (chaos-mesh.org/v1alpha1).

export type ChaosKind =
  | 'NetworkChaos'
  | 'PodChaos'
  | 'StressChaos'
  | 'HTTPChaos'
  | 'IOChaos'
  | 'DNSChaos'
  | 'TimeChaos';

export const CHAOS_API_VERSION = 'chaos-mesh.org/v1alpha1';
export const CHAOS_GROUP = 'chaos-mesh.org';

/** REST plural of each kind (plural == lower-cased kind for every chaos kind). */
export function pluralOf(kind: ChaosKind): string {
  return kind.toLowerCase();
}

export interface ChaosObject {
  apiVersion: typeof CHAOS_API_VERSION;
  kind: ChaosKind;
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: Record<string, unknown>;
}

/** What is needed to find an applied object again (recorded before the next step). */
export interface ObjectRef {
  apiVersion: string;
  kind: ChaosKind;
  namespace: string;
  name: string;
}

export function refOf(obj: ChaosObject): ObjectRef {
  return { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
}

/** Label keys put on everything chaos applies; cleanup finds leftovers by them. */
export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  runId: 'chaos.run/run-id',
  experiment: 'chaos.run/experiment',
} as const;
export const MANAGED_BY_VALUE = 'chaos';
export const ANNOTATIONS = {
  sourceFile: 'chaos.run/source-file',
  sourceLine: 'chaos.run/source-line',
} as const;
