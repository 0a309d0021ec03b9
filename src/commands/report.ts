// chaos report <journal.json>: re-render a past run in another format.
import { readTextFile } from '../adapters/files.js';
import { renderReport } from './write-reports.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { makeTheme } from '../ui/theme.js';
import type { RunJournal } from '../lifecycle/journal.js';
import type { CliIO } from '../cli/io.js';

export async function reportCommand(file: string, opts: { format: string; color?: boolean }, io: CliIO): Promise<number> {
  const text = await readTextFile(file, io.cwd);
  const { parseJournal } = await import('../report/journal-schema.js');
  let journal: RunJournal;
  try {
    journal = parseJournal(JSON.parse(text));
  } catch (e) {
    throw new UsageError(`${file} is not a chaos JSON report: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, {
      hint: 'write one with chaos run --report json=<path>',
    });
  }
  if (opts.format === 'text') {
    const { formatRunSummary } = await import('../report/text.js');
    io.stdout.write(formatRunSummary(journal, await makeTheme(io.stdout, io.env, opts.color === false)) + '\n');
  } else {
    io.stdout.write((await renderReport(journal, opts.format as 'json', [])) + '\n');
  }
  return ExitCode.ok;
}
