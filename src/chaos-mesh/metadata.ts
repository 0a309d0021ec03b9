// Object name, labels and annotations shared by every rendered kind (SPEC §2.3).
import type { Experiment } from '../experiment/model.js';
import { ANNOTATIONS, LABELS, MANAGED_BY_VALUE, type ChaosObject } from './types.js';

const MAX_NAME = 63;

// FNV-1a, base36: a short stable suffix so two long names sharing a prefix stay distinct.
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(0, 5);
}

/** `<experiment>-<runId>`, shortened (with a hash of the full name) to fit a 63-char DNS-1123 label. */
export function objectName(experiment: string, runId: string): string {
  const full = `${experiment}-${runId}`;
  if (full.length <= MAX_NAME) return full;
  const hash = shortHash(experiment);
  const room = MAX_NAME - runId.length - hash.length - 2;
  const prefix = experiment.slice(0, room).replace(/-+$/, '');
  return `${prefix}-${hash}-${runId}`;
}

export function objectMetadata(exp: Experiment, ctx: { runId: string; namespace: string }): ChaosObject['metadata'] {
  return {
    name: objectName(exp.name, ctx.runId),
    namespace: ctx.namespace,
    labels: {
      [LABELS.managedBy]: MANAGED_BY_VALUE,
      [LABELS.runId]: ctx.runId,
      [LABELS.experiment]: exp.name,
    },
    annotations: {
      [ANNOTATIONS.sourceFile]: exp.source.file,
      [ANNOTATIONS.sourceLine]: String(exp.source.line),
    },
  };
}
