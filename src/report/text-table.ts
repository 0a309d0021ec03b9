// Aligned terminal columns: widths come from the plain text, colour is applied after padding so
// escape codes never skew the alignment.
import type { Paint } from './theme.js';

export interface Cell {
  text: string;
  paint?: Paint | undefined;
}

/** Cut to `max` characters, marking the cut, so a long PromQL label cannot push the table past 100 columns. */
function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export function renderTable(rows: Cell[][], maxWidths: readonly number[], indent = '  '): string[] {
  const cut = rows.map((r) => r.map((c, i) => ({ ...c, text: truncate(c.text.replace(/\s+/g, ' '), maxWidths[i] ?? 80) })));
  const widths: number[] = [];
  for (const r of cut) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.text.length)));
  return cut.map((r) =>
    (
      indent +
      r
        .map((c, i) => {
          const padded = i === r.length - 1 ? c.text : c.text.padEnd(widths[i] ?? 0);
          return c.paint ? c.paint(padded) : padded;
        })
        .join('  ')
    ).trimEnd(),
  );
}
