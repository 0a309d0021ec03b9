// The zod schema behind each SchemaId: the source of the compiled shapes (shape-of-zod.ts) and, loaded
// lazily by check.ts, of the messages that say what is wrong with invalid input.
import type { z } from 'zod';
import { ConfigRaw } from './config.js';
import { faultSchema } from './fault.js';
import type { FaultTypeName } from '../fault-types.js';
import type { SchemaId } from './ids.js';
import { AlertCriterion, CriterionObject, ExperimentListRaw, ExperimentRaw, HttpCriterion } from './experiment.js';
import type { KeyedProblem, Path } from '../problems.js';
import { zodProblems } from './zod-issues.js';

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
