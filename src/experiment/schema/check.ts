// Checks raw input against a named schema. Valid input is recognised by the shapes compiled from the zod
// schemas at build time; zod itself (≈40 ms of start-up, SPEC §8) explains invalid input (../detail.ts).
import { detail } from '../detail.js';
import { conforms } from './shape.js';
import { SHAPES } from './shapes.generated.js';
import type { KeyedProblem, Path } from '../problems.js';
import type { SchemaId } from './ids.js';

/** Problems of `value` against schema `id`, located under `base`; none when it conforms. */
export function schemaProblems(id: SchemaId, value: unknown, base: Path): KeyedProblem[] {
  return conforms(SHAPES[id], value) ? [] : detail().explain(id, value, base);
}
