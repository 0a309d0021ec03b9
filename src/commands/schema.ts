// chaos schema [experiment|config|report]: the JSON Schemas editors and CI use.
import { UsageError } from '../errors.js';
import { ExitCode } from '../lifecycle/exit-codes.js';
import type { CliIO } from '../ports.js';

export async function schemaCommand(which: string, io: CliIO): Promise<number> {
  let schema: object;
  if (which === 'experiment' || which === 'config') {
    const m = await import('../experiment/schema/json-schema.js');
    schema = which === 'experiment' ? m.experimentJsonSchema() : m.configJsonSchema();
  } else if (which === 'report') {
    schema = (await import('../report/journal-schema.js')).reportJsonSchema();
  } else {
    throw new UsageError(`unknown schema "${which}"`, { hint: 'chaos schema experiment | config | report' });
  }
  io.stdout.write(JSON.stringify(schema, null, 2) + '\n');
  return ExitCode.ok;
}
