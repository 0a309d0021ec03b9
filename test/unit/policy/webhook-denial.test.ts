// A 403 from an admission webhook is the webhook's denial (named, with its reason), never "missing RBAC".
import { describe, expect, it } from 'vitest';
import { toEnvironmentError, webhookDenial } from '../../../src/adapters/kubernetes/errors.js';

const info = { context: 'ci', server: 'https://k:6443', namespace: 'shop', user: 'runner' };
const apiError = (code: number, message: string) => ({ code, body: JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Forbidden', message }) });

describe('admission webhook denials', () => {
  it('reads the webhook and the reason out of the apiserver message', () => {
    expect(webhookDenial('admission webhook "validate.kyverno.svc" denied the request: policy no-chaos: chaos is not allowed here')).toEqual({
      webhook: 'validate.kyverno.svc',
      reason: 'policy no-chaos: chaos is not allowed here',
    });
    expect(webhookDenial('networkchaos.chaos-mesh.org "x" is forbidden: User "u" cannot patch')).toBeUndefined();
  });

  it('a 403 from a webhook names the webhook and the reason, with no RBAC hint', () => {
    const e = toEnvironmentError(apiError(403, 'admission webhook "gatekeeper.sh" denied the request: [no-chaos] chaos objects need an owner label'), { verb: 'patch', resource: 'networkchaos.chaos-mesh.org', namespace: 'shop', name: 'x' }, info);
    expect(e.kind).toBe('environment');
    expect(e.message).toBe('admission webhook "gatekeeper.sh" denied patch networkchaos.chaos-mesh.org "x" in namespace "shop" (context "ci"): [no-chaos] chaos objects need an owner label');
    expect(e.hint).toMatch(/not RBAC/);
    expect(e.hint).not.toMatch(/Role\/ClusterRole rule/);
  });

  it('a plain RBAC 403 still says which rule to grant', () => {
    const e = toEnvironmentError(apiError(403, 'networkchaos.chaos-mesh.org "x" is forbidden: User "runner" cannot patch resource'), { verb: 'patch', resource: 'networkchaos.chaos-mesh.org', namespace: 'shop', name: 'x' }, info);
    expect(e.message).toMatch(/^forbidden: user "runner" \(context "ci"\) may not patch/);
    expect(e.hint).toMatch(/apiGroups: \["chaos-mesh.org"\], resources: \["networkchaos"\], verbs: \["patch"\]/);
  });

  it("Chaos Mesh's own vauth webhook is an RBAC question in the selector's namespaces", () => {
    const e = toEnvironmentError(apiError(403, 'admission webhook "vauth.kb.io" denied the request: runner is forbidden on namespace data'), { verb: 'patch', resource: 'networkchaos.chaos-mesh.org', namespace: 'shop' }, info);
    expect(e.message).toMatch(/^admission webhook "vauth.kb.io" denied patch .*: runner is forbidden on namespace data$/);
    expect(e.hint).toMatch(/every namespace the selectors name/);
  });
});
