// Raw shape of experiment files (snake_case, as written). Normalisation into the model is in ../parse.ts.
// These schemas have no transforms or defaults: a value that passes is its own typed value.
import { z } from 'zod';
import { dnsLabel, duration, intRange, nonEmpty, podPercent, orMissing } from './fields.js';

const NAME_MAX = 54;

const DependencyRaw = z
  .union([
    nonEmpty('a service name').describe('Service name, or namespace/name'),
    z.strictObject({
      service: nonEmpty().optional(),
      namespace: dnsLabel(63, '').optional(),
      label_selector: z.string().optional(),
      hosts: z.array(nonEmpty('a host, IP or CIDR'), orMissing('must be a list of hosts')).min(1).optional().describe('Hosts outside the cluster (IPs, CIDRs, DNS names, optional :port)'),
    }),
  ])
  .describe('The other side of a network fault');

const TargetRaw = z
  .strictObject({
    namespace: dnsLabel(63, '').optional().describe('Namespace of the target pods (default: config, then kube context)'),
    service: nonEmpty('a service name').optional().describe('Shorthand for label_selector <serviceLabel>=<service>'),
    label_selector: z.string(orMissing('must be a label selector string like app=api,tier!=canary')).optional(),
    percentage: podPercent().optional().describe('Share of matching pods to hit (mode fixed-percent)'),
    count: intRange(1).optional().describe('Number of matching pods to hit (mode fixed)'),
    dependency: DependencyRaw.optional(),
  })
  .describe('Which pods the fault hits');

const HookArgv = z.array(z.string(), orMissing('must be a list of strings')).min(1, 'must not be empty');
const HookObject = z.strictObject({
  name: nonEmpty().optional(),
  run: z.union([nonEmpty('a command'), HookArgv]).describe('Command: a string (split without a shell) or an argv list'),
  env: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), orMissing('must be a mapping of NAME: value')).optional(),
  cwd: nonEmpty().optional(),
  timeout: duration().optional(),
  shell: z.boolean().optional().describe('Run `run` (a string) with /bin/sh -c'),
  expect_exit: z.union([intRange(0, 255), z.literal('any')], orMissing('must be an exit status 0–255 or "any"')).optional(),
});
const HookRaw = z.union([nonEmpty('a command'), HookArgv, HookObject]);
const hookList = () => z.array(HookRaw, orMissing('must be a list of commands')).optional();
export const HooksRaw = z.strictObject({
  before: hookList().describe('Run before injection; a failure stops the experiment'),
  during: hookList().describe('Run from confirmed injection until revert (e.g. a load generator)'),
  after: hookList().describe('Run after revert'),
});

const OPS = ['<', '<=', '>', '>=', '==', '!='] as const;
export const WHENS = ['always', 'eventually', 'end'] as const;
export const AGGREGATES = ['max', 'min', 'avg', 'sum', 'count'] as const;

export const BASELINE_STATS = ['median', 'p95', 'max', 'mean'] as const;

export const CriterionObject = z.strictObject({
  metric: nonEmpty('a metric name').optional().describe('Name from the metrics catalog'),
  query: nonEmpty('a PromQL query').optional().describe('PromQL instead of a catalog metric'),
  op: z.enum(OPS),
  value: z
    .union([z.number(), z.string(), z.boolean()], orMissing('must be a number, a quantity like 600ms or 1%, true/false, or relative to the baseline like 1.5x baseline'))
    .describe('Threshold: 0.01, 600ms, 1%, true, "1.5x baseline", "baseline + 0.01"'),
  baseline: z.enum(BASELINE_STATS).optional().describe('Statistic of the baseline window for a baseline-relative value (default median)'),
  when: z.enum(WHENS).optional(),
  for: duration().optional().describe('The condition must hold this long before it counts'),
  aggregate: z.enum(AGGREGATES).optional(),
});

const labelMap = (what: string) => z.record(z.string(), z.string(), orMissing(`must be a mapping of label: value (${what})`));

/** `{ alert: NAME }`: Prometheus' ALERTS{alertname=NAME, alertstate="firing"}, narrowed by labels. */
export const AlertCriterion = z.strictObject({
  alert: nonEmpty('an alert name (alertname in Prometheus)').describe('Alert rule name: must not fire (criterion), or stops the fault when firing (abort_when)'),
  labels: labelMap('narrows which firing alerts count').optional(),
  for: duration().optional().describe('The alert must fire this long before it counts'),
});

const HeaderValue = z.union(
  [z.string(), z.strictObject({ env: nonEmpty('an environment variable name') })],
  orMissing('must be a value or { env: VAR } (secrets come from environment variables)'),
);

export const HttpProbeObject = z.strictObject({
  url: z.string(orMissing('must be an http:// or https:// URL')).regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL'),
  status: intRange(100, 599).optional().describe('Expected HTTP status (default: any 2xx)'),
  timeout: duration().optional().describe('No answer within this long is a failure (default 2s)'),
  body_contains: z.string().optional().describe('The body must contain this text'),
  headers: z.record(z.string(), HeaderValue, orMissing('must be a mapping of Header: value or { env: VAR }')).optional(),
});

/** `{ http: {...} }`: reachability sampled each poll; a failure is a breach (in abort_when: stops the fault). */
export const HttpCriterion = z.strictObject({
  http: HttpProbeObject.describe('HTTP probe'),
  for: duration().optional().describe('The probe must fail (abort_when) or pass this long before it counts'),
});

/** The experiment's keys; criteria and fault parameters differ between validation and the published schema. */
export const experimentShape = (criterion: z.ZodType, fault: z.ZodType) => ({
  name: dnsLabel(NAME_MAX, ': chaos appends a 9-character -<runid> suffix and Kubernetes names stop at 63').describe('Unique DNS-1123 name'),
  description: z.string().optional(),
  target: TargetRaw,
  fault,
  duration: duration().optional().describe('How long the fault is active and observed (after the kill for one-shot faults)'),
  success_criteria: z
    .array(criterion, { error: (i) => (i.input === undefined ? 'missing success_criteria: an experiment without criteria proves nothing' : 'must be a list of criteria') })
    .describe('What must hold for the experiment to pass'),
  abort_when: z.array(criterion, orMissing('must be a list of criteria')).optional().describe('Stop the fault at once when any of these is met'),
  expect_effect: z
    .array(criterion, orMissing('must be a list of conditions'))
    .optional()
    .describe('At least one must hold at some sample during the fault, else the fault had no visible effect (inconclusive)'),
  hooks: HooksRaw.optional(),
});

/** Validation shape: criteria/parse.ts checks criteria (it needs the catalog), fault.ts checks fault parameters per type. */
export const ExperimentRaw = z.strictObject(
  experimentShape(z.unknown(), z.record(z.string(), z.unknown(), orMissing('must be a mapping: { type: <fault type>, <parameters> }'))),
);
export type ExperimentInput = z.infer<typeof ExperimentRaw>;
export type TargetInput = z.infer<typeof TargetRaw>;
export type HookInput = z.infer<typeof HookRaw>;
export type HooksInput = z.infer<typeof HooksRaw>;
export type CriterionObjectInput = z.infer<typeof CriterionObject>;
export type AlertCriterionInput = z.infer<typeof AlertCriterion>;
export type HttpCriterionInput = z.infer<typeof HttpCriterion>;

export const ExperimentListRaw = z.strictObject({
  experiments: z.array(z.unknown(), orMissing('must be a list of experiments')).min(1, 'must list at least one experiment'),
});
