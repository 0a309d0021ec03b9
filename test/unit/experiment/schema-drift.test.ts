// The published JSON Schemas (used by editors through the files' modelines) match the code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, experimentJsonSchema } from '../../../src/experiment/schema/json-schema.js';

const SCHEMAS = join(import.meta.dirname, '..', '..', '..', 'schemas');

describe('schemas/*.json', () => {
  for (const [name, generate] of [['experiment', experimentJsonSchema], ['config', configJsonSchema]] as const) {
    it(`${name}.schema.json is up to date (else: run npm run schema)`, () => {
      const onDisk: unknown = JSON.parse(readFileSync(join(SCHEMAS, `${name}.schema.json`), 'utf8'));
      expect(onDisk, `schemas/${name}.schema.json differs from the code: run npm run schema`).toEqual(JSON.parse(JSON.stringify(generate())));
    });
  }

  it('carry $schema, $id and a title', () => {
    for (const s of [experimentJsonSchema(), configJsonSchema()] as Record<string, unknown>[]) {
      expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(String(s.$id)).toMatch(/^https:\/\/.+\.schema\.json$/);
      expect(typeof s.title).toBe('string');
    }
  });
});
