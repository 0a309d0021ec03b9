// Pieces of the Kubernetes adapter that need no server: Chaos Mesh status, label selectors, error
// classification, retry, and the watch loop (driven by a scripted stand-in for client-node's Watch).
import { describe, expect, it } from 'vitest';
import { describeFailure, isRetryable } from '../../src/adapters/kubernetes/errors.js';
import { formatLabelSelector } from '../../src/adapters/kubernetes/pods.js';
import { retry } from '../../src/adapters/kubernetes/retry.js';
import { chaosStatusOf } from '../../src/adapters/kubernetes/status.js';
import { watchUntil } from '../../src/adapters/kubernetes/watch.js';
import type { KubeObject } from '../../src/adapters/kubernetes/watch.js';

describe('chaosStatusOf', () => {
  it('reads conditions and collects Failed record events and Warning events, newest last', () => {
    const obj = {
      status: {
        conditions: [
          { type: 'Selected', status: 'True' },
          { type: 'AllInjected', status: 'False' },
          { type: 'AllRecovered', status: 'False' },
        ],
        experiment: {
          desiredPhase: 'Run',
          containerRecords: [
            {
              id: 'materi-production/api-0',
              events: [
                { type: 'Succeeded', operation: 'Apply', message: 'fine', timestamp: '2026-01-01T00:00:01Z' },
                { type: 'Failed', operation: 'Apply', message: 'tc: permission denied', timestamp: '2026-01-01T00:00:03Z' },
              ],
            },
          ],
        },
      },
    };
    const events = [
      { type: 'Normal', reason: 'Started', message: 'Experiment has started' },
      { type: 'Warning', reason: 'Failed', message: 'Failed to apply chaos: boom', count: 3, lastTimestamp: new Date('2026-01-01T00:00:02Z') },
    ];
    const status = chaosStatusOf(obj, events);
    expect(status).toMatchObject({ selected: true, allInjected: false, allRecovered: false, desiredPhase: 'Run' });
    expect(status.failures).toEqual([
      'Failed: Failed to apply chaos: boom (×3)',
      'Apply failed on materi-production/api-0: tc: permission denied',
    ]);
  });

  it('an object without status is neither selected nor injected', () => {
    expect(chaosStatusOf({})).toEqual({ selected: false, allInjected: false, allRecovered: false, desiredPhase: undefined, records: [], failures: [] });
  });
});

describe('formatLabelSelector', () => {
  it('writes equality and set-based requirements in Kubernetes syntax', () => {
    expect(
      formatLabelSelector({
        matchLabels: { app: 'api', tier: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'track', operator: 'NotIn', values: ['canary'] },
          { key: 'owner', operator: 'Exists', values: [] },
          { key: 'legacy', operator: 'DoesNotExist', values: [] },
        ],
      }),
    ).toBe('app=api,tier=web,env in (a,b),track notin (canary),owner,!legacy');
  });
});

describe('error classification', () => {
  it('parses the Status body of an ApiException (a JSON string in client-node 1.4)', () => {
    const e = Object.assign(new Error('HTTP-Code: 422'), {
      code: 422,
      body: JSON.stringify({ kind: 'Status', reason: 'Invalid', message: 'bad', details: { causes: [{ field: 'spec.action', message: 'Unsupported value' }] } }),
    });
    expect(describeFailure(e)).toMatchObject({ status: 422, reason: 'Invalid', message: 'bad', causes: ['spec.action: Unsupported value'] });
    expect(isRetryable(e)).toBe(false);
  });

  it('treats 5xx, node-fetch and undici-style transport errors as retryable, TLS failures not', () => {
    expect(isRetryable(Object.assign(new Error('x'), { code: 503, body: 'unavailable' }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', type: 'system' }))).toBe(true);
    expect(isRetryable(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))).toBe(true);
    expect(isRetryable(Object.assign(new Error('self signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }))).toBe(false);
    expect(describeFailure(new RangeError('a bug'))).toBeUndefined();
  });
});

describe('retry', () => {
  const transient = () => Object.assign(new Error('boom'), { code: 500, body: '' });

  it('retries retryable failures until one succeeds', async () => {
    let calls = 0;
    const result = await retry(
      async () => {
        calls += 1;
        if (calls < 3) throw transient();
        return 'ok';
      },
      { deadline: Date.now() + 5_000, isRetryable, initialDelayMs: 1 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('throws a non-retryable failure at once', async () => {
    let calls = 0;
    const forbidden = Object.assign(new Error('no'), { code: 403, body: '' });
    await expect(
      retry(
        async () => {
          calls += 1;
          throw forbidden;
        },
        { deadline: Date.now() + 5_000, isRetryable, initialDelayMs: 1 },
      ),
    ).rejects.toBe(forbidden);
    expect(calls).toBe(1);
  });

  it('gives up with the last error once the next attempt would pass the deadline', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
          throw transient();
        },
        { deadline: Date.now() + 50, isRetryable, initialDelayMs: 10, maxDelayMs: 10 },
      ),
    ).rejects.toThrow('boom');
    expect(calls).toBeGreaterThan(1);
  });

  it('stops with the abort reason', async () => {
    const ac = new AbortController();
    const p = retry(
      async () => {
        ac.abort(new Error('stop'));
        throw transient();
      },
      { deadline: Date.now() + 5_000, isRetryable, signal: ac.signal },
    );
    await expect(p).rejects.toThrow('stop');
  });
});

/** Plays one script per watch() call: events to deliver, then how the stream ends. */
function scriptedWatch(sessions: { events: [string, KubeObject][]; end: 'close' | 'hold' | Error }[]) {
  const calls: Record<string, unknown>[] = [];
  const watch = {
    watch: async (_path: string, params: Record<string, unknown>, cb: (phase: string, obj: KubeObject) => void, done: (err: unknown) => void) => {
      calls.push(params);
      const session = sessions.shift() ?? { events: [], end: 'hold' as const };
      const controller = new AbortController();
      setTimeout(() => {
        for (const [phase, obj] of session.events) cb(phase, obj);
        if (session.end === 'close') done(null);
        else if (session.end instanceof Error) done(session.end);
      }, 5);
      return controller;
    },
  };
  return { watch: watch as never, calls };
}

const chaos = (rv: string, injected: boolean): KubeObject => ({
  metadata: { name: 'x', resourceVersion: rv },
  status: { conditions: [{ type: 'Selected', status: 'True' }, { type: 'AllInjected', status: injected ? 'True' : 'False' }] },
});
const injected = (o: KubeObject | undefined) => (o && chaosStatusOf(o).allInjected ? 'injected' : undefined);

describe('watchUntil', () => {
  it('re-establishes a watch that closed early (after an ERROR event) from a fresh GET', async () => {
    const { watch, calls } = scriptedWatch([
      { events: [['MODIFIED', chaos('11', false)]], end: 'close' },
      { events: [['ERROR', { metadata: {}, code: 410, reason: 'Expired' }]], end: 'hold' },
      { events: [['BOOKMARK', { metadata: { resourceVersion: '30' } }], ['MODIFIED', chaos('31', true)]], end: 'hold' },
    ]);
    let gets = 0;
    const result = await watchUntil({
      watch,
      path: '/apis/chaos-mesh.org/v1alpha1/namespaces/ns/networkchaos',
      name: 'x',
      get: async () => chaos(String(10 + 10 * gets++), false),
      decide: injected,
      deadline: Date.now() + 10_000,
      isRetryable,
    });
    expect(result).toBe('injected');
    expect(gets).toBe(3);
    expect(calls.map((c) => c.resourceVersion)).toEqual(['10', '20', '30']);
    expect(calls.every((c) => c.fieldSelector === 'metadata.name=x')).toBe(true);
  });

  it('rethrows a watch failure that retrying cannot fix', async () => {
    const forbidden = Object.assign(new Error('Forbidden'), { statusCode: 403 });
    const { watch } = scriptedWatch([{ events: [], end: forbidden }]);
    await expect(
      watchUntil({ watch, path: '/p', name: 'x', get: async () => chaos('1', false), decide: injected, deadline: Date.now() + 5_000, isRetryable }),
    ).rejects.toBe(forbidden);
  });

  it('returns undefined at the deadline, and throws when the server never answered', async () => {
    const { watch } = scriptedWatch([]);
    const base = { watch, path: '/p', name: 'x', decide: injected, isRetryable };
    expect(await watchUntil({ ...base, get: async () => chaos('1', false), deadline: Date.now() + 200 })).toBeUndefined();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(
      watchUntil({
        ...base,
        get: async () => {
          throw refused;
        },
        deadline: Date.now() + 200,
      }),
    ).rejects.toBe(refused);
  });
});
