// Read-only checks before anything changes: policy, CRDs, namespace, targets and blast radius, RBAC
// (every verb the run uses), queries, SSA dry-run.
import { EnvironmentError } from '../../errors.js';
import type { ChaosKind } from '../../chaos-mesh/types.js';
import { describeAccess, requiredAccess } from '../../policy/access.js';
import { blastRadiusRefusal } from '../../policy/limits.js';
import { protectedNamespaceRefusal } from '../../policy/namespaces.js';
import { selectorString } from '../describe.js';
import { checkInterrupt, type RunDeps } from '../deps.js';
import type { PlannedExperiment } from '../plan.js';
import type { ExperimentJournal } from '../journal.js';
import type { Tracked } from '../sampling.js';

export async function preflight(p: PlannedExperiment, ej: ExperimentJournal, deps: RunDeps, tracked: Tracked[]): Promise<string> {
  const { cluster } = deps;
  const server = cluster.info().server;
  const kinds = [...new Set(p.manifests.map((m) => m.kind))];
  checkNamespacePolicy(p);
  await cluster.checkChaosKinds(kinds);
  if (!(await cluster.namespaceExists(p.namespace))) {
    throw new EnvironmentError(`namespace "${p.namespace}" not found on ${server}`, {
      hint: 'set target.namespace, kubernetes.namespace in chaos.config.yml, or --namespace',
    });
  }
  const sel = selectorString(p.experiment.target.selector);
  const pods = await cluster.countPods(p.namespace, p.experiment.target.selector);
  if (pods.total === 0) {
    throw new EnvironmentError(`no pods match ${sel} in namespace ${p.namespace}: nothing to inject into`, {
      hint: `check the target with: kubectl get pods -n ${p.namespace} -l '${sel}'`,
    });
  }
  ej.targets = { total: pods.total, ready: pods.ready, names: pods.names };
  const tooMany = blastRadiusRefusal(p.experiment.target, pods.total, p.policy);
  if (tooMany) {
    throw new EnvironmentError(`${p.experiment.name}: ${tooMany} (${sel} in ${p.namespace}); nothing was applied`, {
      hint: 'narrow the target (label_selector, percentage or count), or raise the limit under policy: in chaos.config.yml',
    });
  }
  const dep = p.experiment.dependency;
  if (dep?.kind === 'pods') {
    const ns = dep.namespace ?? p.namespace;
    const depPods = await cluster.countPods(ns, dep.selector);
    if (depPods.total === 0) {
      throw new EnvironmentError(`no pods match the dependency ${selectorString(dep.selector)} in namespace ${ns}`, {
        hint: `check it with: kubectl get pods -n ${ns} -l '${selectorString(dep.selector)}'`,
      });
    }
  }
  checkInterrupt(deps);
  if (!deps.settings.accessChecked) await checkRbac(p, deps, kinds as ChaosKind[]);
  checkProbeSecrets(tracked, deps);
  await checkQueries(tracked, deps, ej);
  checkInterrupt(deps);
  for (const m of p.manifests) await cluster.apply(m, { dryRun: true });
  return `${pods.total} pod${pods.total === 1 ? '' : 's'} match ${sel} in ${p.namespace} (${pods.ready} ready)`;
}

/** The target's namespace when only the kube context supplied it (validate already refused the written ones). */
function checkNamespacePolicy(p: PlannedExperiment): void {
  const refusal = protectedNamespaceRefusal(p.namespace, p.policy, 'target');
  if (refusal) throw new EnvironmentError(`${p.experiment.name}: ${refusal}`, { hint: 'set target.namespace, kubernetes.namespace in chaos.config.yml, or --namespace' });
  const dep = p.experiment.dependency;
  const depRefusal = dep?.kind === 'pods' && dep.namespace !== undefined ? protectedNamespaceRefusal(dep.namespace, p.policy, 'dependency') : undefined;
  if (depRefusal) throw new EnvironmentError(`${p.experiment.name}: ${depRefusal}`);
}

/** Asked also before the namespace lock is taken: a lock we could take but not release would linger. */
export async function checkAccess(p: PlannedExperiment, deps: RunDeps): Promise<void> {
  await checkRbac(p, deps, [...new Set(p.manifests.map((m) => m.kind))] as ChaosKind[]);
}

/** SelfSubjectAccessReview for every verb the run will use, all at once; every denial is named. */
async function checkRbac(p: PlannedExperiment, deps: RunDeps, kinds: ChaosKind[]): Promise<void> {
  const dep = p.experiment.dependency;
  const needed = requiredAccess({ namespace: p.namespace, kinds, dependencyNamespaces: dep?.kind === 'pods' && dep.namespace ? [dep.namespace] : [] });
  const answers = await Promise.all(needed.map((a) => deps.cluster.canI(a.verb, a.group, a.resource, a.namespace)));
  const denied = needed.filter((_, i) => !answers[i]);
  if (denied.length === 0) return;
  const byNamespace = new Map<string, string[]>();
  for (const a of denied) byNamespace.set(a.namespace, [...(byNamespace.get(a.namespace) ?? []), describeAccess(a)]);
  const who = deps.cluster.info().user;
  const parts = [...byNamespace].map(([ns, verbs]) => `in namespace ${ns}: ${verbs.join(', ')}`);
  throw new EnvironmentError(`RBAC denies ${who ? `user "${who}" ` : ''}${parts.join('; ')}`, {
    hint: 'grant the Role in deploy/rbac.yaml (least privilege for a run; see README, RBAC) in each target namespace',
  });
}

/** A probe header naming an unset env var would send no credential: refuse before anything is applied. */
function checkProbeSecrets(tracked: Tracked[], deps: RunDeps): void {
  const missing = [...new Set(tracked.flatMap((t) => (t.planned.probe ? deps.probes.missingEnv(t.planned.probe) : [])))];
  if (missing.length === 0) return;
  throw new EnvironmentError(`HTTP probe header${missing.length === 1 ? '' : 's'} name${missing.length === 1 ? 's an' : ''} unset environment variable${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`, {
    hint: `export ${missing[0]}=<value> before chaos run (secrets never live in experiment files)`,
  });
}

/** Every query must answer once; an empty answer is a warning (it will be no-data, never a pass). */
async function checkQueries(tracked: Tracked[], deps: RunDeps, ej: ExperimentJournal): Promise<void> {
  const queries = tracked.filter((t) => t.planned.resolvedQuery !== undefined);
  const answers = await Promise.all(queries.map((t) => deps.metrics.query(t.planned.resolvedQuery!)));
  const failures: string[] = [];
  answers.forEach((a, i) => {
    const t = queries[i]!;
    if (!a.ok) failures.push(`${t.planned.label}: ${a.error}`);
    else if (a.series.length === 0) deps.observer.warn(`${ej.name}: ${t.planned.label}: the query returns no series yet (it will count as no-data, never as met)`);
  });
  if (failures.length > 0) {
    throw new EnvironmentError(`Prometheus could not answer ${failures.length} quer${failures.length === 1 ? 'y' : 'ies'}:\n  ${failures.join('\n  ')}`, {
      hint: 'check prometheus.url (or --prometheus-url) and the metric queries in chaos.config.yml',
    });
  }
}
