// Finds and reads chaos.config.yml (the only file I/O of the config stage).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError, type Issue } from '../errors.js';
import { withDetail } from '../experiment/detail.js';
import type { Config } from '../config/model.js';
import { defaultConfig, parseConfigText } from '../config/parse.js';

const CONFIG_FILE = 'chaos.config.yml';

/** The explicit path (resolved against cwd), else chaos.config.yml in cwd or the nearest parent. */
export function findConfigFile(cwd: string, explicit?: string): string | undefined {
  if (explicit !== undefined) return resolve(cwd, explicit);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export async function loadConfig(opts: { explicitPath?: string; cwd: string }): Promise<{ config: Config; issues: Issue[] }> {
  const file = findConfigFile(opts.cwd, opts.explicitPath);
  if (file === undefined) return { config: defaultConfig(), issues: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8'); // sync: one small file, no thread-pool round trip
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message;
    throw new UsageError(`config file ${opts.explicitPath ?? file}: ${reason}`, { hint: `check the --config path (relative to ${opts.cwd})`, cause: e });
  }
  const shown = relative(opts.cwd, file);
  const { config, issues } = await withDetail(() => parseConfigText(shown === '' || isAbsolute(shown) ? file : shown, text));
  config.file = file;
  // TLS files are relative to the config file, like kubeconfig paths.
  const tls = config.prometheus.tls;
  if (tls) {
    for (const key of ['caFile', 'certFile', 'keyFile'] as const) {
      const p = tls[key];
      if (p !== undefined) tls[key] = resolve(dirname(file), p);
    }
  }
  return { config, issues };
}
