// The zod schema behind each SchemaId: the source of the compiled shapes (shape-of-zod.ts) and, loaded
// lazily by schema-check.ts, of the messages that say what is wrong with invalid input.
import type { z } from 'zod';
import { ConfigRaw } from '../config/schema.js';
import { faultSchema } from './fault-schema.js';
import type { FaultTypeName } from './fault-types.js';
import type { SchemaId } from './schema-check.js';
import { AlertCriterion, CriterionObject, ExperimentListRaw, ExperimentRaw, HttpCriterion } from './schema.js';
import type { Path } from './yaml-source.js';
import { zodProblems, type KeyedProblem } from './zod-issues.js';

export function zodSchemaOf(id: SchemaId): z.ZodType {
  switch (id) {
    case 'experiments':
      return ExperimentListRaw;
    case 'experiment':
      return ExperimentRaw;
    case 'criterion':
      return CriterionObject;
    case 'criterion.alert':
      return AlertCriterion;
    case 'criterion.http':
      return HttpCriterion;
    case 'config':
      return ConfigRaw;
    default:
      return faultSchema(id.slice('fault.'.length) as FaultTypeName);
  }
}

export function explainProblems(id: SchemaId, value: unknown, base: Path): KeyedProblem[] {
  return zodProblems(zodSchemaOf(id), value, base);
}
