// JSON Schemas of experiment files and chaos.config.yml, for editors (yaml-language-server) and `chaos schema`.
import { z } from 'zod';
import { ConfigRaw } from './config.js';
import { faultSchema } from './fault.js';
import { FAULT_TYPES } from '../fault-types.js';
import { AlertCriterion, CriterionObject, experimentShape, HttpCriterion } from './experiment.js';

const BASE_ID = 'https://chaos.run/schemas';

function publish(schema: z.ZodType, name: string, title: string, description: string): object {
  const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, $id: `${BASE_ID}/${name}.schema.json`, title, description, ...rest };
}

let fileDoc: z.ZodType | undefined;

/** What a file may hold, fully described (criteria forms, each fault type's parameters); built once, on demand. */
function experimentFileDoc(): z.ZodType {
  if (fileDoc) return fileDoc;
  const criterion = z.union([
    z.string().describe('"<metric> <op> <value>", e.g. "p95_latency < 600ms" or "p95_latency < 1.5x baseline"'),
    CriterionObject,
    AlertCriterion,
    HttpCriterion,
    z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).meta({ minProperties: 1, maxProperties: 1 }).describe('{ <metric>: <value> }'),
  ]);
  const faults = FAULT_TYPES.map((t) => faultSchema(t)) as unknown as [z.ZodObject, ...z.ZodObject[]];
  const experiment = z.strictObject(experimentShape(criterion, z.discriminatedUnion('type', faults))).meta({ id: 'Experiment' });
  fileDoc = z.union([z.strictObject({ experiments: z.array(experiment).min(1) }), experiment]);
  return fileDoc;
}

export function experimentJsonSchema(): object {
  return publish(experimentFileDoc(), 'experiment', 'chaos experiment file', 'experiments: [...] or a single experiment (name, target, fault, duration, success_criteria)');
}

export function configJsonSchema(): object {
  return publish(ConfigRaw, 'config', 'chaos.config.yml', 'Kubernetes, Prometheus, defaults, the metric catalog and default hooks for chaos');
}
