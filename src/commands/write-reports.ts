// Writes the --report files and $GITHUB_STEP_SUMMARY; shared by `run` and `report`.
import { appendFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { makeDirs } from '../adapters/files.js';
import { EnvironmentError, UsageError } from '../errors.js';
import type { RunJournal } from '../lifecycle/journal.js';

export const REPORT_FORMATS = ['json', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function parseReportFlags(values: string[] | undefined): { format: ReportFormat; path: string }[] {
  return (values ?? []).map((v) => {
    const eq = v.indexOf('=');
    const format = v.slice(0, eq) as ReportFormat;
    const path = v.slice(eq + 1);
    if (eq <= 0 || !path || !REPORT_FORMATS.includes(format)) {
      throw new UsageError(`--report ${v}: expected <format>=<path> with format one of ${REPORT_FORMATS.join(', ')}`, { hint: 'e.g. --report junit=chaos-junit.xml' });
    }
    return { format, path };
  });
}

export async function renderReport(j: RunJournal, format: ReportFormat | 'text', secrets: string[]): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('../report/json.js')).formatJsonReport(j, secrets);
    case 'junit':
      return (await import('../report/junit.js')).formatJunit(j, secrets);
    case 'markdown':
      return (await import('../report/markdown.js')).formatMarkdown(j, secrets);
    case 'html':
      return (await import('../report/html.js')).formatHtml(j, secrets);
    case 'text': {
      const { formatRunSummary } = await import('../report/text.js');
      const { plainTheme } = await import('../report/theme.js');
      return formatRunSummary(j, plainTheme, secrets);
    }
  }
}

export async function writeReports(j: RunJournal, reports: { format: ReportFormat; path: string }[], cwd: string, env: Record<string, string | undefined>, secrets: string[]): Promise<string[]> {
  const written: string[] = [];
  for (const r of reports) {
    const path = resolve(cwd, r.path);
    const text = await renderReport(j, r.format, secrets);
    try {
      makeDirs(dirname(path));
      await writeFile(path, text);
    } catch (e) {
      throw new EnvironmentError(`cannot write report ${r.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    written.push(r.path);
  }
  if (env.GITHUB_STEP_SUMMARY) {
    await appendFile(env.GITHUB_STEP_SUMMARY, (await renderReport(j, 'markdown', secrets)) + '\n');
    written.push('$GITHUB_STEP_SUMMARY');
  }
  return written;
}
