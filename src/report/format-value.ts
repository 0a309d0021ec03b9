// How numbers, durations, verdicts and exit codes are shown to people; shared by every report format.
import type { CriterionVerdict, Verdict } from '../lifecycle/journal.js';

/** Up to 4 significant digits, no exponent for everyday magnitudes, no trailing zeros. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  if (Math.abs(x) >= 1000) return String(Math.round(x * 10) / 10);
  return String(Number(x.toPrecision(4)));
}

/** A duration in milliseconds: `850ms`, `4.2s`, `1m30s`, `2h5m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${formatNumber(Math.round(abs * 10) / 10)}ms`;
  if (abs < 60_000) return `${sign}${formatNumber(Math.round(abs / 100) / 10)}s`;
  const totalS = Math.round(abs / 1000);
  if (totalS < 3600) {
    const m = Math.floor(totalS / 60);
    const s = totalS % 60;
    return `${sign}${m}m${s ? `${s}s` : ''}`;
  }
  const totalM = Math.round(totalS / 60);
  const h = Math.floor(totalM / 60);
  const m = totalM % 60;
  return `${sign}${h}h${m ? `${m}m` : ''}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** A value in the criterion's unit: seconds → ms/s, ratio → %, bool → true/false, bytes → KiB/MiB. */
export function formatValue(v: number | undefined, unit?: string): string {
  if (v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  switch (unit) {
    case 'seconds':
      return Math.abs(v) < 60 && Math.abs(v) >= 1 ? `${formatNumber(Math.round(v * 100) / 100)}s` : formatDuration(v * 1000);
    case 'ratio':
      return `${formatNumber(v * 100)}%`;
    case 'bool':
      return v !== 0 ? 'true' : 'false';
    case 'bytes': {
      let i = 0;
      let x = v;
      while (Math.abs(x) >= 1024 && i < BYTE_UNITS.length - 1) {
        x /= 1024;
        i++;
      }
      return `${formatNumber(Math.round(x * 10) / 10)}${BYTE_UNITS[i]}`;
    }
    default:
      return formatNumber(v);
  }
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  passed: 'PASSED',
  failed: 'FAILED',
  'not-steady': 'NOT STEADY',
  inconclusive: 'INCONCLUSIVE',
  errored: 'ERRORED',
  interrupted: 'INTERRUPTED',
  skipped: 'SKIPPED',
};

export const VERDICT_EMOJI: Record<Verdict, string> = {
  passed: '✅',
  failed: '❌',
  'not-steady': '⚠️',
  inconclusive: '❔',
  errored: '💥',
  interrupted: '⏹️',
  skipped: '⏭️',
};

export const CRITERION_EMOJI: Record<CriterionVerdict, string> = {
  met: '✅',
  breached: '❌',
  'no-data': '❔',
  'not-evaluated': '➖',
};

/** One line per exit code (SPEC §6), for the run line of every report. */
const EXIT_MEANING: Record<number, string> = {
  0: 'every experiment passed',
  1: 'an experiment failed',
  2: 'usage error',
  3: 'invalid experiment or config',
  4: 'environment problem, no fault left active',
  5: 'not steady before injection, nothing injected',
  6: 'revert failed, a fault may still be active',
  7: 'inconclusive, criteria had no data',
  70: 'internal error, please report',
  130: 'interrupted, faults were reverted',
};

export function exitMeaning(code: number): string {
  return EXIT_MEANING[code] ?? 'unknown exit code';
}

/** `2025-01-15 03:00:00 UTC`: reports are read across time zones. */
export function formatTimestamp(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
