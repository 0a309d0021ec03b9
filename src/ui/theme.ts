// The one place colour is decided: --no-color, NO_COLOR, FORCE_COLOR, then whether the stream is a TTY.
import { plainTheme, type Theme } from '../report/theme.js';
import type { Output } from '../ports.js';

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

/** chalk is loaded only when there is colour to paint: it costs a CI run of `validate` ~5 ms of start-up. */
export async function makeTheme(stream: Output, env: Record<string, string | undefined>, noColorFlag: boolean): Promise<Theme> {
  const level = colourLevel(stream, env, noColorFlag);
  if (level === 0) return plainTheme;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level });
  return { ok: c.green, fail: c.red, warn: c.yellow, dim: c.dim, bold: c.bold, code: c.cyan };
}
