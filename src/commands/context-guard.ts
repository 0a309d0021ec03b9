// A run changes a cluster: refuse contexts nobody allowed, unless told --yes (or confirmed on a TTY).
import { EnvironmentError } from '../errors.js';
import type { CliIO } from '../cli/io.js';

/** `kind-*` style globs: `*` matches any run of characters. */
export function contextMatches(context: string, patterns: string[]): boolean {
  return patterns.some((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(context));
}

export async function guardContext(context: string, allowed: string[] | undefined, yes: boolean, io: CliIO): Promise<void> {
  if (allowed) {
    if (contextMatches(context, allowed)) return;
    if (yes) {
      io.stderr.write(`warning: context "${context}" is not in allowedContexts; going ahead because of --yes\n`);
      return;
    }
    throw new EnvironmentError(`context "${context}" is not in kubernetes.allowedContexts (${allowed.join(', ')}): refusing to inject faults`, {
      hint: 'switch context (--context), add it to allowedContexts in chaos.config.yml, or pass --yes',
    });
  }
  if (yes) return;
  if (io.confirm && !io.env.CI) {
    if (await io.confirm(`Inject faults into context "${context}"?`)) return;
    throw new EnvironmentError(`not confirmed: nothing was changed in context "${context}"`);
  }
  throw new EnvironmentError(`context "${context}" is not confirmed: no allowedContexts in the config and no terminal to ask on`, {
    hint: 'pass --yes, or list the context under kubernetes.allowedContexts in chaos.config.yml',
  });
}
