// The simulated Chaos Mesh controller, observed through the real client-node Watch and API calls.
import * as k8s from '@kubernetes/client-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { conditionOf, DEFAULT_BEHAVIOUR, startFakeCluster, waitUntil, type FakeCluster, type KObj } from '../fake-kube/index.js';
import { apiError, apply, clients, type Clients, networkChaos, NS, podChaos } from '../fake-kube/test-clients.js';

const FAST = { injectDelayMs: 20, recoverDelayMs: 20, podRestartMs: 50, bookmarkIntervalMs: 50 };
let c: FakeCluster;
let k: Clients;

beforeAll(async () => {
  c = await startFakeCluster({ behaviour: FAST });
  k = clients(c);
});
afterAll(async () => c?.close());
afterEach(() => Object.assign(c.behaviour, DEFAULT_BEHAVIOUR, FAST));

interface Seen {
  type: string;
  obj: any;
}

/** A client-node Watch on NetworkChaos/PodChaos in NS; resolves `done` when the server ends it. */
async function watch(plural: string, query: Record<string, string | number | boolean>) {
  const seen: Seen[] = [];
  let finished!: (err: unknown) => void;
  const done = new Promise((resolve) => (finished = resolve));
  const ac = await new k8s.Watch(k.kc).watch(`/apis/chaos-mesh.org/v1alpha1/namespaces/${NS}/${plural}`, query, (type, obj) => seen.push({ type, obj }), (err) => finished(err));
  return { seen, done, stop: () => ac.abort() };
}

const live = (name: string): KObj | undefined => c.objects().find((o) => o.metadata.name === name);
const phaseOf = (o: any): string | undefined => o?.status?.experiment?.desiredPhase;
const ref = (kind: string, name: string) => ({ apiVersion: 'chaos-mesh.org/v1alpha1', kind, metadata: { name, namespace: NS } });
const warnings = (name: string) => k.core.listNamespacedEvent({ namespace: NS, fieldSelector: `involvedObject.name=${name},type=Warning` });

describe('lifecycle', () => {
  it('goes finalizer → Run → Selected → AllInjected, and on delete Stop → AllRecovered → gone', async () => {
    const w = await watch('networkchaos', { fieldSelector: 'metadata.name=life' });
    await apply(k.objects, networkChaos('life'));
    const injected = await waitUntil(() => w.seen.find((e) => conditionOf(e.obj, 'AllInjected') === 'True'), 'AllInjected');
    expect(injected.obj.metadata.finalizers).toEqual(['chaos-mesh/records']);
    expect(injected.obj.status.experiment.containerRecords.map((r: any) => r.phase)).toEqual(['Injected', 'Injected', 'Injected']);
    const phases = w.seen.flatMap((e) => e.obj.status?.experiment?.containerRecords?.[0]?.phase ?? []);
    expect(phases).toEqual(expect.arrayContaining(['Not Injected', 'Not Injected/Wait', 'Injected']));
    expect(w.seen[0]!.type).toBe('ADDED');

    await k.objects.delete(ref('NetworkChaos', 'life'));
    const gone = await waitUntil(() => w.seen.find((e) => e.type === 'DELETED'), 'DELETED');
    const beforeGone = w.seen.filter((e) => e.type === 'MODIFIED' && e.obj.metadata.deletionTimestamp);
    expect(phaseOf(beforeGone[0]!.obj)).toBe('Run'); // the apiserver marks it; the controller reacts after
    expect(beforeGone.some((e) => phaseOf(e.obj) === 'Stop' && conditionOf(e.obj, 'AllRecovered') === 'True')).toBe(true);
    expect(gone.obj.metadata.finalizers ?? []).toEqual([]);
    expect((await apiError(k.objects.read(ref('NetworkChaos', 'life')))).code).toBe(404);
    const reasons = (await k.core.listNamespacedEvent({ namespace: NS, fieldSelector: 'involvedObject.name=life' })).items.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Started', 'Applied', 'Deleted', 'Recovered']));
    w.stop();
  });

  it('selects by mode and value, NetworkChaos targets, and container records', async () => {
    await apply(k.objects, networkChaos('pct', { mode: 'fixed-percent', value: '50' }));
    await apply(k.objects, networkChaos('tgt', { direction: 'to', target: { mode: 'all', selector: { labelSelectors: { app: 'postgresql' } } } }));
    await apply(k.objects, { apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'StressChaos', metadata: { name: 'cpu', namespace: NS }, spec: { mode: 'one', selector: { labelSelectors: { app: 'relay' } }, stressors: { cpu: { workers: 1, load: 50 } } } });
    const records = (name: string) => waitUntil(() => (conditionOf(live(name), 'Selected') === 'True' ? live(name)!.status.experiment.containerRecords : undefined), `${name} selected`);
    expect(await records('pct')).toHaveLength(2); // ceil(3 * 50%)
    const tgt = await records('tgt');
    expect(tgt.filter((r: any) => r.selectorKey === '.Target').map((r: any) => r.id)).toEqual([expect.stringMatching(/^materi-production\/postgresql-/)]);
    expect((await records('cpu'))[0].id).toMatch(/^materi-production\/relay-[a-z0-9-]+\/relay$/);
  });

  it('with nothing to select: Selected=False and a Warning event, and it just sits there', async () => {
    await apply(k.objects, networkChaos('empty', { selector: { labelSelectors: { app: 'nothing' } } }));
    const ev = await waitUntil(async () => (await warnings('empty')).items[0], 'warning event');
    expect(ev.message).toBe('Failed to select targets: no pod is selected');
    expect(conditionOf(live('empty'), 'Selected')).toBe('False');
    expect(live('empty')!.status.experiment.containerRecords).toEqual([]);
  });
});

describe('misbehaviour knobs', () => {
  it("injection 'never': selected, records stay Not Injected, a Failed event explains", async () => {
    c.behaviour.injection = 'never';
    await apply(k.objects, networkChaos('stuck'));
    const ev = await waitUntil(async () => (await warnings('stuck')).items[0], 'apply failure event');
    expect(ev.message).toMatch(/^Failed to apply chaos: rpc error/);
    const o = live('stuck')!;
    expect([conditionOf(o, 'Selected'), conditionOf(o, 'AllInjected')]).toEqual(['True', 'False']);
    expect(o.status.experiment.containerRecords[0].events[0]).toMatchObject({ type: 'Failed', operation: 'Apply' });
  });

  it("injection 'select-nothing' ignores matching pods", async () => {
    c.behaviour.injection = 'select-nothing';
    await apply(k.objects, networkChaos('blind'));
    expect((await waitUntil(async () => (await warnings('blind')).items[0], 'warning')).reason).toBe('Failed');
    expect(conditionOf(live('blind'), 'Selected')).toBe('False');
  });

  it("deleteMode 'hang' keeps it Terminating; the cleanFinalizer annotation releases it", async () => {
    c.behaviour.deleteMode = 'hang';
    await apply(k.objects, networkChaos('hang'));
    await waitUntil(() => conditionOf(live('hang'), 'AllInjected') === 'True', 'injected');
    await k.objects.delete(ref('NetworkChaos', 'hang'));
    await waitUntil(() => phaseOf(live('hang')) === 'Stop', 'desiredPhase Stop');
    const stuck = live('hang')!;
    expect(stuck.metadata.deletionTimestamp).toBeTruthy();
    expect(stuck.metadata.finalizers).toEqual(['chaos-mesh/records']);
    expect(stuck.status.experiment.containerRecords[0].events.at(-1)).toMatchObject({ type: 'Failed', operation: 'Recover' });
    await k.objects.patch(
      { ...ref('NetworkChaos', 'hang'), metadata: { name: 'hang', namespace: NS, annotations: { 'chaos-mesh.chaos-mesh.org/cleanFinalizer': 'forced' } } },
      undefined, undefined, undefined, undefined, k8s.PatchStrategy.MergePatch,
    );
    await waitUntil(() => !live('hang'), 'object gone');
  });

  it('failDeletes answers 500 InternalError for the next n deletes', async () => {
    await apply(k.objects, networkChaos('flaky'));
    c.behaviour.failDeletes = 1;
    const err = await apiError(k.objects.delete(ref('NetworkChaos', 'flaky')));
    expect(err).toMatchObject({ code: 500, body: { kind: 'Status', reason: 'InternalError', code: 500 } });
    expect(live('flaky')!.metadata.deletionTimestamp).toBeUndefined();
    await k.objects.delete(ref('NetworkChaos', 'flaky'));
    await waitUntil(() => !live('flaky'), 'object gone');
  });
});

describe('pod faults and time', () => {
  it('pod-kill deletes the pod; the replacement is not Ready for a while; the object stays', async () => {
    const before = c.pods(NS).filter((p) => p.metadata.labels?.app === 'redis').map((p) => p.metadata.name);
    await apply(k.objects, podChaos('kill', { action: 'pod-kill', mode: 'one', selector: { labelSelectors: { app: 'redis' } } }));
    await waitUntil(() => conditionOf(live('kill'), 'AllInjected') === 'True', 'AllInjected');
    expect(c.pods(NS).map((p) => p.metadata.name)).not.toContain(before[0]);
    const fresh = await waitUntil(() => c.pods(NS).find((p) => p.metadata.labels?.app === 'redis'), 'replacement pod');
    expect(fresh.metadata.name).not.toBe(before[0]);
    await waitUntil(() => c.pods(NS).find((p) => p.metadata.labels?.app === 'redis' && p.status.conditions.find((x: any) => x.type === 'Ready').status === 'True'), 'Ready again');
    expect(phaseOf(live('kill'))).toBe('Run');
  });

  it('pod-failure makes targets not Ready until recovery', async () => {
    await apply(k.objects, podChaos('fail', { action: 'pod-failure', mode: 'all', selector: { labelSelectors: { app: 'postgresql' } } }));
    const ready = () => c.pods(NS).filter((p) => p.metadata.labels?.app === 'postgresql').every((p) => p.status.conditions.find((x: any) => x.type === 'Ready').status === 'True');
    await waitUntil(() => conditionOf(live('fail'), 'AllInjected') === 'True', 'AllInjected');
    expect(ready()).toBe(false);
    await k.objects.delete(ref('PodChaos', 'fail'));
    await waitUntil(() => !live('fail') && ready(), 'recovered and Ready');
  });

  it('when spec.duration has elapsed: desiredPhase Stop, AllRecovered=True, object kept', async () => {
    // the clock starts at creationTimestamp (whole seconds), so 2s leaves at least 1s to inject first
    await apply(k.objects, networkChaos('short', { duration: '2s' }));
    const done = await waitUntil(() => (phaseOf(live('short')) === 'Stop' && conditionOf(live('short'), 'AllRecovered') === 'True' ? live('short') : undefined), 'recovered');
    expect(done.status.experiment.containerRecords.every((r: any) => r.phase === 'Not Injected' && r.recoveredCount === 1)).toBe(true);
    expect(c.everCreated('NetworkChaos').filter((o) => o.metadata.name === 'short')).toHaveLength(1);
  });

  it('the pause annotation stops and recovers (Paused=True)', async () => {
    await apply(k.objects, networkChaos('pausable'));
    await waitUntil(() => conditionOf(live('pausable'), 'AllInjected') === 'True', 'injected');
    await apply(k.objects, { ...networkChaos('pausable'), metadata: { ...networkChaos('pausable').metadata, annotations: { 'experiment.chaos-mesh.org/pause': 'true' } } });
    const paused = await waitUntil(() => (conditionOf(live('pausable'), 'AllRecovered') === 'True' ? live('pausable') : undefined), 'recovered');
    expect([phaseOf(paused), conditionOf(paused, 'Paused')]).toEqual(['Stop', 'True']);
  });
});

describe('watch protocol', () => {
  it('filters by label, resumes from a resourceVersion, sends bookmarks and ends at timeoutSeconds', async () => {
    const w = await watch('networkchaos', { labelSelector: 'chaos.run/run-id=w1', allowWatchBookmarks: true, timeoutSeconds: 1 });
    await apply(k.objects, networkChaos('w-in', {}, { 'chaos.run/run-id': 'w1' }));
    await apply(k.objects, networkChaos('w-out', {}, { 'chaos.run/run-id': 'w2' }));
    expect(await w.done).toBeNull();
    expect(w.seen.filter((e) => e.type !== 'BOOKMARK').every((e) => e.obj.metadata.name === 'w-in')).toBe(true);
    expect(w.seen.map((e) => e.type)).toEqual(expect.arrayContaining(['ADDED', 'MODIFIED', 'BOOKMARK']));
    const added = w.seen.find((e) => e.type === 'ADDED')!.obj.metadata.resourceVersion;
    const resumed = await watch('networkchaos', { labelSelector: 'chaos.run/run-id=w1', resourceVersion: added, timeoutSeconds: 1 });
    await resumed.done;
    expect(resumed.seen[0]!.type).toBe('MODIFIED');
    expect(resumed.seen.map((e) => e.obj.metadata.resourceVersion)).toEqual(
      w.seen.filter((e) => e.type === 'MODIFIED').map((e) => e.obj.metadata.resourceVersion).slice(0, resumed.seen.length),
    );
  });

  it('sends ERROR 410 Expired for a resourceVersion older than its history', async () => {
    const w = await watch('podchaos', { resourceVersion: '1' });
    await w.done;
    expect(w.seen).toHaveLength(1);
    expect(w.seen[0]).toMatchObject({ type: 'ERROR', obj: { kind: 'Status', reason: 'Expired', code: 410 } });
  });

  it('answers a watch on a kind it does not serve with 404', async () => {
    c.behaviour.noCrds = true;
    const w = await watch('networkchaos', {});
    expect(((await w.done) as { statusCode: number }).statusCode).toBe(404);
  });
});
