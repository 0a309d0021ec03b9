// Target pods and a ReplicaSet simulation: a deleted pod comes back under a new name, not Ready
// for behaviour.podRestartMs, then Ready; restarted or failing pods drop out of Ready meanwhile.
import { randomBytes, randomUUID } from 'node:crypto';
import { CORE_TYPES, typeKey } from './resources.js';
import type { FakeState } from './state.js';
import { clone, type KObj, rfc3339 } from './store.js';

export const PODS = typeKey(CORE_TYPES.find((t) => t.kind === 'Pod')!);
const NAMESPACES = typeKey(CORE_TYPES[0]!);

const suffix = (n: number): string => randomBytes(8).toString('hex').replace(/[^a-z0-9]/g, '').slice(0, n);

function setReadyFields(pod: KObj, ready: boolean): void {
  const now = rfc3339(Date.now());
  const status = (pod.status ??= {});
  status.phase = 'Running';
  const conds: Record<string, boolean> = { PodReadyToStartContainers: true, Initialized: true, Ready: ready, ContainersReady: ready, PodScheduled: true };
  status.conditions = Object.entries(conds).map(([type, ok]) => {
    const prev = (status.conditions ?? []).find((c: any) => c.type === type);
    const value = ok ? 'True' : 'False';
    return {
      type, status: value, lastProbeTime: null,
      lastTransitionTime: prev && prev.status === value ? prev.lastTransitionTime : now,
      ...(ok ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${pod.spec.containers[0].name}]` }),
    };
  });
  for (const cs of status.containerStatuses ?? []) cs.ready = ready;
}

export class PodFleet {
  private ip = 10;
  private readonly replicaSets = new Map<string, { name: string; uid: string }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly unsubscribe: () => void;

  constructor(private readonly state: FakeState) {
    this.unsubscribe = state.store.subscribe((e) => {
      if (e.key === PODS && e.type === 'DELETED') this.replace(e.previous ?? e.object);
    });
  }

  close(): void {
    this.unsubscribe();
    for (const t of this.timers) clearTimeout(t);
  }

  ensureNamespace(ns: string): void {
    if (this.state.store.get(NAMESPACES, undefined, ns)) return;
    this.state.store.insert(NAMESPACES, {
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
      spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
    });
  }

  /** Creates n pods owned by the (simulated) ReplicaSet for this label set; returns their names. */
  add(ns: string, labels: Record<string, string>, n = 1, ready = true, name?: string): string[] {
    this.ensureNamespace(ns);
    const rsKey = `${ns}/${JSON.stringify(Object.entries(labels).sort())}`;
    let rs = this.replicaSets.get(rsKey);
    if (!rs) {
      const base = labels.app ?? labels['app.kubernetes.io/name'] ?? 'app';
      rs = { name: `${base}-${suffix(10)}`, uid: randomUUID() };
      this.replicaSets.set(rsKey, rs);
    }
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const podName = name && n === 1 ? name : name ? `${name}-${i}` : `${rs.name}-${suffix(5)}`;
      this.state.store.insert(PODS, this.makePod(ns, podName, labels, ready, rs));
      names.push(podName);
    }
    return names;
  }

  private makePod(ns: string, name: string, labels: Record<string, string>, ready: boolean, rs: { name: string; uid: string }): KObj {
    const container = labels.app ?? 'app';
    const now = rfc3339(Date.now());
    const pod: KObj = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name, namespace: ns, labels: { ...labels, 'pod-template-hash': rs.name.split('-').pop()! },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.name, uid: rs.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        containers: [{ name: container, image: `registry.example/${container}:1.0.0`, ports: [{ containerPort: 8080, protocol: 'TCP' }] }],
        nodeName: 'fake-node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default',
      },
      status: {
        phase: 'Running', hostIP: '172.18.0.2', podIP: `10.244.0.${(this.ip++ % 250) + 2}`, startTime: now,
        containerStatuses: [{
          name: container, ready, restartCount: 0, started: true, image: `registry.example/${container}:1.0.0`,
          imageID: `registry.example/${container}@sha256:${randomBytes(32).toString('hex')}`,
          containerID: `containerd://${randomBytes(32).toString('hex')}`, state: { running: { startedAt: now } },
        }],
      },
    };
    setReadyFields(pod, ready);
    return pod;
  }

  setReady(ns: string, name: string, ready: boolean): void {
    const pod = this.state.store.get(PODS, ns, name);
    if (!pod) throw new Error(`fake-kube: no pod ${ns}/${name}`);
    setReadyFields(pod, ready);
    this.state.store.replace(PODS, pod);
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Not Ready now, Ready again after podRestartMs (a restarted container). */
  restart(ns: string, name: string, countRestart: boolean): void {
    const pod = this.state.store.get(PODS, ns, name);
    if (!pod) return;
    if (countRestart) for (const cs of pod.status.containerStatuses ?? []) cs.restartCount += 1;
    setReadyFields(pod, false);
    this.state.store.replace(PODS, pod);
    this.later(this.state.behaviour.podRestartMs, () => {
      if (this.state.store.get(PODS, ns, name)) this.setReady(ns, name, true);
    });
  }

  private replace(gone: KObj): void {
    const owner = (gone.metadata.ownerReferences ?? []).find((o: any) => o.kind === 'ReplicaSet');
    if (!owner) return;
    const labels = clone(gone.metadata.labels ?? {});
    delete labels['pod-template-hash'];
    const ns = gone.metadata.namespace!;
    // the ReplicaSet controller notices within a few ms; the new pod needs podRestartMs to get Ready
    this.later(10, () => {
      const [name] = this.add(ns, labels, 1, false);
      this.later(this.state.behaviour.podRestartMs, () => {
        if (this.state.store.get(PODS, ns, name!)) this.setReady(ns, name!, true);
      });
    });
  }
}
