// OpenAPI v3 discovery (/openapi/v3 and one document per group-version). kubectl reads it to learn
// that PATCH supports fieldValidation/dryRun (else it refuses to apply without --validate=false).
import { createHash } from 'node:crypto';
import { loadCrds } from '../support/crd-validator.js';
import type { ResourceType } from './resources.js';
import type { Reply } from './state.js';

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

function gvPath(t: ResourceType): string {
  return t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
}

/** JSON-schema name the apiserver uses: reversed group, e.g. org.chaos-mesh.v1alpha1.NetworkChaos. */
function schemaName(t: ResourceType): string {
  const group = t.group ? t.group.split('.').reverse().join('.') : 'io.k8s.api.core';
  return `${group}.${t.version}.${t.kind}`;
}

function operation(t: ResourceType, action: string, params: string[]): Record<string, unknown> {
  const gvk = { group: t.group, version: t.version, kind: t.kind };
  return {
    operationId: `${action}${t.kind}`,
    parameters: params.map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } })),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName(t)}` } } } } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  };
}

function document(types: ResourceType[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const crds = loadCrds();
  for (const t of types) {
    const base = `/${gvPath(t)}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}`;
    paths[base] = {
      ...(t.verbs.includes('list') ? { get: operation(t, 'list', ['labelSelector', 'fieldSelector', 'limit', 'watch']) } : {}),
      ...(t.verbs.includes('create') ? { post: operation(t, 'post', QUERY_PARAMS.filter((p) => p !== 'force')) } : {}),
    };
    if (t.verbs.includes('get')) {
      paths[`${base}/{name}`] = {
        get: operation(t, 'get', ['pretty']),
        put: operation(t, 'put', QUERY_PARAMS.filter((p) => p !== 'force')),
        patch: operation(t, 'patch', QUERY_PARAMS),
        delete: operation(t, 'delete', ['dryRun', 'gracePeriodSeconds', 'propagationPolicy']),
      };
    }
    const crd = t.chaos ? crds.find((c) => c.kind === t.kind) : undefined;
    schemas[schemaName(t)] = {
      ...(crd ? crd.schema : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
      'x-kubernetes-group-version-kind': [{ group: t.group, version: t.version, kind: t.kind }],
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths, components: { schemas } };
}

const hashOf = (doc: unknown): string => createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase();

/** Answers /openapi/v3[/...], or undefined for other paths. */
export function openapi(path: string, types: ResourceType[]): Reply | undefined {
  if (!path.startsWith('/openapi/v3')) return undefined;
  const byGv = new Map<string, ResourceType[]>();
  for (const t of types) byGv.set(gvPath(t), [...(byGv.get(gvPath(t)) ?? []), t]);
  if (path === '/openapi/v3' || path === '/openapi/v3/') {
    const entries = [...byGv].map(([gv, ts]) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=${hashOf(document(ts))}` }]);
    return { code: 200, body: { paths: Object.fromEntries(entries) } };
  }
  const ts = byGv.get(path.slice('/openapi/v3/'.length));
  return ts ? { code: 200, body: document(ts) } : undefined;
}

