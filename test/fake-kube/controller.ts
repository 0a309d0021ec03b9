// A simulated Chaos Mesh controller-manager (REFERENCE §2, §8): finalizer, desiredPhase, selection,
// injection, duration, pause, deletion with recovery; each step is one Update (a MODIFIED event).
import { recordEvent } from './events.js';
import { parseGoDuration } from './go-duration.js';
import { controllerWrite } from './persist.js';
import { PODS, type PodFleet } from './pods.js';
import { chaosTypes, type ResourceType, typeKey } from './resources.js';
import { CLEAN_FINALIZER, conditions, FINALIZER, hollowConditions, isOneShot, isPaused, recordsOf, WAIT_KINDS } from './chaos-status.js';
import { selectRecords } from './selection.js';
import type { FakeState } from './state.js';
import { clone, type KObj, rfc3339 } from './store.js';

const MANAGER = 'chaos-controller-manager';
const DAEMON_ERROR =
  'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.244.0.250:31767: connect: connection refused"';

interface Tracked {
  type: ResourceType;
  ns: string;
  name: string;
  uid: string;
  /** Pending steps; 'inject' ones are cancelled when the experiment stops. */
  timers: Map<NodeJS.Timeout, 'step' | 'inject'>;
  deleting: boolean;
  stopped: boolean;
}

export class ChaosController {
  private readonly tracked = new Map<string, Tracked>();
  private readonly unsubscribe: () => void;

  constructor(private readonly state: FakeState, private readonly fleet: PodFleet) {
    this.unsubscribe = state.store.subscribe((e) => {
      const type = chaosTypes().find((t) => typeKey(t) === e.key);
      if (!type) return;
      const uid = e.object.metadata.uid!;
      const t = this.tracked.get(uid);
      if (e.type === 'ADDED') {
        const nt: Tracked = { type, ns: e.object.metadata.namespace!, name: e.object.metadata.name, uid, timers: new Map(), deleting: false, stopped: false };
        this.tracked.set(uid, nt);
        this.after(nt, 5, () => this.init(nt));
      } else if (e.type === 'DELETED') {
        if (t) this.forget(t);
      } else if (t) this.onModified(t, e.object, e.previous);
    });
  }

  close(): void {
    this.unsubscribe();
    for (const t of this.tracked.values()) this.forget(t);
  }

  private forget(t: Tracked): void {
    this.cancelTimers(t);
    this.tracked.delete(t.uid);
  }

  private after(t: Tracked, ms: number, fn: () => void, tag: 'step' | 'inject' = 'step'): void {
    const timer = setTimeout(() => {
      t.timers.delete(timer);
      if (this.tracked.has(t.uid)) fn();
    }, ms);
    t.timers.set(timer, tag);
  }

  private cancelTimers(t: Tracked, only?: 'inject'): void {
    for (const [timer, tag] of t.timers) {
      if (only && tag !== only) continue;
      clearTimeout(timer);
      t.timers.delete(timer);
    }
  }

  private current(t: Tracked): KObj | undefined {
    const o = this.state.store.get(typeKey(t.type), t.ns, t.name);
    return o && o.metadata.uid === t.uid ? o : undefined;
  }

  /** One controller Update: apply fn, recompute conditions, store. */
  private mutate(t: Tracked, fn: (o: KObj) => void): KObj | undefined {
    const cur = this.current(t);
    if (!cur) return undefined;
    const next = clone(cur);
    fn(next);
    if (next.status?.experiment) next.status.conditions = this.state.behaviour.injection === 'hollow' ? hollowConditions(next) : conditions(next);
    return controllerWrite(this.state, t.type, cur, next, MANAGER);
  }

  private event(t: Tracked, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void {
    const o = this.current(t);
    if (o) recordEvent(this.state, o, type, reason, message, component);
  }

  private onModified(t: Tracked, obj: KObj, previous: KObj | undefined): void {
    if (obj.metadata.deletionTimestamp && obj.metadata.annotations?.[CLEAN_FINALIZER] === 'forced') {
      this.cancelTimers(t);
      this.after(t, 1, () => this.finalize(t, true));
      return;
    }
    if (obj.metadata.deletionTimestamp && !t.deleting) {
      t.deleting = true;
      this.after(t, 5, () => {
        if (!t.stopped) return this.stop(t, 'Deleted');
        // already stopped (duration over): finalize now, or when the pending recovery completes
        const o = this.current(t);
        if (o && recordsOf(o).every((r) => r.phase === 'Not Injected')) this.finalize(t);
      });
      return;
    }
    if (t.deleting || isOneShot(obj) || isPaused(obj) === isPaused(previous) || !obj.status?.experiment) return;
    if (isPaused(obj)) this.after(t, 5, () => this.stop(t, 'Paused'));
    else if (!t.stopped || !this.durationElapsed(obj)) {
      t.stopped = false;
      this.after(t, 5, () => {
        this.mutate(t, (o) => (o.status.experiment.desiredPhase = 'Run'));
        this.inject(t);
      });
    }
  }

  private durationElapsed(o: KObj): boolean {
    const ms = typeof o.spec?.duration === 'string' ? parseGoDuration(o.spec.duration) : undefined;
    return ms !== undefined && Date.parse(o.metadata.creationTimestamp!) + ms <= Date.now();
  }

  private init(t: Tracked): void {
    this.mutate(t, (o) => (o.metadata.finalizers = [...new Set([...(o.metadata.finalizers ?? []), FINALIZER])]));
    this.event(t, 'Normal', 'FinalizerInited', 'Finalizer has been inited', 'finalizer');
    const o = this.mutate(t, (x) => {
      x.status = { conditions: [], experiment: { desiredPhase: isPaused(x) ? 'Stop' : 'Run', containerRecords: [] } };
    });
    if (!o) return;
    this.event(t, 'Normal', 'Started', 'Experiment has started', 'desiredphase');
    const ms = typeof o.spec?.duration === 'string' ? parseGoDuration(o.spec.duration) : undefined;
    if (ms !== undefined && ms > 0 && !isOneShot(o)) {
      this.after(t, Math.max(0, Date.parse(o.metadata.creationTimestamp!) + ms - Date.now()), () => this.stop(t, 'TimeUp'));
    }
    this.after(t, 5, () => this.select(t));
  }

  private select(t: Tracked): void {
    const o = this.current(t);
    if (!o || t.deleting) return;
    if (t.stopped && recordsOf(o).length > 0) return;
    if (this.state.behaviour.injection === 'hollow') {
      // Claims without records: the conditions say injected, nothing was touched.
      this.after(t, this.state.behaviour.injectDelayMs, () => this.mutate(t, (x) => (x.status.experiment.containerRecords = [])), 'inject');
      return;
    }
    const picked = this.state.behaviour.injection === 'select-nothing' ? undefined : selectRecords(this.state, o);
    if (!picked) {
      // no timed retry, as in Chaos Mesh: the object just sits there
      this.event(t, 'Warning', 'Failed', 'Failed to select targets: no pod is selected', 'records');
      return;
    }
    this.mutate(t, (x) => (x.status.experiment.containerRecords = picked.records));
    if (!isPaused(o) && !t.stopped) this.inject(t);
  }

  private inject(t: Tracked): void {
    const b = this.state.behaviour;
    const setPhase = (phase: string, ok: boolean, message?: string) =>
      this.mutate(t, (x) => {
        for (const r of recordsOf(x)) {
          r.phase = phase;
          if (phase === 'Injected') r.injectedCount += 1;
          r.events = [...(r.events ?? []), { type: ok ? 'Succeeded' : 'Failed', operation: 'Apply', ...(message ? { message } : {}), timestamp: rfc3339(Date.now()) }].slice(-100);
        }
      });
    if (b.injection === 'never') {
      this.after(t, b.injectDelayMs, () => {
        setPhase('Not Injected', false, DAEMON_ERROR);
        this.event(t, 'Warning', 'Failed', `Failed to apply chaos: ${DAEMON_ERROR}`, 'records');
      }, 'inject');
      return;
    }
    const o = this.current(t);
    if (o && WAIT_KINDS.has(o.kind)) {
      this.after(t, Math.floor(b.injectDelayMs / 2), () =>
        this.mutate(t, (x) => recordsOf(x).forEach((r) => (r.phase = 'Not Injected/Wait'))),
      'inject');
    }
    this.after(t, b.injectDelayMs, () => {
      const cur = this.current(t);
      if (!cur || cur.status?.experiment?.desiredPhase !== 'Run') return;
      this.podEffects(cur, 'inject');
      setPhase('Injected', true);
      for (const r of recordsOf(cur)) this.event(t, 'Normal', 'Applied', `Successfully apply chaos for ${r.id}`, 'records');
    }, 'inject');
  }

  private podEffects(o: KObj, what: 'inject' | 'recover'): void {
    const action = o.kind === 'PodChaos' && !this.state.behaviour.killNoEffect ? o.spec.action : undefined;
    const pods = [...new Set(recordsOf(o).map((r) => r.id.split('/').slice(0, 2).join('/')))].map((id) => id.split('/') as [string, string]);
    for (const [ns, name] of pods) {
      if (what === 'inject' && action === 'pod-kill') this.state.store.remove(PODS, ns, name);
      else if (what === 'inject' && action === 'container-kill') this.fleet.restart(ns, name, true);
      else if (what === 'inject' && action === 'pod-failure' && this.state.store.get(PODS, ns, name)) this.fleet.setReady(ns, name, false);
      else if (what === 'recover' && action === 'pod-failure') this.fleet.restart(ns, name, true);
    }
  }

  private stop(t: Tracked, reason: 'TimeUp' | 'Deleted' | 'Paused'): void {
    // selection still happens after a stop (records just stay Not Injected); injection does not
    this.cancelTimers(t, 'inject');
    t.stopped = reason !== 'Paused' || t.stopped;
    const o = this.mutate(t, (x) => {
      x.status ??= { conditions: [], experiment: { containerRecords: [] } };
      x.status.experiment.desiredPhase = 'Stop';
    });
    if (!o) return;
    const messages = { TimeUp: 'Time up according to the duration', Deleted: 'Experiment has been deleted', Paused: 'Experiment has been paused' };
    this.event(t, 'Normal', reason, messages[reason], 'desiredphase');
    if (t.deleting && this.state.behaviour.deleteMode === 'hang') {
      this.mutate(t, (x) => recordsOf(x).forEach((r) => (r.events = [...(r.events ?? []), { type: 'Failed', operation: 'Recover', message: DAEMON_ERROR, timestamp: rfc3339(Date.now()) }])));
      return;
    }
    const injected = recordsOf(o).filter((r) => r.phase !== 'Not Injected');
    const delay = injected.length > 0 && !isOneShot(o) ? this.state.behaviour.recoverDelayMs : 1;
    this.after(t, delay, () => {
      const cur = this.current(t);
      if (!cur) return;
      if (injected.length > 0 && !isOneShot(cur)) this.podEffects(cur, 'recover');
      this.mutate(t, (x) => {
        for (const r of recordsOf(x)) {
          if (r.phase === 'Not Injected') continue;
          r.phase = 'Not Injected';
          r.recoveredCount += 1;
          r.events = [...(r.events ?? []), { type: 'Succeeded', operation: 'Recover', timestamp: rfc3339(Date.now()) }].slice(-100);
        }
      });
      for (const r of injected) this.event(t, 'Normal', 'Recovered', `Successfully recover chaos for ${r.id}`, 'records');
      if (t.deleting) this.finalize(t);
    });
  }

  /** Chaos Mesh sets the finalizer list to empty (all of them); the apiserver then removes the object. */
  private finalize(t: Tracked, forced = false): void {
    if (!forced && this.state.behaviour.deleteMode === 'hang') return;
    this.event(t, 'Normal', 'FinalizerInited', 'Finalizer has been removed', 'finalizer');
    this.mutate(t, (x) => (x.metadata.finalizers = []));
  }
}
