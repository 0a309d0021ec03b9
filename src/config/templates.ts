// `{{var}}` placeholders allowed in PromQL queries (SPEC §3); the renderer substitutes and escapes them.

export const TEMPLATE_VARS = ['namespace', 'service', 'dependency', 'experiment', 'window'] as const;

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Names used in a query, in order of first use. */
export function templateVars(query: string): string[] {
  return [...new Set([...query.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** Why a query's placeholders are wrong, or undefined when all are known. */
export function templateError(query: string): string | undefined {
  const unknown = templateVars(query).filter((v) => !(TEMPLATE_VARS as readonly string[]).includes(v));
  if (unknown.length === 0) return undefined;
  const list = unknown.map((v) => `{{${v}}}`).join(', ');
  return `unknown template variable${unknown.length > 1 ? 's' : ''} ${list}; allowed: ${TEMPLATE_VARS.map((v) => `{{${v}}}`).join(' ')}`;
}
