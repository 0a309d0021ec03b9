// core/v1 Events as Chaos Mesh's recorder writes them on chaos objects.
import { randomBytes } from 'node:crypto';
import { CORE_TYPES, typeKey } from './resources.js';
import type { FakeState } from './state.js';
import { type KObj, rfc3339 } from './store.js';

const EVENTS = typeKey(CORE_TYPES.find((t) => t.kind === 'Event')!);

export function recordEvent(
  state: FakeState,
  involved: KObj,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
): void {
  const ns = involved.metadata.namespace ?? 'default';
  const now = rfc3339(Date.now());
  state.store.insert(EVENTS, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${involved.metadata.name}.${randomBytes(8).toString('hex')}`, namespace: ns },
    involvedObject: {
      kind: involved.kind, namespace: ns, name: involved.metadata.name, uid: involved.metadata.uid,
      apiVersion: involved.apiVersion, resourceVersion: involved.metadata.resourceVersion,
    },
    reason,
    message,
    source: { component },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: '',
  });
}
