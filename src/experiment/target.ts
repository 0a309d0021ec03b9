// `target:` → which pods (selector + Chaos Mesh mode/value) and, for network faults, the other side.
import type { Dependency, LabelSelector, SelectionMode, Target, TargetLocations } from './model.js';
import type { FaultInput } from './schema/fault.js';
import type { TargetInput } from './schema/experiment.js';
import { DNS1123_LABEL, labelValueError, parseLabelSelector } from './selector.js';
import type { Path, Reporter } from './problems.js';

const NETWORK_FAULTS: ReadonlySet<string> = new Set(['latency', 'connection_failure', 'network_partition', 'packet_loss', 'corrupt', 'duplicate', 'bandwidth']);
const POD_FAULTS: ReadonlySet<string> = new Set(['pod_kill', 'pod_failure', 'container_kill']);

type DependencyInput = NonNullable<TargetInput['dependency']>;

/** `fault` is the validated fault when it is valid, for the mode default and fault.count. */
export function normaliseTarget(
  raw: TargetInput,
  fault: FaultInput | undefined,
  serviceLabel: string,
  path: Path,
  r: Reporter,
): { target: Target; dependency?: Dependency } | undefined {
  const selector = selectorOf(raw.service, raw.label_selector, serviceLabel, path, r);
  if (raw.service === undefined && raw.label_selector === undefined)
    r.report(path, 'target needs service or label_selector: which pods to hit');
  const mode = modeOf(raw, fault, path, r);
  let dependency: Dependency | undefined;
  if (raw.dependency !== undefined) {
    if (fault && !NETWORK_FAULTS.has(fault.type))
      r.report([...path, 'dependency'], `dependency only applies to network faults, not ${fault.type}`, 'key');
    else dependency = normaliseDependency(raw.dependency, serviceLabel, [...path, 'dependency'], r);
  }
  if (!selector || !mode) return undefined;
  const service = raw.service ?? selector.matchLabels[serviceLabel];
  return { target: { namespace: raw.namespace, service, selector, ...mode }, ...(dependency ? { dependency } : {}) };
}

/** Where namespace, dependency namespace and mode are written in a target that passed its schema. */
export function targetLocations(raw: TargetInput, fault: FaultInput | undefined, path: Path, r: Reporter): TargetLocations {
  const dep = raw.dependency;
  const depNamespace =
    typeof dep === 'string' ? (dep.includes('/') ? [...path, 'dependency'] : undefined) : dep?.namespace !== undefined ? [...path, 'dependency', 'namespace'] : undefined;
  const modeKey =
    raw.percentage !== undefined ? [...path, 'percentage'] : raw.count !== undefined ? [...path, 'count'] : fault?.count !== undefined ? [...path.slice(0, -1), 'fault', 'count'] : path;
  return {
    namespace: raw.namespace === undefined ? undefined : r.source([...path, 'namespace']),
    dependencyNamespace: depNamespace && r.source(depNamespace),
    mode: r.source(modeKey),
  };
}

function modeOf(raw: TargetInput, fault: FaultInput | undefined, path: Path, r: Reporter): { mode: SelectionMode; value?: string } | undefined {
  if (raw.count !== undefined && fault?.count !== undefined) {
    r.report([...path, 'count'], 'count is given twice (target.count and fault.count): keep one', 'key');
    return undefined;
  }
  const count = raw.count ?? fault?.count;
  if (raw.percentage !== undefined && count !== undefined) {
    r.report([...path, 'percentage'], 'give percentage or count, not both', 'key');
    return undefined;
  }
  if (raw.percentage !== undefined) return { mode: 'fixed-percent', value: String(raw.percentage) };
  if (count !== undefined) return { mode: 'fixed', value: String(count) };
  return { mode: fault && POD_FAULTS.has(fault.type) ? 'one' : 'all' };
}

/** `service` and `label_selector` together are ANDed; they must not disagree on the service label. */
function selectorOf(service: string | undefined, text: string | undefined, serviceLabel: string, path: Path, r: Reporter): LabelSelector | undefined {
  const selector: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  if (service !== undefined) {
    const bad = labelValueError(service);
    if (bad) return void r.report([...path, 'service'], `service ${bad.replace(/^label value "[^"]*": /, '')}`);
    selector.matchLabels[serviceLabel] = service;
  }
  if (text !== undefined) {
    const parsed = parseLabelSelector(text);
    if ('error' in parsed) return void r.report([...path, 'label_selector'], parsed.error);
    const clash = service !== undefined ? parsed.selector.matchLabels[serviceLabel] : undefined;
    if (clash !== undefined && clash !== service)
      return void r.report([...path, 'label_selector'], `selects ${serviceLabel}=${clash} but service is "${service}"`);
    Object.assign(selector.matchLabels, parsed.selector.matchLabels);
    selector.matchExpressions.push(...parsed.selector.matchExpressions);
  }
  return selector;
}

function normaliseDependency(raw: DependencyInput, serviceLabel: string, path: Path, r: Reporter): Dependency | undefined {
  if (typeof raw === 'string') {
    const slash = raw.indexOf('/');
    const [namespace, service] = slash >= 0 ? [raw.slice(0, slash), raw.slice(slash + 1)] : [undefined, raw];
    if (namespace !== undefined && !DNS1123_LABEL.test(namespace))
      return void r.report(path, `"${raw}": namespace "${namespace}" is not a DNS-1123 label (use name or namespace/name)`);
    const bad = service === '' ? 'service name is empty' : labelValueError(service);
    if (bad) return void r.report(path, `"${raw}": ${bad}`);
    return { kind: 'pods', service, namespace, selector: { matchLabels: { [serviceLabel]: service }, matchExpressions: [] } };
  }
  if (raw.hosts !== undefined) {
    const extra = (['service', 'namespace', 'label_selector'] as const).find((k) => raw[k] !== undefined);
    if (extra) return void r.report([...path, extra], 'hosts (outside the cluster) cannot be combined with service, namespace or label_selector', 'key');
    const bad = raw.hosts.findIndex((h) => !isHost(h));
    if (bad >= 0) return void r.report([...path, 'hosts', bad], 'must be an IPv4 address, a CIDR or a DNS name, with an optional :port');
    return { kind: 'external', hosts: raw.hosts };
  }
  if (raw.service === undefined && raw.label_selector === undefined)
    return void r.report(path, 'dependency needs service, label_selector or hosts');
  const selector = selectorOf(raw.service, raw.label_selector, serviceLabel, path, r);
  if (!selector) return undefined;
  return { kind: 'pods', service: raw.service ?? selector.matchLabels[serviceLabel], namespace: raw.namespace, selector };
}

const IPV4 = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}';
const DNS_NAME = '[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*';
const HOST = new RegExp(`^(${IPV4}(/([0-9]|[12][0-9]|3[0-2]))?|${DNS_NAME})(:[0-9]{1,5})?$`);

/** What Chaos Mesh accepts in externalTargets: IPv4, CIDR or DNS name, optional :port. */
function isHost(h: string): boolean {
  return HOST.test(h);
}
