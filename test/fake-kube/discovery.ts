// Discovery: /version, legacy /api, /apis and group-version APIResourceLists (client-node uses those),
// and aggregated discovery (apidiscovery.k8s.io/v2), which kubectl asks for first.
import { apiVersionOf, type ResourceType } from './resources.js';
import type { Reply } from './state.js';

export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function groupVersions(types: ResourceType[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of types) {
    if (!t.group) continue;
    const versions = out.get(t.group) ?? [];
    if (!versions.includes(t.version)) versions.push(t.version);
    out.set(t.group, versions);
  }
  return out;
}

function legacyResource(t: ResourceType): Record<string, unknown> {
  return {
    name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs,
    ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    ...(t.categories ? { categories: t.categories } : {}),
  };
}

function aggregatedResource(t: ResourceType): Record<string, unknown> {
  return {
    resource: t.plural, responseKind: { group: t.group, version: t.version, kind: t.kind },
    scope: t.namespaced ? 'Namespaced' : 'Cluster', singularResource: t.singular, verbs: t.verbs,
    ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    ...(t.categories ? { categories: t.categories } : {}),
  };
}

const AGGREGATED = /g=apidiscovery\.k8s\.io;\s*v=(v2|v2beta1);\s*as=APIGroupDiscoveryList/;

/** The aggregated format the client accepts, if any, in its order of preference. */
function aggregatedVersion(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const part of (accept ?? '').split(',')) {
    const m = AGGREGATED.exec(part);
    if (m) return m[1] as 'v2' | 'v2beta1';
  }
  return undefined;
}

function aggregated(types: ResourceType[], core: boolean, v: 'v2' | 'v2beta1'): Reply {
  const groups = core ? [''] : [...groupVersions(types).keys()];
  const items = groups.map((g) => ({
    metadata: g ? { name: g, creationTimestamp: null } : { creationTimestamp: null },
    versions: [...new Set(types.filter((t) => t.group === g).map((t) => t.version))].map((version) => ({
      version,
      resources: types.filter((t) => t.group === g && t.version === version).map(aggregatedResource),
      freshness: 'Current',
    })),
  }));
  return {
    code: 200,
    body: { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${v}`, metadata: {}, items },
    headers: { 'Content-Type': `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList` },
  };
}

/** Answers a discovery path, or undefined when the path is not a discovery document. */
export function discovery(path: string, accept: string | undefined, types: ResourceType[], host: string): Reply | undefined {
  const agg = aggregatedVersion(accept);
  if (path === '/version') return { code: 200, body: VERSION_INFO };
  if (path === '/api') {
    if (agg) return aggregated(types, true, agg);
    return { code: 200, body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] } };
  }
  if (path === '/api/v1') {
    return { code: 200, body: { kind: 'APIResourceList', groupVersion: 'v1', resources: types.filter((t) => !t.group).map(legacyResource) } };
  }
  const gvs = groupVersions(types);
  const group = (name: string, versions: string[]): Record<string, unknown> => ({
    name,
    versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
  });
  if (path === '/apis') {
    if (agg) return aggregated(types, false, agg);
    return { code: 200, body: { kind: 'APIGroupList', apiVersion: 'v1', groups: [...gvs].map(([n, v]) => group(n, v)) } };
  }
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m || !gvs.has(m[1]!)) return undefined;
  if (m[2] === undefined) return { code: 200, body: { kind: 'APIGroup', apiVersion: 'v1', ...group(m[1]!, gvs.get(m[1]!)!) } };
  const inGv = types.filter((t) => t.group === m[1] && t.version === m[2]);
  if (inGv.length === 0) return undefined;
  return {
    code: 200,
    body: { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(inGv[0]!), resources: inGv.map(legacyResource) },
  };
}
