// The one place colour is decided: --no-color, NO_COLOR, FORCE_COLOR, then whether the stream is a TTY.
import { Chalk } from 'chalk';
import type { Theme } from '../report/theme.js';
import type { Output } from '../cli/io.js';

export function colourLevel(stream: Output, env: Record<string, string | undefined>, noColorFlag: boolean): 0 | 1 | 2 | 3 {
  if (noColorFlag) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    const n = Number(force);
    return n >= 1 && n <= 3 ? (n as 1 | 2 | 3) : 0;
  }
  if (env.TERM === 'dumb') return 0;
  return stream.isTTY ? 1 : 0;
}

export function makeTheme(stream: Output, env: Record<string, string | undefined>, noColorFlag: boolean): Theme {
  const c = new Chalk({ level: colourLevel(stream, env, noColorFlag) });
  return { ok: c.green, fail: c.red, warn: c.yellow, dim: c.dim, bold: c.bold, code: c.cyan };
}
