// A fake Kubernetes API server (HTTPS, real protocol) with a simulated Chaos Mesh, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BEHAVIOUR, type Behaviour } from './behaviour.js';
import { ChaosController } from './controller.js';
import { writeKubeconfig, type KubeconfigContext } from './kubeconfig.js';
import { PodFleet, PODS } from './pods.js';
import { RequestLog, type LoggedRequest, type RequestFilter } from './request-log.js';
import { chaosTypes, CORE_TYPES, LEASE_TYPE, typeKey, WORKLOAD_TYPES } from './resources.js';
import { startServer } from './server.js';
import type { FakeState } from './state.js';
import { Store, type KObj } from './store.js';
import { tlsMaterial } from './tls.js';

export type { Behaviour } from './behaviour.js';
export type { RbacRule, RbacDeny } from './rbac.js';
export type { LoggedRequest, RequestFilter } from './request-log.js';
export type { KObj } from './store.js';
export type { KubeconfigContext } from './kubeconfig.js';
export { writeKubeconfig } from './kubeconfig.js';

export interface FakePodSpec {
  namespace: string;
  name?: string;
  labels: Record<string, string>;
  ready?: boolean;
  count?: number;
}

export interface FakeClusterOptions {
  namespaces?: string[];
  pods?: FakePodSpec[];
  behaviour?: Partial<Behaviour>;
  /** Kubeconfig context names, all pointing at this server; the first is current. Default ['fake']. */
  contexts?: string[];
  /** Namespace of every context in the kubeconfig (default: materi-production). */
  contextNamespace?: string;
  /** User the token authenticates as, shown in Forbidden messages. */
  user?: string;
}

export interface FakeCluster {
  url: string;
  kubeconfigPath: string;
  token: string;
  caPath: string;
  caPem: string;
  /** Mutable at runtime: changes apply to the next request / controller step. */
  behaviour: Behaviour;
  requests(filter?: RequestFilter): LoggedRequest[];
  waitForRequest(filter: RequestFilter, timeoutMs?: number): Promise<LoggedRequest>;
  /** Current chaos objects (terminating ones included), optionally of one kind. */
  objects(kind?: string): KObj[];
  /** Every chaos object ever stored, as first stored. */
  everCreated(kind?: string): KObj[];
  pods(namespace?: string): KObj[];
  leases(): KObj[];
  /** ConfigMaps, ServiceAccounts, Roles, RoleBindings, Jobs and CronJobs (what `chaos deploy` prints). */
  workloads(): KObj[];
  events(namespace?: string): KObj[];
  setPodReady(namespace: string, name: string, ready: boolean): void;
  addPods(namespace: string, labels: Record<string, string>, n?: number): string[];
  addNamespace(name: string): void;
  /** Another kubeconfig for this server (e.g. extra contexts or one pointing elsewhere). */
  writeKubeconfig(dir: string, contexts: (string | KubeconfigContext)[], currentContext?: string): string;
  close(): Promise<void>;
}

/** materi-production with the seed's services, so every seed experiment has targets. */
export const DEFAULT_PODS: FakePodSpec[] = [
  { namespace: 'materi-production', labels: { app: 'api' }, count: 3 },
  { namespace: 'materi-production', labels: { app: 'postgresql' }, count: 1 },
  { namespace: 'materi-production', labels: { app: 'relay' }, count: 2 },
  { namespace: 'materi-production', labels: { app: 'redis' }, count: 1 },
];

export async function startFakeCluster(opts: FakeClusterOptions = {}): Promise<FakeCluster> {
  const tls = await tlsMaterial();
  const token = `fake-token-${Math.random().toString(36).slice(2)}`;
  const behaviour: Behaviour = { ...DEFAULT_BEHAVIOUR, ...opts.behaviour };
  const store = new Store();
  const state: FakeState = { store, behaviour, user: opts.user ?? 'system:serviceaccount:ci:chaos-runner', watches: new Set() };
  const fleet = new PodFleet(state);
  for (const ns of opts.namespaces ?? ['default', 'kube-system', 'materi-production']) fleet.ensureNamespace(ns);
  for (const p of opts.pods ?? DEFAULT_PODS) fleet.add(p.namespace, p.labels, p.count ?? 1, p.ready ?? true, p.name);
  const controller = new ChaosController(state, fleet);
  const log = new RequestLog();
  const handle = await startServer(state, log, tls, token);
  const dir = mkdtempSync(join(tmpdir(), 'fake-kube-'));
  const namespace = opts.contextNamespace ?? 'materi-production';
  const kubeconfigFor = (d: string, contexts: (string | KubeconfigContext)[], currentContext?: string): string =>
    writeKubeconfig(d, { server: handle.url, caPem: tls.caPem, token, contexts, namespace, ...(currentContext ? { currentContext } : {}) });
  const kubeconfigPath = kubeconfigFor(dir, opts.contexts ?? ['fake']);
  const chaosKeys = (kind?: string): string[] =>
    chaosTypes().filter((t) => kind === undefined || t.kind === kind).map(typeKey);

  return {
    url: handle.url,
    kubeconfigPath,
    token,
    caPath: tls.caPath,
    caPem: tls.caPem,
    behaviour,
    requests: (f) => log.list(f),
    waitForRequest: (f, timeoutMs = 5000) => log.waitFor(f, timeoutMs),
    objects: (kind) => chaosKeys(kind).flatMap((k) => store.list(k)),
    everCreated: (kind) => chaosKeys(kind).flatMap((k) => store.everCreated(k)),
    pods: (ns) => store.list(PODS, ns),
    leases: () => store.list(typeKey(LEASE_TYPE)),
    workloads: () => WORKLOAD_TYPES.flatMap((t) => store.list(typeKey(t))),
    events: (ns) => store.list(typeKey(CORE_TYPES.find((t) => t.kind === 'Event')!), ns),
    setPodReady: (ns, name, ready) => fleet.setReady(ns, name, ready),
    addPods: (ns, labels, n = 1) => fleet.add(ns, labels, n),
    addNamespace: (name) => fleet.ensureNamespace(name),
    writeKubeconfig: kubeconfigFor,
    close: async () => {
      controller.close();
      fleet.close();
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export { waitUntil, conditionOf } from './wait.js';
export { DEFAULT_BEHAVIOUR } from './behaviour.js';
