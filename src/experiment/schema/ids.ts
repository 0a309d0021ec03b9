// The names of the schemas input is checked against: one per file kind, criterion form and fault type. A leaf,
// so the compiled shapes, the zod schemas and the checker share it without importing one another back.
import { FAULT_TYPES, type FaultTypeName } from '../fault-types.js';

export type SchemaId = 'experiments' | 'experiment' | 'criterion' | 'criterion.alert' | 'criterion.http' | 'config' | `fault.${FaultTypeName}`;

export const SCHEMA_IDS: readonly SchemaId[] = ['experiments', 'experiment', 'criterion', 'criterion.alert', 'criterion.http', 'config', ...FAULT_TYPES.map((t) => `fault.${t}` as const)];
