// deploy/rbac.yaml grants exactly what preflight checks: no verb missing (a run would fail half-way),
// none extra (least privilege).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { requiredAccess } from '../../../src/policy/access.js';
import type { ChaosKind } from '../../../src/chaos-mesh/types.js';
import { CHAOS_KINDS } from '../../../src/adapters/kubernetes/chaos-objects.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const docs = parseAllDocuments(readFileSync(join(ROOT, 'deploy', 'rbac.yaml'), 'utf8')).map((d) => d.toJS());

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}
const triples = (rules: Rule[]) => rules.flatMap((r) => r.apiGroups.flatMap((g) => r.resources.flatMap((res) => r.verbs.map((v) => `${g}/${res}:${v}`))));

describe('deploy/rbac.yaml', () => {
  const role = docs.find((d) => d.kind === 'Role');

  it('holds a ServiceAccount, a Role and a RoleBinding of that Role to it, all in one namespace, and no cluster-wide grant', () => {
    expect(docs.map((d) => d.kind)).toEqual(['ServiceAccount', 'Role', 'RoleBinding']);
    const [sa, , binding] = docs;
    const ns = role.metadata.namespace;
    expect(docs.every((d) => d.metadata.namespace === ns)).toBe(true);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: ns }]);
  });

  it('its rules are exactly the verbs preflight checks for experiments of every chaos kind', () => {
    const checked = requiredAccess({ namespace: role.metadata.namespace, kinds: CHAOS_KINDS as ChaosKind[], dependencyNamespaces: [] });
    const fromPreflight = new Set(checked.map((a) => `${a.group}/${a.resource}:${a.verb}`));
    const granted = triples(role.rules);
    expect(granted.length).toBe(new Set(granted).size); // no rule repeated
    expect(new Set(granted)).toEqual(fromPreflight);
    expect(granted).not.toContain('*');
    expect(role.rules.flatMap((r: Rule) => [...r.verbs, ...r.resources, ...r.apiGroups])).not.toContain('*');
  });
});
