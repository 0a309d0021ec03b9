// Read-only preflight queries: namespaces, target pods, RBAC (SelfSubjectAccessReview).
import type { V1Pod } from '@kubernetes/client-node';
import type { LabelSelector } from '../../experiment/model.js';
import type { PodCount } from '../../ports.js';
import type { Session } from './clients.js';
import { describeFailure, isNotFound, toEnvironmentError } from './errors.js';

/** Kubernetes label selector syntax: `app=api,tier notin (canary),!legacy`. */
export function formatLabelSelector(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions) {
    switch (e.operator) {
      case 'In':
        parts.push(`${e.key} in (${e.values.join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${e.key} notin (${e.values.join(',')})`);
        break;
      case 'Exists':
        parts.push(e.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${e.key}`);
        break;
    }
  }
  return parts.join(',');
}

export async function namespaceExists(s: Session, namespace: string): Promise<boolean> {
  try {
    await s.clients.core.readNamespace({ name: namespace });
    return true;
  } catch (e) {
    if (isNotFound(e)) return false;
    // Runners often hold only a namespaced Role; reading namespaces is cluster-scoped. Do not fail
    // preflight for that: the dry-run apply reports a missing namespace precisely (404, kind namespaces).
    if (describeFailure(e)?.status === 403) return true;
    throw toEnvironmentError(e, { verb: 'get', resource: 'namespaces', name: namespace }, s.info);
  }
}

function isReady(pod: V1Pod): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export async function countPods(s: Session, namespace: string, selector: LabelSelector): Promise<PodCount> {
  const labelSelector = formatLabelSelector(selector);
  const pods: V1Pod[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await s.clients.core.listNamespacedPod({ namespace, labelSelector, limit: 500, _continue: token });
      pods.push(...page.items);
      token = page.metadata?._continue || undefined;
    } while (token);
  } catch (e) {
    throw toEnvironmentError(e, { verb: 'list', resource: 'pods', namespace }, s.info);
  }
  return {
    total: pods.length,
    ready: pods.filter(isReady).length,
    names: pods.map((p) => p.metadata?.name ?? '').filter((n) => n !== ''),
    pods: pods.map((p) => ({
      name: p.metadata?.name ?? '',
      uid: p.metadata?.uid ?? '',
      restarts: (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    })),
  };
}

export async function canI(s: Session, verb: string, group: string, resource: string, namespace: string): Promise<boolean> {
  try {
    const review = await s.clients.authz.createSelfSubjectAccessReview({
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { verb, group, resource, namespace } },
      },
    });
    return review.status?.allowed === true;
  } catch (e) {
    throw toEnvironmentError(e, { verb: 'create', resource: 'selfsubjectaccessreviews.authorization.k8s.io' }, s.info);
  }
}
