// The resource types the fake serves: core (namespaces, pods, events), Leases, SelfSubjectAccessReview,
// the workload kinds `chaos deploy` prints, and the Chaos Mesh kinds read from the real CRDs in crds/.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CRD_DIR } from '../support/crd-validator.js';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
}

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Chaos Mesh kinds: validated against the CRD, owned by the simulated controller. */
  chaos?: boolean;
  printerColumns?: PrinterColumn[];
  /** Field selectors the apiserver supports for this type, besides metadata.name/namespace. */
  fieldLabels?: string[];
  /** Built-in kinds checked field by field against this @kubernetes/client-node model (builtin-schema.ts). */
  model?: string;
}

export const CRUD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const CORE_TYPES: ResourceType[] = [
  {
    group: '', version: 'v1', kind: 'Namespace', listKind: 'NamespaceList', plural: 'namespaces', singular: 'namespace',
    namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'],
    fieldLabels: ['status.phase'],
  },
  {
    group: '', version: 'v1', kind: 'Pod', listKind: 'PodList', plural: 'pods', singular: 'pod', namespaced: true,
    verbs: CRUD_VERBS, shortNames: ['po'], categories: ['all'],
    fieldLabels: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName',
      'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'],
  },
  {
    group: '', version: 'v1', kind: 'Event', listKind: 'EventList', plural: 'events', singular: 'event', namespaced: true,
    verbs: CRUD_VERBS, shortNames: ['ev'],
    fieldLabels: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid',
      'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason',
      'reportingComponent', 'source', 'type'],
  },
];

export const LEASE_TYPE: ResourceType = {
  group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', listKind: 'LeaseList', plural: 'leases',
  singular: 'lease', namespaced: true, verbs: CRUD_VERBS,
};

export const SSAR_TYPE: ResourceType = {
  group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', listKind: 'SelfSubjectAccessReviewList',
  plural: 'selfsubjectaccessreviews', singular: 'selfsubjectaccessreview', namespaced: false, verbs: ['create'],
};

/** What `chaos deploy` prints: stored as written, fields checked against the API models. */
export const WORKLOAD_TYPES: ResourceType[] = [
  { group: '', version: 'v1', kind: 'ConfigMap', listKind: 'ConfigMapList', plural: 'configmaps', singular: 'configmap', namespaced: true, verbs: CRUD_VERBS, shortNames: ['cm'], model: 'V1ConfigMap' },
  { group: '', version: 'v1', kind: 'ServiceAccount', listKind: 'ServiceAccountList', plural: 'serviceaccounts', singular: 'serviceaccount', namespaced: true, verbs: CRUD_VERBS, shortNames: ['sa'], model: 'V1ServiceAccount' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', listKind: 'RoleList', plural: 'roles', singular: 'role', namespaced: true, verbs: CRUD_VERBS, model: 'V1Role' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', listKind: 'RoleBindingList', plural: 'rolebindings', singular: 'rolebinding', namespaced: true, verbs: CRUD_VERBS, model: 'V1RoleBinding' },
  { group: 'batch', version: 'v1', kind: 'Job', listKind: 'JobList', plural: 'jobs', singular: 'job', namespaced: true, verbs: CRUD_VERBS, categories: ['all'], model: 'V1Job' },
  { group: 'batch', version: 'v1', kind: 'CronJob', listKind: 'CronJobList', plural: 'cronjobs', singular: 'cronjob', namespaced: true, verbs: CRUD_VERBS, shortNames: ['cj'], categories: ['all'], model: 'V1CronJob' },
];

let chaosCache: ResourceType[] | undefined;

/** One ResourceType per CRD file in crds/, printer columns included (kubectl get shows them). */
export function chaosTypes(): ResourceType[] {
  if (chaosCache) return chaosCache;
  chaosCache = [];
  for (const file of readdirSync(CRD_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(CRD_DIR, file), 'utf8'))) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const v = crd.spec.versions.find((x: any) => x.storage) ?? crd.spec.versions[0];
      const names = crd.spec.names;
      chaosCache.push({
        group: crd.spec.group, version: v.name, kind: names.kind, listKind: names.listKind, plural: names.plural,
        singular: names.singular, namespaced: crd.spec.scope === 'Namespaced', verbs: CRUD_VERBS,
        ...(names.shortNames ? { shortNames: names.shortNames } : {}),
        ...(names.categories ? { categories: names.categories } : {}),
        chaos: true,
        printerColumns: v.additionalPrinterColumns ?? [
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      });
    }
  }
  return chaosCache;
}

/** Everything served right now (chaos kinds vanish when the fake has "no CRDs"). */
export function servedTypes(noCrds: boolean): ResourceType[] {
  return [...CORE_TYPES, LEASE_TYPE, SSAR_TYPE, ...WORKLOAD_TYPES, ...(noCrds ? [] : chaosTypes())];
}

export function findType(types: ResourceType[], group: string, version: string, plural: string): ResourceType | undefined {
  return types.find((t) => t.group === group && t.version === version && t.plural === plural);
}

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** Key of a type in the store and in watch filters. */
export function typeKey(t: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${t.group}/${t.plural}`;
}
