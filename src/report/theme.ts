// Colour is decided by the CLI (--no-color, NO_COLOR, FORCE_COLOR, TTY); formatters only call a Theme.

export type Paint = (s: string) => string;

export interface Theme {
  ok: Paint;
  fail: Paint;
  warn: Paint;
  dim: Paint;
  bold: Paint;
  code: Paint;
}

const same: Paint = (s) => s;

/** No colour at all: for files, pipes, NO_COLOR and tests. */
export const plainTheme: Theme = { ok: same, fail: same, warn: same, dim: same, bold: same, code: same };
