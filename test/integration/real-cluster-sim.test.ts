// The simulated Chaos Mesh (test/cluster/cmd/chaos-mesh-sim) as a client of the real API server:
// pod-failure, spec.duration, the pause annotation and select-nothing, as Chaos Mesh 2.8 reports them,
// behind Chaos Mesh's own admission webhook (which sees the controller's updates too, as on a cluster).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_SIM_BEHAVIOUR, startRealCluster, waitFor, type RealCluster } from '../support/real-cluster.js';
import {
  apply, condition, deleteAndExpectNothingLeft, eventsOf, isReady, networkDelay, NS, podChaos, podsOf, records, waitForChaos,
} from '../support/real-cluster-chaos.js';

let cluster: RealCluster;
beforeAll(async () => {
  cluster = await startRealCluster({ chaosMeshWebhook: true });
}, 60 * 60_000);
afterAll(async () => cluster?.close(), 60_000);

test('pod-failure keeps the selected pod not Ready while injected; deleting the chaos restarts it and it is Ready again', async () => {
  const [redis] = await podsOf(cluster, 'redis');
  expect(isReady(redis)).toBe(true);
  await apply(cluster, podChaos('redis-failure', 'pod-failure', 'redis'));
  await waitForChaos(cluster, 'podchaos', 'redis-failure', 'AllInjected=True', (o) => condition(o, 'AllInjected') === 'True');
  const [failing] = await podsOf(cluster, 'redis');
  expect(failing.metadata.uid).toBe(redis.metadata.uid);
  expect(isReady(failing)).toBe(false);

  await deleteAndExpectNothingLeft(cluster, 'podchaos', 'redis-failure');
  let back: any;
  await waitFor('the redis pod Ready again', async () => isReady(([back] = await podsOf(cluster, 'redis'), back)));
  expect(back.metadata.uid).toBe(redis.metadata.uid);
  expect(back.status.containerStatuses[0].restartCount).toBe(redis.status.containerStatuses[0].restartCount + 1);
});

test('spec.duration: injected, then stopped and recovered when the time is up; the object stays until deleted', async () => {
  await apply(cluster, networkDelay('short', { duration: '2s' }));
  await waitForChaos(cluster, 'networkchaos', 'short', 'AllInjected=True', (o) => condition(o, 'AllInjected') === 'True');
  const done = await waitForChaos(cluster, 'networkchaos', 'short', 'AllRecovered=True', (o) => condition(o, 'AllRecovered') === 'True');
  expect(done.status.experiment.desiredPhase).toBe('Stop');
  expect(records(done).map((r) => [r.phase, r.injectedCount, r.recoveredCount])).toEqual([
    ['Not Injected', 1, 1], ['Not Injected', 1, 1], ['Not Injected', 1, 1],
  ]);
  expect((await eventsOf(cluster, 'short')).map((e) => e.reason)).toContain('TimeUp');
  expect(await cluster.listChaosObjects()).toHaveLength(1);
  await deleteAndExpectNothingLeft(cluster, 'networkchaos', 'short');
});

test('the pause annotation recovers the fault (Paused=True); removing it injects again', async () => {
  await apply(cluster, networkDelay('pausable'));
  await waitForChaos(cluster, 'networkchaos', 'pausable', 'AllInjected=True', (o) => condition(o, 'AllInjected') === 'True');
  const pause = await cluster.kubectl(['annotate', '-n', NS, 'networkchaos.chaos-mesh.org', 'pausable', 'experiment.chaos-mesh.org/pause=true']);
  expect(pause.code).toBe(0);
  const paused = await waitForChaos(cluster, 'networkchaos', 'pausable', 'Paused=True and AllRecovered=True', (o) => condition(o, 'Paused') === 'True' && condition(o, 'AllRecovered') === 'True');
  expect(paused.status.experiment.desiredPhase).toBe('Stop');
  const resume = await cluster.kubectl(['annotate', '-n', NS, 'networkchaos.chaos-mesh.org', 'pausable', 'experiment.chaos-mesh.org/pause-']);
  expect(resume.code).toBe(0);
  const again = await waitForChaos(cluster, 'networkchaos', 'pausable', 'injected again', (o) => condition(o, 'AllInjected') === 'True' && condition(o, 'Paused') === 'False');
  expect(records(again).map((r) => r.injectedCount)).toEqual([2, 2, 2]);
  await deleteAndExpectNothingLeft(cluster, 'networkchaos', 'pausable');
});

test('injection=select-nothing: Selected=False with the Warning Chaos Mesh writes, and the object is still deletable', async () => {
  await cluster.setSimBehaviour({ injection: 'select-nothing' });
  try {
    await apply(cluster, networkDelay('selects-nothing'));
    await waitFor('the Warning "Failed to select targets"', async () =>
      (await eventsOf(cluster, 'selects-nothing')).some((e) => e.type === 'Warning' && e.message === 'Failed to select targets: no pod is selected'));
    const o = await waitForChaos(cluster, 'networkchaos', 'selects-nothing', 'the finalizer', (x) => x?.metadata.finalizers?.length === 1);
    expect(condition(o, 'Selected')).toBe('False');
    expect(condition(o, 'AllInjected')).toBe('False');
    expect(records(o)).toEqual([]);
    await deleteAndExpectNothingLeft(cluster, 'networkchaos', 'selects-nothing');
  } finally {
    await cluster.setSimBehaviour(DEFAULT_SIM_BEHAVIOUR);
  }
});
