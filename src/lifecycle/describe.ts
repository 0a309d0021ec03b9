// Human-readable forms of selectors and refs for messages.
import type { LabelSelector } from '../experiment/model.js';
import type { ObjectRef } from '../chaos-mesh/types.js';

export function selectorString(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${e.values.join(',')})`);
  }
  return parts.join(',');
}

export function refString(r: ObjectRef): string {
  return `${r.kind.toLowerCase()}/${r.name} -n ${r.namespace}`;
}

export function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)}s` : `${Math.round(ms / 1000)}s`;
}
