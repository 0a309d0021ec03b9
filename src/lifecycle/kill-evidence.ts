// Proof that a one-shot fault took effect (SPEC §10): Chaos Mesh saying a pod was killed is not enough;
// the API must show the pod gone or replaced (new UID), or a container's restartCount risen.
import type { PodIdentity } from '../ports.js';

/** What shows the kill happened, or undefined when every pod is the same as before. */
export function killEvidence(before: readonly PodIdentity[], now: readonly PodIdentity[], kind: 'pod_kill' | 'container_kill'): string | undefined {
  const current = new Map(now.map((p) => [p.name, p]));
  for (const b of before) {
    const n = current.get(b.name);
    if (kind === 'pod_kill' && (!n || n.uid !== b.uid)) return `pod ${b.name} ${n ? 'was replaced (new UID)' : 'is gone'}`;
    if (kind === 'container_kill' && n && n.uid === b.uid && n.restarts > b.restarts) return `a container of ${b.name} restarted (restartCount ${b.restarts} → ${n.restarts})`;
    if (kind === 'container_kill' && (!n || n.uid !== b.uid)) return `pod ${b.name} ${n ? 'was replaced' : 'is gone'}`;
  }
  return undefined;
}
