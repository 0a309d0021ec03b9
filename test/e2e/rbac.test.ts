// Preflight checks every verb a run uses (SelfSubjectAccessReview) before anything is applied, and an
// admission webhook's 403 is reported as that webhook's denial, not as missing RBAC. Built binary.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runChaos } from './cli.js';
import { startWorld, type World } from './world.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterEach(() => {
  world.cluster.behaviour.rbacDeny = false;
  world.cluster.behaviour.admissionDeny = false;
});
afterAll(() => world?.close());

const LATENCY = ['run', 'experiments/materi.yml', '--only', 'api-latency-injection', '--duration', '2s'];
const run = () => runChaos(LATENCY, { cwd: world.dir, env: world.env });
const reviews = () => world.cluster.requests({ method: 'POST' }).filter((q) => q.path.includes('selfsubjectaccessreviews'));

describe('preflight RBAC', () => {
  test('patch (server-side apply) denied: exit 4 naming it, no PATCH sent at all, not even a dry run', async () => {
    world.cluster.behaviour.rbacDeny = [{ verb: 'patch', resource: 'networkchaos' }];
    const r = await run();
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/RBAC denies user "[^"]+" in namespace materi-production: patch networkchaos\.chaos-mesh\.org/);
    expect(r.stdout + r.stderr).toMatch(/deploy\/rbac\.yaml/);
    expect(world.cluster.requests({ method: 'PATCH' })).toEqual([]);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('lease delete denied: refused before the lock is taken, so no lock lingers after the run (exit 4)', async () => {
    world.cluster.behaviour.rbacDeny = [{ verb: 'delete', resource: 'leases', group: 'coordination.k8s.io' }];
    const r = await run();
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/RBAC denies user "[^"]+" in namespace materi-production: delete leases\.coordination\.k8s\.io/);
    expect(world.cluster.requests().filter((q) => q.path.includes('/leases') && q.method !== 'GET')).toEqual([]);
    expect(world.cluster.leases()).toEqual([]);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('lease update (renewal) and event list are checked too: every denial named at once (exit 4), nothing applied', async () => {
    world.cluster.behaviour.rbacDeny = [
      { verb: 'update', resource: 'leases', group: 'coordination.k8s.io' },
      { verb: 'list', resource: 'events', group: '' },
    ];
    const r = await run();
    expect(r.code, r.stdout + r.stderr).toBe(4);
    expect(r.stdout + r.stderr).toMatch(/RBAC denies user "[^"]+" in namespace materi-production: update leases\.coordination\.k8s\.io, list events/);
    expect(world.cluster.leases()).toEqual([]);
    expect(world.cluster.everCreated()).toEqual([]);
    expect(world.cluster.objects()).toEqual([]);
  });

  test('the reviews ask the verbs of deploy/rbac.yaml for the kinds used', async () => {
    const before = reviews().length;
    const r = await run();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const asked = reviews()
      .slice(before)
      .map((q: any) => {
        const a = JSON.parse(q.body).spec.resourceAttributes;
        return `${a.verb} ${a.group ? `${a.resource}.${a.group}` : a.resource}`;
      })
      .sort();
    expect(asked).toEqual(
      [
        ...['create', 'patch', 'get', 'list', 'watch', 'delete'].map((v) => `${v} networkchaos.chaos-mesh.org`),
        ...['get', 'create', 'update', 'delete'].map((v) => `${v} leases.coordination.k8s.io`),
        'list pods',
        'list events',
      ].sort(),
    );
    expect(world.cluster.objects()).toEqual([]);
  });
});

describe('admission webhook denials', () => {
  test('a policy webhook saying no is reported as that webhook and its reason, not as RBAC (exit 4), nothing stored', async () => {
    world.cluster.behaviour.admissionDeny = { webhook: 'validate.kyverno.svc-fail', message: 'policy no-chaos-in-prod: chaos experiments are blocked during the freeze' };
    const r = await run();
    expect(r.code, r.stdout + r.stderr).toBe(4);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/admission webhook "validate\.kyverno\.svc-fail" denied patch networkchaos\.chaos-mesh\.org "api-latency-injection-[a-z0-9]{8}" in namespace "materi-production" \(context "fake"\): policy no-chaos-in-prod: chaos experiments are blocked during the freeze/);
    expect(out).toMatch(/not RBAC/);
    expect(out).not.toMatch(/grant it with a Role|RBAC denies/);
    expect(world.cluster.objects()).toEqual([]);
  });
});
