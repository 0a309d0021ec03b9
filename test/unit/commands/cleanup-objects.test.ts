import { describe, expect, it } from 'vitest';
import { liveRunObjects, removeEach, type CleanupCluster } from '../../../src/commands/cleanup-objects.js';
import { exitCodeForCleanup } from '../../../src/lifecycle/exit-codes.js';
import type { ObjectRef } from '../../../src/chaos-mesh/types.js';

const ref = (name: string, runId: string, namespace = 'ns'): ObjectRef & { runId: string } => ({ apiVersion: 'chaos-mesh.org/v1alpha1', kind: 'PodChaos', namespace, name, runId });

/** A cluster holding `objects`; `deny` names objects whose DELETE throws, `stuck` those that never go away. */
function fakeCluster(objects: ReturnType<typeof ref>[], leases: Record<string, { holder: string; until: number }>, opts: { deny?: string[]; stuck?: string[] } = {}) {
  const deleted: string[] = [];
  const cluster: CleanupCluster = {
    async listManaged(labels, namespace) {
      return objects.filter((o) => (!labels['chaos.run/run-id'] || o.runId === labels['chaos.run/run-id']) && (namespace === undefined || o.namespace === namespace));
    },
    async delete(r) {
      deleted.push(r.name);
      if (opts.deny?.includes(r.name)) throw new Error(`forbidden: cannot delete ${r.name}`);
      return 'deleted';
    },
    async waitForGone(r) {
      return !opts.stuck?.includes(r.name);
    },
    async liveLeaseHolder(namespace) {
      return leases[namespace];
    },
  };
  return { cluster, deleted };
}

describe('removeEach', () => {
  it('tries every object even when the first DELETE fails, and says what became of each, in order', async () => {
    const objs = [ref('a', 'r1'), ref('b', 'r1'), ref('c', 'r1')];
    const { cluster, deleted } = fakeCluster(objs, {}, { deny: ['a'], stuck: ['c'] });
    const out = await removeEach(cluster, objs, 2000);
    expect(deleted.sort()).toEqual(['a', 'b', 'c']);
    expect(out.map((o) => [o.ref.name, o.outcome, 'reason' in o ? o.reason : undefined])).toEqual([
      ['a', 'failed', 'DELETE failed: forbidden: cannot delete a'],
      ['b', 'removed', undefined],
      ['c', 'failed', 'still present after 2s: Chaos Mesh has not finished recovering it'],
    ]);
  });

  it('keeps going past many objects with a bounded number of DELETEs in flight', async () => {
    const objs = Array.from({ length: 30 }, (_, i) => ref(`o${i}`, 'r1'));
    let inFlight = 0;
    let most = 0;
    const { cluster } = fakeCluster(objs, {});
    cluster.delete = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      return 'deleted' as const;
    };
    const out = await removeEach(cluster, objs, 1000);
    expect(out.filter((o) => o.outcome === 'removed')).toHaveLength(30);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(8);
  });
});

describe('liveRunObjects', () => {
  it('spares every object of a run holding a live lease, in any namespace, and nothing of other runs', async () => {
    const objs = [ref('live-1', 'live', 'a'), ref('live-2', 'live', 'b'), ref('dead-1', 'dead', 'a'), ref('other', 'other', 'c')];
    const { cluster } = fakeCluster(objs, { a: { holder: 'live', until: 1_000 } });
    const spared = await liveRunObjects(cluster, objs, undefined);
    expect([...spared.values()].map((o) => [o.ref.name, o.runId, o.namespace, o.until])).toEqual([
      ['live-1', 'live', 'a', 1_000],
      ['live-2', 'live', 'a', 1_000],
    ]);
  });

  it('spares nothing when no namespace has a live lease', async () => {
    const objs = [ref('x', 'r1')];
    expect((await liveRunObjects(fakeCluster(objs, {}).cluster, objs, 'ns')).size).toBe(0);
  });
});

describe('exitCodeForCleanup', () => {
  it.each([
    [{ failed: 0, refused: 0 }, 0],
    [{ failed: 0, refused: 2 }, 4],
    [{ failed: 1, refused: 0 }, 6],
    [{ failed: 1, refused: 3 }, 6],
  ])('%j → %d', (counts, code) => {
    expect(exitCodeForCleanup(counts)).toBe(code);
  });
});
