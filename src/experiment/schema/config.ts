// Raw shape of chaos.config.yml (SPEC §3; camelCase keys as in kubeconfig-style files).
// No transforms or defaults: a value that passes is its own typed value; config/parse.ts builds the Config.
import { z } from 'zod';
import { AGGREGATES, HooksRaw, WHENS } from './experiment.js';
import { dnsLabel, duration, intRange, nonEmpty, orMissing } from './fields.js';

const ENV_MSG = 'must be the NAME of an environment variable (e.g. PROMETHEUS_TOKEN), never the secret itself';
const envName = () => z.string(orMissing(ENV_MSG)).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, ENV_MSG);
const URL_MSG = 'must be an http:// or https:// URL, e.g. http://prometheus.monitoring:9090';
const SERVICE_MSG = 'must be namespace/name:port, e.g. monitoring/prometheus-k8s:9090';
const METRIC_NAME_MSG = 'metric names are letters, digits and _ (they appear in criteria like "error_rate < 0.01")';
const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNITS = ['seconds', 'ratio', 'bytes', 'bool'] as const;
const SERVER_MSG = 'must be the API server URL a context points at, e.g. https://10.0.0.1:6443 (* matches any run of characters)';
const CONTEXT_MSG = 'must be a context name or glob (kind-*), or { server: "https://…" }';
const NAMESPACE_GLOB_MSG = 'must be a namespace name or a glob of one (lowercase letters, digits, "-" and *), e.g. kube-system or openshift-*';

const query = () => nonEmpty('a PromQL query').describe('PromQL; may use {{namespace}} {{service}} {{dependency}} {{experiment}} {{window}}');

const MetricRaw = z.strictObject({
  query: query().optional(),
  unit: z.enum(UNITS).optional().describe('What the query returns; thresholds like 600ms or 1% are checked against it'),
  when: z.enum(WHENS).optional().describe('Default for criteria on this metric (default always)'),
  aggregate: z.enum(AGGREGATES).optional().describe('How several series are reduced to one value'),
  description: z.string().optional(),
  values: z
    .record(z.string().regex(/^\S+$/, 'a value name has no spaces'), z.strictObject({ query: query(), when: z.enum(WHENS).optional(), unit: z.enum(UNITS).optional() }))
    .optional()
    .describe('Named queries for { metric: <name> } criteria, each true when it returns non-zero'),
});
export type MetricInput = z.infer<typeof MetricRaw>;

export const ConfigRaw = z.strictObject({
  kubernetes: z
    .strictObject({
      context: nonEmpty('a kubeconfig context name').optional(),
      namespace: dnsLabel(63, '').optional().describe('Default namespace for targets'),
      allowedContexts: z
        .array(
          z.union([nonEmpty('a context name or glob'), z.strictObject({ server: z.string(orMissing(SERVER_MSG)).regex(/^https?:\/\/[^\s/?#]+([/?#]\S*)?$/, SERVER_MSG) })], orMissing(CONTEXT_MSG)),
          orMissing('must be a list of context names (globs allowed) or { server: "https://…" } entries'),
        )
        .optional()
        .describe('Policy: the contexts chaos may run against — name globs (kind-*) or { server: <API server URL> }; --yes never overrides it'),
    })
    .optional(),
  prometheus: z
    .strictObject({
      url: z.string(orMissing(URL_MSG)).regex(/^https?:\/\/[^\s/?#]+([/?#]\S*)?$/, URL_MSG).optional(),
      service: z.string(orMissing(SERVICE_MSG)).regex(/^[a-z0-9-]+\/[a-z0-9-]+(:[A-Za-z0-9-]+)?$/, SERVICE_MSG).optional().describe('Reach Prometheus through the Kubernetes API service proxy'),
      bearerTokenEnv: envName().optional().describe('Environment variable holding a bearer token'),
      basicAuth: z.strictObject({ username: nonEmpty(), passwordEnv: envName().describe('Environment variable holding the password') }).optional(),
      tls: z
        .strictObject({ caFile: nonEmpty().optional(), certFile: nonEmpty().optional(), keyFile: nonEmpty().optional(), insecureSkipVerify: z.boolean().optional() })
        .optional(),
      headers: z.record(z.string(), z.string(orMissing('header values must be strings'))).optional().describe('Extra headers, e.g. X-Scope-OrgID for Cortex/Mimir/Thanos'),
      timeout: duration().optional().describe('Per-query timeout (default 10s)'),
    })
    .optional(),
  defaults: z
    .strictObject({
      serviceLabel: nonEmpty('a label key').optional().describe('Label that `service: x` selects on (default app)'),
      pollInterval: duration().optional().describe('How often criteria are evaluated (default 10s)'),
      injectionTimeout: duration().optional().describe('How long to wait for Chaos Mesh to confirm injection (default 60s)'),
      recoveryTimeout: duration().optional().describe('How long to wait for recovery after the fault (default 5m)'),
      revertTimeout: duration().optional().describe('How long to wait for a fault to be removed (default 2m)'),
      blindAbortAfter: intRange(1).optional().describe('Polls with no data for every criterion and abort condition before the fault is reverted (default 3)'),
      baselineWindow: duration().optional().describe('Prometheus history read for baseline-relative criteria (default 5m)'),
    })
    .optional(),
  policy: z
    .strictObject({
      protectedNamespaces: z
        .array(z.string(orMissing(NAMESPACE_GLOB_MSG)).regex(/^[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?$/, NAMESPACE_GLOB_MSG).max(63, NAMESPACE_GLOB_MSG), orMissing('must be a list of namespaces'))
        .optional()
        .describe('Namespaces no experiment may target (default: kube-system, kube-public, kube-node-lease, chaos-mesh); [] lifts it'),
      maxPods: intRange(1).optional().describe('Most pods one experiment may hit; more → exit 4 at preflight, nothing applied (default: no limit)'),
      maxPercentage: intRange(1, 100).optional().describe('Largest share (%) of the matching pods one experiment may hit (default 100)'),
    })
    .optional()
    .describe('What a run may touch'),
  metrics: z.record(z.string().regex(METRIC_NAME, METRIC_NAME_MSG), MetricRaw).optional().describe('Metric names used by success criteria → PromQL'),
  hooks: HooksRaw.optional().describe('Default hooks for every experiment (an experiment\'s own hooks replace a phase)'),
});
export type ConfigInput = z.infer<typeof ConfigRaw>;
