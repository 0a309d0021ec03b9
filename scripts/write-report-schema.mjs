// Writes schemas/report.schema.json from the zod schema in src/report/journal-schema.ts (built into dist/).
// Run through `npm run schema`; test/unit/report/json.test.ts fails when the file is out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { reportJsonSchema } from '../dist/report/journal-schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'schemas', 'report.schema.json');
writeFileSync(file, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file}`);
