// The run journal as a zod schema: the source of schemas/report.schema.json (`npm run schema`).
// Kept faithful to lifecycle/journal.ts; a type-level test fails when the two drift apart.
import { z } from 'zod';
import { REPORT_VERSION, type RunJournal } from '../lifecycle/journal.js';

const op = z.enum(['<', '<=', '>', '>=', '==', '!=']);
const when = z.enum(['always', 'eventually', 'end']);
const chaosKind = z.enum(['NetworkChaos', 'PodChaos', 'StressChaos', 'HTTPChaos', 'IOChaos', 'DNSChaos', 'TimeChaos']);
const stageName = z.enum(['preflight', 'baseline', 'inject', 'observe', 'revert', 'recover', 'conclude']);
const epochMs = z.number().meta({ description: 'epoch milliseconds' });

const sourceRef = z.object({ file: z.string(), line: z.number().int(), col: z.number().int() });

const objectRef = z.object({ apiVersion: z.string(), kind: chaosKind, namespace: z.string(), name: z.string() });

const chaosObject = z.object({
  apiVersion: z.literal('chaos-mesh.org/v1alpha1'),
  kind: chaosKind,
  metadata: z.object({
    name: z.string(),
    namespace: z.string(),
    labels: z.record(z.string(), z.string()),
    annotations: z.record(z.string(), z.string()),
  }),
  spec: z.record(z.string(), z.unknown()),
});

const sample = z.object({
  t: epochMs,
  phase: z.enum(['baseline', 'fault', 'recovery', 'end']),
  value: z.number().optional().meta({ description: 'absent when there was no data' }),
  state: z.enum(['met', 'breached', 'no-data']),
  error: z.string().optional(),
  series: z.array(z.string()).optional().meta({ description: 'when several series were judged one by one: the labels of those that decided the state' }),
  detail: z.string().optional().meta({ description: "an HTTP probe's answer: HTTP 503, timeout after 2s, connection refused" }),
});

const baselineRecord = z.object({
  stat: z.enum(['median', 'p95', 'max', 'mean']),
  windowMs: z.number().meta({ description: 'Prometheus history read, ending at injection' }),
  factor: z.number(),
  offset: z.number(),
  value: z.number().optional().meta({ description: 'absent when the history had no data (the criterion is then no-data)' }),
  points: z.number().int().optional(),
  error: z.string().optional(),
});

const criterionResult = z.object({
  label: z.string(),
  kind: z.enum(['criterion', 'abort', 'hook', 'builtin', 'effect']),
  metric: z.string().optional(),
  query: z.string().optional().meta({ description: 'PromQL with templates resolved' }),
  op,
  threshold: z.number().meta({ description: 'in base units: seconds, ratio, bytes, 0/1' }),
  display: z.string().meta({ description: 'the threshold as written, e.g. 600ms' }),
  unit: z.string().optional(),
  when,
  verdict: z.enum(['met', 'breached', 'no-data', 'not-evaluated']),
  worst: z.number().optional().meta({ description: 'worst value seen against the threshold' }),
  reason: z.string().optional(),
  samples: z.array(sample),
  source: sourceRef.optional(),
  baseline: baselineRecord.optional().meta({ description: 'baseline-relative criteria: the baseline; threshold = factor × value + offset' }),
  probe: z.string().optional().meta({ description: 'HTTP probes: the URL probed' }),
  alert: z.string().optional().meta({ description: 'alert criteria and abort conditions: the alert name' }),
});

const stageRecord = z.object({
  name: stageName,
  startedAt: epochMs,
  endedAt: epochMs.optional(),
  ok: z.boolean().optional(),
  detail: z.string().optional(),
  error: z.string().optional(),
});

const hookResult = z.object({
  name: z.string(),
  phase: z.enum(['before', 'during', 'after']),
  command: z.array(z.string()),
  exitCode: z.number().int().nullable().optional(),
  signal: z.string().nullable().optional(),
  timedOut: z.boolean(),
  stoppedByChaos: z.boolean(),
  durationMs: z.number(),
  outputTail: z.string().meta({ description: 'last lines of output, redacted' }),
  ok: z.boolean(),
});

const sweepRecord = z
  .object({
    scope: z.enum(['experiment', 'run']),
    at: epochMs,
    namespaces: z.array(z.string()),
    found: z.array(objectRef),
    removed: z.array(objectRef),
    left: z.array(objectRef),
    error: z.string().optional(),
  })
  .meta({ description: 'a run-id sweep: objects of this run the revert had not accounted for' });

const experimentJournal = z.object({
  name: z.string(),
  description: z.string().optional(),
  source: sourceRef,
  faultType: z.string(),
  namespace: z.string(),
  windowMs: z.number(),
  manifests: z.array(chaosObject),
  applied: z.array(objectRef).meta({ description: 'every object that may exist, recorded before apply' }),
  leftovers: z.array(objectRef).meta({ description: 'objects that could not be confirmed removed' }),
  stages: z.array(stageRecord),
  criteria: z.array(criterionResult),
  hooks: z.array(hookResult),
  targets: z.object({ total: z.number().int(), ready: z.number().int(), names: z.array(z.string()) }).optional(),
  hit: z.array(z.string()).optional().meta({ description: 'targets Chaos Mesh recorded as Injected (containerRecords ids)' }),
  killEvidence: z.string().optional().meta({ description: 'one-shot faults: what the API showed of the kill' }),
  noEffect: z.string().optional().meta({ description: 'the fault had no visible effect: inconclusive' }),
  appliedAt: epochMs.optional(),
  injectedAt: epochMs.optional(),
  revertedAt: epochMs.optional(),
  recoveredAt: epochMs.optional(),
  recoveryMs: z.number().optional(),
  abortReason: z.string().optional(),
  faultLost: z
    .object({ at: epochMs, reason: z.enum(['deleted', 'paused', 'not-injected', 'unwatchable']), detail: z.string(), ref: objectRef })
    .optional()
    .meta({ description: 'the fault stopped during its window for a reason not ours: never a pass' }),
  blindAt: epochMs.optional().meta({ description: 'Prometheus gave no data for blindAbortAfter polls: reverted at this time' }),
  uncertainApply: z.boolean().optional(),
  sweep: sweepRecord.optional(),
  verdict: z.enum(['passed', 'failed', 'not-steady', 'inconclusive', 'errored', 'interrupted', 'skipped']),
  reason: z.string().optional(),
  errorExit: z.number().int().optional(),
  hint: z.string().optional(),
  startedAt: epochMs,
  endedAt: epochMs.optional(),
});

export const runJournalSchema = z
  .object({
    reportVersion: z.literal(REPORT_VERSION),
    tool: z.object({ name: z.literal('chaos'), version: z.string() }),
    runId: z.string(),
    startedAt: epochMs,
    endedAt: epochMs.optional(),
    dryRun: z.boolean(),
    cluster: z
      .object({ context: z.string(), server: z.string(), namespace: z.string(), user: z.string().optional() })
      .optional(),
    prometheus: z.object({ url: z.string() }).optional(),
    experiments: z.array(experimentJournal),
    interrupted: z.boolean(),
    sweep: sweepRecord.optional(),
    fatal: z.string().optional().meta({ description: 'an uncaught exception during the run (exit 70 after revert)' }),
    exitCode: z.number().int().optional(),
  })
  .meta({
    title: `chaos run journal (report version ${REPORT_VERSION})`,
    description: 'The record of one `chaos run`: stages, applied objects, every sample, verdicts and exit code.',
  });

/** The published JSON Schema of `--report json` / `--output json` (schemas/report.schema.json). */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(runJournalSchema) as Record<string, unknown>;
}

/** A JSON report read back (`chaos report <journal.json>`); throws with the first problem's path on line one. */
export function parseJournal(value: unknown): RunJournal {
  const result = runJournalSchema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...rest] = result.error.issues;
  const where = first && first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  throw new Error(`${where}${first?.message ?? 'invalid'}${more}`);
}
