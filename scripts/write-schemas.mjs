#!/usr/bin/env node
// Writes the published JSON Schemas (schemas/*.json) from the built code: run `npm run schema`.
// test/unit/experiment/schema-drift.test.ts fails when these files fall behind the code.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { experimentJsonSchema, configJsonSchema } = await import(join(root, 'dist', 'experiment', 'json-schema.js'));
const { reportJsonSchema } = await import(join(root, 'dist', 'report', 'journal-schema.js'));

await mkdir(join(root, 'schemas'), { recursive: true });
for (const [name, schema] of [['experiment', experimentJsonSchema()], ['config', configJsonSchema()], ['report', reportJsonSchema()]]) {
  const file = join(root, 'schemas', `${name}.schema.json`);
  await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
