#!/usr/bin/env node
// Writes what is generated from the zod schemas, from the built code: the published JSON Schemas
// (schemas/*.json) and the compiled shapes that check valid input without zod
// (src/experiment/schema/shapes.generated.ts). Run `npm run schema`; tests fail when either falls behind.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { experimentJsonSchema, configJsonSchema } = await import(join(root, 'dist', 'experiment', 'schema', 'json-schema.js'));
const { reportJsonSchema } = await import(join(root, 'dist', 'report', 'journal-schema.js'));

await mkdir(join(root, 'schemas'), { recursive: true });
for (const [name, schema] of [['experiment', experimentJsonSchema()], ['config', configJsonSchema()], ['report', reportJsonSchema()]]) {
  const file = join(root, 'schemas', `${name}.schema.json`);
  await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

const { renderShapesModule } = await import(join(root, 'dist', 'experiment', 'schema', 'shape-of-zod.js'));
const shapes = join(root, 'src', 'experiment', 'schema', 'shapes.generated.ts');
await writeFile(shapes, renderShapesModule());
console.log(`wrote ${shapes}`);
