// The shipped example files, as paths relative to the repository root.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../e2e/cli.js';

export function examples(): string[] {
  return readdirSync(join(ROOT, 'experiments')).filter((f) => f.endsWith('.yml')).map((f) => `experiments/${f}`);
}
