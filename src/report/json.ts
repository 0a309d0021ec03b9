// `--report json` / `--output json`: the run journal itself, redacted, versioned by reportVersion.
import type { RunJournal } from '../lifecycle/journal.js';
import { redact, redactDeep } from '../redact.js';

/** JSON has no NaN/Infinity; an unknown value is absent, as the journal model already allows. */
function finiteOnly(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? undefined : value;
}

export function formatJsonReport(j: RunJournal, secrets: readonly string[] = []): string {
  return redact(`${JSON.stringify(redactDeep(j, secrets), finiteOnly, 2)}\n`, secrets);
}
