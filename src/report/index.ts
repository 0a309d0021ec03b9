// The report formats behind `--report <format>=<path>`, `--output json` and `chaos report --format`.
import type { RunJournal } from '../lifecycle/journal.js';
import { formatHtml } from './html.js';
import { formatJsonReport } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';

export const REPORT_FORMATS = ['json', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

const FORMATTERS: Record<ReportFormat, (j: RunJournal, secrets?: readonly string[]) => string> = {
  json: formatJsonReport,
  junit: formatJunit,
  markdown: formatMarkdown,
  html: formatHtml,
};

/** The report file's content; every format is redacted with `secrets` plus the generic credential patterns. */
export function formatReport(format: ReportFormat, j: RunJournal, secrets: readonly string[] = []): string {
  return FORMATTERS[format](j, secrets);
}
