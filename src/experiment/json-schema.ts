// JSON Schemas of experiment files and chaos.config.yml, for editors (yaml-language-server) and `chaos schema`.
import { z } from 'zod';
import { ConfigRaw } from '../config/schema.js';
import { ExperimentFileDoc } from './schema.js';

const BASE_ID = 'https://chaos.run/schemas';

function publish(schema: z.ZodType, name: string, title: string, description: string): object {
  const json = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, $id: `${BASE_ID}/${name}.schema.json`, title, description, ...rest };
}

export function experimentJsonSchema(): object {
  return publish(ExperimentFileDoc, 'experiment', 'chaos experiment file', 'experiments: [...] or a single experiment (name, target, fault, duration, success_criteria)');
}

export function configJsonSchema(): object {
  return publish(ConfigRaw, 'config', 'chaos.config.yml', 'Kubernetes, Prometheus, defaults, the metric catalog and default hooks for chaos');
}
