// The fake API server speaks the real protocol to the real @kubernetes/client-node.
import * as k8s from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conditionOf, DEFAULT_BEHAVIOUR, startFakeCluster, waitUntil, type FakeCluster } from '../fake-kube/index.js';
import { API_VERSION, apiError, apply, clients, type Clients, networkChaos, NS, rawGet } from '../fake-kube/test-clients.js';

let c: FakeCluster;
let k: Clients;

beforeAll(async () => {
  c = await startFakeCluster({ behaviour: { injectDelayMs: 20, recoverDelayMs: 20, podRestartMs: 50 } });
  k = clients(c);
});
afterAll(async () => c?.close());
afterEach(() => Object.assign(c.behaviour, DEFAULT_BEHAVIOUR, { injectDelayMs: 20, recoverDelayMs: 20, podRestartMs: 50 }));

describe('transport and discovery', () => {
  it('answers 401 Unauthorized without the bearer token and serves /version with it', async () => {
    const denied = await rawGet(c, '/version', '');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
    const ok = await rawGet(c, '/version');
    expect(ok.body.gitVersion).toMatch(/^v1\.\d+\.\d+$/);
    expect(c.requests({ path: '/version' }).map((r) => r.authenticated)).toEqual([false, true]);
  });

  it('lists the seven Chaos Mesh kinds from crds/ and the groups the tool needs', async () => {
    const gv = await rawGet(c, '/apis/chaos-mesh.org/v1alpha1');
    expect(gv.body.kind).toBe('APIResourceList');
    expect(gv.body.resources.map((r: any) => r.kind).sort()).toEqual(
      ['DNSChaos', 'HTTPChaos', 'IOChaos', 'NetworkChaos', 'PodChaos', 'StressChaos', 'TimeChaos'],
    );
    expect(gv.body.resources.find((r: any) => r.kind === 'NetworkChaos')).toMatchObject({ name: 'networkchaos', namespaced: true });
    const groups = (await rawGet(c, '/apis')).body.groups.map((g: any) => g.name);
    expect(groups).toEqual(expect.arrayContaining(['chaos-mesh.org', 'coordination.k8s.io', 'authorization.k8s.io']));
  });

  it('answers 404 for paths it does not serve, and drops chaos-mesh.org when there are no CRDs', async () => {
    expect((await rawGet(c, '/apis/nope.example/v1')).body).toMatchObject({ reason: 'NotFound', code: 404 });
    c.behaviour.noCrds = true;
    const gone = await rawGet(c, '/apis/chaos-mesh.org/v1alpha1');
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe('the server could not find the requested resource');
    expect((await rawGet(c, '/apis')).body.groups.map((g: any) => g.name)).not.toContain('chaos-mesh.org');
    const fresh = clients(c); // discovery is cached per ObjectApi instance
    await expect(apply(fresh.objects, networkChaos('no-crd'))).rejects.toThrow(/404/);
  });
});

describe('server-side apply', () => {
  it('creates with the apply content type and field manager, and a re-apply changes nothing', async () => {
    c.behaviour.injection = 'select-nothing';
    const created = await apply(k.objects, networkChaos('ssa-1'));
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.managedFields?.[0]).toMatchObject({ manager: 'chaos', operation: 'Apply', fieldsType: 'FieldsV1' });
    const patch = c.requests({ method: 'PATCH', path: `/apis/chaos-mesh.org/v1alpha1/namespaces/${NS}/networkchaos/ssa-1` })[0]!;
    expect(patch.contentType).toBe('application/apply-patch+yaml');
    expect(patch.query).toMatchObject({ fieldManager: 'chaos', force: 'true' });
    await waitUntil(() => c.events(NS).find((e) => e.involvedObject.name === 'ssa-1' && e.reason === 'Failed'), 'the selection failure');
    const settled = c.objects('NetworkChaos').find((o) => o.metadata.name === 'ssa-1')!;
    expect(conditionOf(settled, 'Selected')).toBe('False');
    const again = await apply(k.objects, networkChaos('ssa-1'));
    expect(again.metadata?.resourceVersion).toBe(settled.metadata.resourceVersion);
  });

  it('dryRun=All validates and answers without storing', async () => {
    const dry = await apply(k.objects, networkChaos('dry-1'), { dryRun: 'All' });
    expect(dry.metadata?.name).toBe('dry-1');
    expect(c.requests({ method: 'PATCH', query: { dryRun: 'All' } })).toHaveLength(1);
    expect(c.everCreated().map((o) => o.metadata.name)).not.toContain('dry-1');
    const bad = await apiError(apply(k.objects, networkChaos('dry-2', { mode: 'bogus' }), { dryRun: 'All' }));
    expect(bad.code).toBe(422);
  });

  it('rejects a schema violation (value: 1 unquoted) with 422 Invalid and causes', async () => {
    const err = await apiError(apply(k.objects, networkChaos('bad-value', { mode: 'fixed', value: 1 })));
    expect(err.code).toBe(422);
    expect(err.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Invalid', details: { name: 'bad-value', group: 'chaos-mesh.org', kind: 'NetworkChaos' } });
    expect(err.body.details.causes).toContainEqual(expect.objectContaining({ field: 'spec.value', message: expect.stringContaining('must be of type string') }));
    expect(err.body.message).toMatch(/^NetworkChaos\.chaos-mesh\.org "bad-value" is invalid: spec\.value: Invalid value/);
    const mode = await apiError(apply(k.objects, networkChaos('bad-mode', { mode: 'some' })));
    expect(mode.body.details.causes[0]).toMatchObject({ reason: 'FieldValueNotSupported', field: 'spec.mode' });
    expect(mode.body.details.causes[0].message).toContain('"fixed-percent"');
    expect(c.everCreated().map((o) => o.metadata.name)).not.toContain('bad-value');
  });

  it('requires a field manager and treats unknown fields as the apiserver does', async () => {
    const noManager = await apiError(k.objects.patch(networkChaos('nm'), undefined, undefined, undefined, true, k8s.PatchStrategy.ServerSideApply));
    expect(noManager.code).toBe(422);
    expect(noManager.body.message).toContain('fieldManager: Required value');
    const unknown = await apiError(apply(k.objects, networkChaos('unknown-1', { bogus: true })));
    expect(unknown.code).toBe(500);
    expect(unknown.body.message).toContain('.spec.bogus: field not declared in schema');
    const strict = await apiError(
      k.custom.createNamespacedCustomObject({
        group: 'chaos-mesh.org', version: 'v1alpha1', namespace: NS, plural: 'networkchaos',
        body: networkChaos('unknown-2', { bogus: true }), fieldValidation: 'Strict',
      }),
    );
    expect(strict).toMatchObject({ code: 400, body: { reason: 'BadRequest', message: 'strict decoding error: unknown field "spec.bogus"' } });
  });

  it('keeps the spec immutable (Chaos Mesh webhook) while labels may change', async () => {
    await apply(k.objects, networkChaos('immut'));
    const err = await apiError(apply(k.objects, networkChaos('immut', { delay: { latency: '900ms' } })));
    expect(err.code).toBe(403);
    expect(err.body).toMatchObject({ reason: 'Forbidden', message: 'admission webhook "vnetworkchaos.kb.io" denied the request: Cannot update chaos spec' });
    const relabelled = await apply(k.objects, networkChaos('immut', {}, { team: 'sre' }));
    expect(relabelled.metadata?.labels?.team).toBe('sre');
  });

  it('answers 409 Conflict on another manager\'s field unless forced', async () => {
    await apply(k.objects, networkChaos('owned', {}, { team: 'a' }));
    const other = { ...networkChaos('owned'), metadata: { name: 'owned', namespace: NS, labels: { team: 'b' } } };
    const err = await apiError(apply(k.objects, other, { manager: 'someone-else', force: false }));
    expect(err.code).toBe(409);
    expect(err.body.reason).toBe('Conflict');
    expect(err.body.details.causes).toContainEqual({ reason: 'FieldManagerConflict', message: 'conflict with "chaos" using chaos-mesh.org/v1alpha1', field: '.metadata.labels.team' });
    const forced = await apply(k.objects, other, { manager: 'someone-else', force: true });
    expect(forced.metadata?.labels?.team).toBe('b');
  });
});

describe('get, list, create, delete', () => {
  it('lists across namespaces by label selector and answers NotFound / AlreadyExists', async () => {
    c.addNamespace('other');
    const run = { 'chaos.run/run-id': 'r-list' };
    await apply(k.objects, networkChaos('listed', {}, run));
    await apply(k.objects, { ...networkChaos('listed', {}, run), metadata: { name: 'listed', namespace: 'other', labels: run } });
    const list = await k.objects.list(API_VERSION, 'NetworkChaos', undefined, undefined, undefined, undefined, undefined, 'chaos.run/run-id=r-list');
    expect(list.items.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`).sort()).toEqual(['materi-production/listed', 'other/listed']);
    const missing = await apiError(k.objects.read({ apiVersion: API_VERSION, kind: 'NetworkChaos', metadata: { name: 'nope', namespace: NS } }));
    expect(missing.body).toMatchObject({ reason: 'NotFound', code: 404, message: 'networkchaos.chaos-mesh.org "nope" not found', details: { name: 'nope', group: 'chaos-mesh.org', kind: 'networkchaos' } });
    const dup = await apiError(k.objects.create(networkChaos('listed')));
    expect(dup.body).toMatchObject({ reason: 'AlreadyExists', code: 409 });
    const ghost = await apiError(apply(k.objects, { ...networkChaos('g'), metadata: { name: 'g', namespace: 'ghost' } }));
    expect(ghost.body).toMatchObject({ code: 404, message: 'namespaces "ghost" not found' });
  });

  it('serves pods by label and field selector; a deleted pod is replaced, not Ready at first', async () => {
    const api = await k.core.listNamespacedPod({ namespace: NS, labelSelector: 'app in (api,relay)', fieldSelector: 'status.phase=Running' });
    expect(api.items).toHaveLength(5);
    const victim = api.items.find((p) => p.metadata?.labels?.app === 'api')!.metadata!.name!;
    const deleted = await k.core.deleteNamespacedPod({ name: victim, namespace: NS });
    expect(deleted.metadata?.name).toBe(victim);
    const replacement = await waitUntil(() => c.pods(NS).find((p) => p.metadata.labels?.app === 'api' && !api.items.some((o) => o.metadata?.name === p.metadata.name)), 'a replacement pod');
    expect(replacement.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('False');
    await waitUntil(() => c.pods(NS).find((p) => p.metadata.name === replacement.metadata.name && p.status.conditions.some((x: any) => x.type === 'Ready' && x.status === 'True')), 'replacement Ready');
    c.setPodReady(NS, replacement.metadata.name, false);
    const after = await k.core.readNamespacedPod({ name: replacement.metadata.name, namespace: NS });
    expect(after.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    expect(c.pods(NS).filter((p) => p.metadata.labels?.app === 'api')).toHaveLength(3);
    await expect(k.core.listNamespacedPod({ namespace: NS, fieldSelector: 'spec.bogus=1' })).rejects.toThrow(/400/);
  });
});

describe('leases and authorization', () => {
  it('creates and renews a Lease; a stale resourceVersion is a 409 Conflict; times must be MicroTime', async () => {
    const leases = k.kc.makeApiClient(k8s.CoordinationV1Api);
    const spec = { holderIdentity: 'run-1', leaseDurationSeconds: 30, acquireTime: new k8s.V1MicroTime(), renewTime: new k8s.V1MicroTime() };
    const created = await leases.createNamespacedLease({ namespace: NS, body: { metadata: { name: 'chaos-lock' }, spec } });
    const renewed = await leases.replaceNamespacedLease({ name: 'chaos-lock', namespace: NS, body: { ...created, spec: { ...spec, renewTime: new k8s.V1MicroTime() } } });
    expect(Number(renewed.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    const stale = await apiError(leases.replaceNamespacedLease({ name: 'chaos-lock', namespace: NS, body: { ...created, spec: { ...spec, holderIdentity: 'run-2' } } }));
    expect(stale.body).toMatchObject({ reason: 'Conflict', code: 409, message: expect.stringContaining('leases.coordination.k8s.io "chaos-lock": the object has been modified') });
    const dup = await apiError(leases.createNamespacedLease({ namespace: NS, body: { metadata: { name: 'chaos-lock' }, spec } }));
    expect(dup.body.reason).toBe('AlreadyExists');
    const millis = await apiError(leases.createNamespacedLease({ namespace: NS, body: { metadata: { name: 'ms' }, spec: { ...spec, renewTime: new Date() as any } } }));
    expect(millis.code).toBe(400);
    expect(c.leases().map((l) => l.spec.holderIdentity)).toEqual(['run-1']);
  });

  it('answers SelfSubjectAccessReview from its RBAC rules and forbids denied writes with the real message', async () => {
    const authz = k.kc.makeApiClient(k8s.AuthorizationV1Api);
    const review = (verb: string) =>
      authz.createSelfSubjectAccessReview({ body: { spec: { resourceAttributes: { namespace: NS, verb, group: 'chaos-mesh.org', resource: 'networkchaos' } } } });
    expect((await review('create')).status?.allowed).toBe(true);
    c.behaviour.rbacDeny = true;
    expect((await review('create')).status?.allowed).toBe(false);
    expect((await review('get')).status?.allowed).toBe(true);
    const err = await apiError(apply(k.objects, networkChaos('denied')));
    expect(err.body).toMatchObject({
      reason: 'Forbidden', code: 403,
      message: 'networkchaos.chaos-mesh.org "denied" is forbidden: User "system:serviceaccount:ci:chaos-runner" cannot patch resource "networkchaos" in API group "chaos-mesh.org" in the namespace "materi-production"',
    });
    c.behaviour.rbacDeny = [{ verb: 'list', resource: 'pods' }];
    await expect(k.core.listNamespacedPod({ namespace: NS })).rejects.toThrow(/403/);
    expect((await review('delete')).status?.allowed).toBe(true);
  });
});
