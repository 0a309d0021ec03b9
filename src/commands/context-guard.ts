// A run changes a cluster. With kubernetes.allowedContexts, the list is policy: a context it does not allow
// (by name, or by the API server it points at) is refused, and --yes does not override it. Without the list,
// a terminal asks, and a run without one needs --yes.
import { EnvironmentError } from '../errors.js';
import type { AllowedContext } from '../config/model.js';
import { allowingEntry, describeEntry, normaliseServer } from '../policy/contexts.js';
import type { CliIO } from '../ports.js';

export async function guardContext(
  target: { context: string; server: string },
  allowed: readonly AllowedContext[] | undefined,
  yes: boolean,
  io: CliIO,
): Promise<void> {
  const { context, server } = target;
  if (allowed) {
    if (allowingEntry({ name: context, server }, allowed) !== undefined) return;
    throw new EnvironmentError(
      `context "${context}" (server ${normaliseServer(server)}) is not in kubernetes.allowedContexts [${allowed.map(describeEntry).join(', ')}]: refusing to inject faults`,
      {
        hint:
          'switch context (--context), or allow it in chaos.config.yml: add its name, or better the server it points at ' +
          `({ server: "${normaliseServer(server)}" }). --yes does not override allowedContexts`,
      },
    );
  }
  if (yes) return;
  if (io.confirm && !io.env.CI) {
    if (await io.confirm(`Inject faults into context "${context}"?`)) return;
    throw new EnvironmentError(`not confirmed: nothing was changed in context "${context}"`);
  }
  throw new EnvironmentError(`context "${context}" is not confirmed: no allowedContexts in the config and no terminal to ask on`, {
    hint: 'pass --yes, or list the context (or its server) under kubernetes.allowedContexts in chaos.config.yml',
  });
}
