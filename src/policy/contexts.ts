// allowedContexts: which kube contexts a run may change. A name entry (glob) matches the context's name;
// a { server } entry matches the API server URL the context points at, so a context named kind-prod
// that points at production passes only if some entry allows its name or its server.
import type { AllowedContext } from '../config/model.js';
import { globMatches } from './glob.js';

const DEFAULT_PORTS: Record<string, string> = { https: '443', http: '80' };

/** https://Host:443/ → https://host — case of scheme and host, the default port and trailing slashes do not matter. */
export function normaliseServer(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*?)(?::(\d+|\*))?([/?#].*)?$/s.exec(url.trim());
  if (!m) return url.trim().replace(/\/+$/, '');
  const scheme = m[1]!.toLowerCase();
  const host = m[2]!.toLowerCase();
  const port = m[3] === undefined || m[3] === DEFAULT_PORTS[scheme] ? '' : `:${m[3]}`;
  const rest = (m[4] ?? '').replace(/\/+$/, '');
  return `${scheme}://${host}${port}${rest}`;
}

export function describeEntry(e: AllowedContext): string {
  return typeof e === 'string' ? e : `{ server: ${e.server} }`;
}

/** The entry that allows this context (by name, or by the server it points at), or undefined. */
export function allowingEntry(context: { name: string; server: string }, entries: readonly AllowedContext[]): AllowedContext | undefined {
  const server = normaliseServer(context.server);
  return entries.find((e) => (typeof e === 'string' ? globMatches(e, context.name) : globMatches(normaliseServer(e.server), server)));
}
