// In-memory edges for lifecycle unit tests: a virtual clock, a scripted cluster and scripted metrics.
import type { Clock, Cluster, FaultLoss, HookRunner, InjectionOutcome, Metrics, ProbeResult, Probes, QueryResult, RangeQuery, RangeResult, RunObserver } from '../../src/ports.js';
import type { HttpProbe } from '../../src/experiment/model.js';
import type { ObjectRef } from '../../src/chaos-mesh/types.js';
import type { RunDeps, RunSettings } from '../../src/lifecycle/deps.js';
import type { HookResult } from '../../src/lifecycle/journal.js';

/** Time moves only when someone sleeps: each sleep advances it at once. */
export class VirtualClock implements Clock {
  t = 1_700_000_000_000;
  /** Told after each advance (scripted events due at a virtual time). */
  private listeners = new Set<() => void>();
  now = () => this.t;
  sleep = async (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) throw signal.reason;
    await Promise.resolve();
    this.t += ms;
    if (this.listeners.size > 0) {
      for (const l of [...this.listeners]) l();
      // Let what the listeners set off settle before the sleeper goes on, as real time would.
      await new Promise((r) => setTimeout(r, 0));
    }
    if (signal?.aborted) throw signal.reason;
  };
  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export interface ClusterScript {
  pods?: { total: number; ready: number };
  /** Pod readiness as a function of virtual time (for recovery tests). */
  podsAt?: (t: number) => { total: number; ready: number };
  injection?: 'ok' | 'timeout' | 'hollow';
  deleteFails?: boolean;
  neverGone?: boolean;
  noCrds?: boolean;
  denyRbac?: boolean;
  /** Pods are named after the selector's labels (app=api → api-0…), so different selectors match different pods. */
  podsNamedBySelector?: boolean;
  /** A pod kill that Chaos Mesh confirms but that changes no pod. */
  killHasNoEffect?: boolean;
  /** The fault is deleted/paused by someone else at this virtual time. */
  faultLost?: { at: number; reason: FaultLoss['reason'] };
}

export class ScriptedCluster implements Cluster {
  calls: { op: string; at: number; ref?: ObjectRef }[] = [];
  live = new Map<string, ObjectRef>();
  constructor(
    private clock: VirtualClock,
    public script: ClusterScript = {},
  ) {}
  private log(op: string, ref?: ObjectRef) {
    this.calls.push({ op, at: this.clock.now(), ...(ref ? { ref } : {}) });
  }
  info() {
    return { context: 'fake', server: 'https://127.0.0.1:6443', namespace: 'default', user: 'tester' };
  }
  async checkChaosKinds(kinds: readonly string[]) {
    this.log('checkChaosKinds');
    if (this.script.noCrds) {
      const { EnvironmentError } = await import('../../src/errors.js');
      throw new EnvironmentError(`Chaos Mesh CRDs not found (${kinds.join(', ')})`, { hint: 'is Chaos Mesh installed?' });
    }
  }
  async namespaceExists() {
    return true;
  }
  /** PodChaos objects applied so far: each replaces pod-0 (a new UID), unless the kill has no effect. */
  kills = 0;
  async countPods(_ns?: string, selector?: { matchLabels: Record<string, string> }) {
    const p = this.script.podsAt?.(this.clock.now()) ?? this.script.pods ?? { total: 3, ready: 3 };
    const prefix = this.script.podsNamedBySelector ? Object.values(selector?.matchLabels ?? {}).join('-') : 'pod';
    const names = Array.from({ length: p.total }, (_, i) => `${prefix}-${i}`);
    const uid = (n: string) => (n === 'pod-0' && !this.script.killHasNoEffect ? `uid-${n}-${this.kills}` : `uid-${n}`);
    return { ...p, names, pods: names.map((n) => ({ name: n, uid: uid(n), restarts: 0 })) };
  }
  async canI() {
    return !this.script.denyRbac;
  }
  async apply(obj: { metadata: { name: string; namespace: string }; kind: string; apiVersion: string }, opts?: { dryRun?: boolean }) {
    const ref = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace } as ObjectRef;
    this.log(opts?.dryRun ? 'apply-dry-run' : 'apply', ref);
    if (!opts?.dryRun) this.live.set(ref.name, ref);
    if (!opts?.dryRun && ref.kind === 'PodChaos') this.kills += 1;
    return ref;
  }
  async waitForInjection(ref: ObjectRef, opts: { timeoutMs: number }): Promise<InjectionOutcome> {
    this.log('waitForInjection', ref);
    if (this.script.injection === 'timeout') {
      this.clock.t += opts.timeoutMs;
      return { ok: false, reason: 'timeout', status: { selected: false, allInjected: false, allRecovered: false, records: [], failures: ['Failed to select targets: no pod is selected'] } };
    }
    if (this.script.injection === 'hollow') {
      this.clock.t += opts.timeoutMs;
      return { ok: false, reason: 'timeout', status: { selected: true, allInjected: true, allRecovered: false, records: [], failures: [] } };
    }
    return { ok: true, status: { selected: true, allInjected: true, allRecovered: false, records: [{ id: `${ref.namespace}/pod-0`, phase: 'Injected' }], failures: [] } };
  }
  async delete(ref: ObjectRef): Promise<'deleted' | 'absent'> {
    this.log('delete', ref);
    if (this.script.deleteFails) throw new Error('500 Internal Server Error');
    const existed = this.live.has(ref.name);
    if (!this.script.neverGone) this.live.delete(ref.name);
    return existed ? 'deleted' : 'absent';
  }
  /** Resolves with a scripted loss at its virtual time (the clock moves as the lifecycle sleeps), else when the signal aborts. */
  async watchInjected(ref: ObjectRef, opts: { signal: AbortSignal }): Promise<FaultLoss | undefined> {
    this.log('watchInjected', ref);
    const loss = this.script.faultLost;
    return new Promise((resolve) => {
      const done = (v: FaultLoss | undefined) => {
        off();
        resolve(v);
      };
      const check = () => {
        if (opts.signal.aborted) return done(undefined);
        if (loss && this.clock.now() >= loss.at) {
          this.live.delete(ref.name);
          done({ reason: loss.reason, detail: `scripted: ${loss.reason}` });
        }
      };
      const off = this.clock.onAdvance(check);
      opts.signal.addEventListener('abort', () => done(undefined), { once: true });
      check();
    });
  }
  async waitForGone(ref: ObjectRef, opts: { timeoutMs: number }) {
    this.log('waitForGone', ref);
    if (this.live.has(ref.name)) {
      this.clock.t += opts.timeoutMs;
      return false;
    }
    return true;
  }
  async listManaged() {
    return [...this.live.values()];
  }
  async acquireLease(namespace: string, holder: string) {
    return { namespace, name: 'chaos-lock', holder };
  }
  async renewLease() {}
  async releaseLease() {}
}

/** Metrics answered by a function of (query, virtual time); `undefined` = empty vector. */
export class ScriptedMetrics implements Metrics {
  queries: { q: string; at: number }[] = [];
  constructor(
    private clock: VirtualClock,
    public answer: (q: string, t: number) => number | undefined | QueryResult,
  ) {}
  async query(q: string): Promise<QueryResult> {
    this.queries.push({ q, at: this.clock.now() });
    const a = this.answer(q, this.clock.now());
    if (a === undefined) return { ok: true, series: [] };
    if (typeof a === 'number') return { ok: true, series: [{ labels: {}, value: a }] };
    return a;
  }
  /** History: the same script asked at each step of the range (so a baseline is what `answer` said back then). */
  async queryRange(q: string, r: RangeQuery): Promise<RangeResult> {
    this.ranges.push({ q, ...r });
    const points = new Map<string, { labels: Record<string, string>; values: { t: number; value: number }[] }>();
    for (let t = r.startMs; t <= r.endMs; t += r.stepMs) {
      const a = this.answer(q, t);
      if (a === undefined) continue;
      const series = typeof a === 'number' ? [{ labels: {}, value: a }] : a.ok ? a.series : undefined;
      if (!series) return { ok: false, error: (a as { error: string }).error };
      for (const s of series) {
        const key = JSON.stringify(s.labels);
        const row = points.get(key) ?? { labels: s.labels, values: [] };
        row.values.push({ t, value: s.value });
        points.set(key, row);
      }
    }
    return { ok: true, series: [...points.values()] };
  }
  ranges: ({ q: string } & RangeQuery)[] = [];
}

/** Probes answered by a function of (url, virtual time): true = the expected answer. */
export class ScriptedProbes implements Probes {
  probed: { url: string; at: number; headers: HttpProbe['headers'] }[] = [];
  constructor(
    private clock: VirtualClock,
    public answer: (url: string, t: number) => boolean | ProbeResult = () => true,
    private env: Record<string, string | undefined> = {},
  ) {}
  async probe(spec: HttpProbe): Promise<ProbeResult> {
    this.probed.push({ url: spec.url, at: this.clock.now(), headers: spec.headers });
    const a = this.answer(spec.url, this.clock.now());
    return typeof a === 'boolean' ? { ok: a, detail: a ? 'HTTP 200' : 'HTTP 503, expected 200' } : a;
  }
  missingEnv(spec: HttpProbe): string[] {
    return Object.values(spec.headers).flatMap((v) => (typeof v !== 'string' && !this.env[v.env] ? [v.env] : []));
  }
}

export const silentObserver: RunObserver = { stageStarted() {}, stageFinished() {}, info() {}, warn() {} };

export const noHooks: HookRunner = {
  run: async () => {
    throw new Error('no hooks expected');
  },
  start: () => {
    throw new Error('no hooks expected');
  },
};

export function okHook(name: string, phase: HookResult['phase'], ok = true): HookResult {
  return { name, phase, command: [name], exitCode: ok ? 0 : 1, timedOut: false, stoppedByChaos: false, durationMs: 1, outputTail: '', ok };
}

export function fakeDeps(clock: VirtualClock, cluster: Cluster, metrics: Metrics, over: Partial<RunSettings> = {}, interrupt = new AbortController().signal): RunDeps {
  return {
    runId: 'r1234567',
    cluster,
    metrics,
    probes: new ScriptedProbes(clock),
    clock,
    observer: silentObserver,
    hooks: noHooks,
    interrupt,
    settings: {
      pollIntervalMs: 10_000,
      injectionTimeoutMs: 60_000,
      recoveryTimeoutMs: 300_000,
      revertTimeoutMs: 120_000,
      abortOnBreach: true,
      serverDryRun: false,
      recoveryProbeMs: 250,
      blindAbortAfter: 3,
      ...over,
    },
  };
}
