// The policy questions validate and `run --dry-run` ask of one planned experiment (through plan.ts),
// answered as located problems (exit 3). A namespace that only the kube context supplies is not known
// yet: preflight asks the same question of it (exit 4).
import type { Issue } from '../errors.js';
import type { Origin, Policy } from '../config/model.js';
import type { Experiment, SourceRef } from '../experiment/model.js';
import { percentageRefusal } from './limits.js';
import { protectedNamespaceRefusal } from './namespaces.js';

/** `namespace` is undefined while only the kube context can tell it (validate, --dry-run without one). */
export function experimentPolicyIssues(exp: Experiment, namespace: string | undefined, namespaceOrigin: Origin | undefined, policy: Policy): Issue[] {
  const issues: Issue[] = [];
  const prefix = exp.docPath ? `${exp.docPath}.` : '';
  const at = (ref: SourceRef | undefined, path: string): Omit<Issue, 'message'> => ({ ...(ref ?? exp.source), path: `${prefix}${path}` });
  const targetRefusal = namespace === undefined ? undefined : protectedNamespaceRefusal(namespace, policy, 'target');
  if (targetRefusal) {
    // Located where the namespace was written: the target, else the config / CHAOS_NAMESPACE / --namespace.
    if (exp.target.namespace !== undefined) issues.push({ ...at(exp.at?.namespace, 'target.namespace'), message: targetRefusal });
    else if (namespaceOrigin) issues.push({ ...namespaceOrigin, message: targetRefusal });
  }
  const dep = exp.dependency;
  if (dep?.kind === 'pods' && dep.namespace !== undefined) {
    const refusal = protectedNamespaceRefusal(dep.namespace, policy, 'dependency');
    if (refusal) issues.push({ ...at(exp.at?.dependencyNamespace, 'target.dependency'), message: refusal });
  }
  const tooMany = percentageRefusal(exp.target, policy);
  if (tooMany) issues.push({ ...at(exp.at?.mode, exp.target.mode === 'all' ? 'target' : 'target.percentage'), message: tooMany });
  return issues;
}
