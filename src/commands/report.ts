// chaos report <journal.json>: re-render a past run in another format.
import { readTextFile } from '../adapters/files.js';
import { renderReport } from './write-reports.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../lifecycle/exit-codes.js';
import { makeTheme } from '../ui/theme.js';
import type { RunJournal } from '../lifecycle/journal.js';
import type { CliIO } from '../ports.js';

export async function reportCommand(files: string[], opts: { format: string; color?: boolean }, io: CliIO): Promise<number> {
  const journals = await Promise.all(files.map((f) => readJournal(f, io)));
  if (journals.length > 1) return compare(journals, opts, io);
  const journal = journals[0]!;
  if (opts.format === 'text') {
    const { formatRunSummary } = await import('../report/text.js');
    io.stdout.write(formatRunSummary(journal, await makeTheme(io.stdout, io.env, opts.color === false)) + '\n');
  } else {
    io.stdout.write((await renderReport(journal, opts.format as 'json', [])) + '\n');
  }
  return ExitCode.ok;
}

async function readJournal(file: string, io: CliIO): Promise<RunJournal> {
  const text = await readTextFile(file, io.cwd);
  const { parseJournal } = await import('../report/journal-schema.js');
  try {
    return parseJournal(JSON.parse(text));
  } catch (e) {
    throw new UsageError(`${file} is not a chaos JSON report: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, {
      hint: 'write one with chaos run --report json=<path>',
    });
  }
}

/** Several journals: one report with the runs side by side (text, markdown, html, json). */
async function compare(journals: RunJournal[], opts: { format: string; color?: boolean }, io: CliIO): Promise<number> {
  const { compareRuns } = await import('../report/compare.js');
  const r = await import('../report/compare-render.js');
  const c = compareRuns(journals);
  switch (opts.format) {
    case 'text':
      io.stdout.write(r.formatComparisonText(c, await makeTheme(io.stdout, io.env, opts.color === false)) + '\n');
      break;
    case 'markdown':
      io.stdout.write(r.formatComparisonMarkdown(c) + '\n');
      break;
    case 'html':
      io.stdout.write(r.formatComparisonHtml(c));
      break;
    case 'json':
      io.stdout.write(JSON.stringify(c, null, 2) + '\n');
      break;
    default:
      throw new UsageError(`--format ${opts.format} shows one run; several runs compare as text, markdown, html or json`);
  }
  return ExitCode.ok;
}
