// `--schedule` is checked here, before anything is printed: a CronJob with a bad schedule is accepted
// by `kubectl apply` only to fail at the API server (or, worse, never fire). Kubernetes' own grammar:
// five fields (minute hour day-of-month month day-of-week) or one of the @macros; no seconds, no TZ=.

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface Field {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** `?` means "any" in the day fields only. */
  any?: boolean;
}

const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, any: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS, any: true },
];

/** Why the schedule is not one Kubernetes accepts, or undefined when it is. */
export function cronProblem(schedule: string): string | undefined {
  const text = schedule.trim();
  if (text.startsWith('@')) return MACROS.has(text) ? undefined : `unknown macro ${text} (one of ${[...MACROS].join(', ')})`;
  if (/^(CRON_)?TZ=/.test(text)) return 'a time zone prefix is not allowed in a CronJob schedule (use --time-zone)';
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(parts[i]!, FIELDS[i]!);
    if (problem) return `${FIELDS[i]!.name} "${parts[i]}": ${problem}`;
  }
  return undefined;
}

function fieldProblem(text: string, f: Field): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined) return 'more than one /';
    if (step !== undefined && !(/^[0-9]+$/.test(step) && Number(step) >= 1)) return `step "${step}" is not a positive number`;
    if (range === '*' || (range === '?' && f.any)) continue;
    const bounds = range!.split('-');
    if (bounds.length > 2) return `"${range}" is not a value or a range`;
    const values = bounds.map((b) => valueOf(b, f));
    if (values.some((v) => v === undefined)) return `"${range}" is not in ${f.min}-${f.max}${f.names ? ` or ${f.names[0]}-${f.names.at(-1)}` : ''}`;
    if (values.length === 2 && values[0]! > values[1]!) return `range "${range}" runs backwards`;
  }
  return undefined;
}

function valueOf(text: string, f: Field): number | undefined {
  const named = f.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (f.min === 1 ? 1 : 0);
  if (!/^[0-9]+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= f.min && n <= f.max ? n : undefined;
}
