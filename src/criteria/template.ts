// `{{name}}` templates in catalog queries (SPEC §3). Values land inside PromQL double-quoted
// label matchers, so they are escaped: a value can never close the string and inject PromQL.

const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function escapePromString(value: string): string {
  return value.replace(/[\\"\n\r]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\${c}`));
}

export { templateVars } from '../config/templates.js';

/** Substitutes known variables; unknown or undefined ones are left in place and listed in `missing`. */
export function resolveTemplate(
  text: string,
  vars: Record<string, string | undefined>,
): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const out = text.replace(TEMPLATE, (whole, name: string) => {
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return escapePromString(value);
  });
  return { text: out, missing: [...missing] };
}
