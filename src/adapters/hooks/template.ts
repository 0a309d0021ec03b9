// `{{namespace}}`-style substitution for hook arguments and env values. An unknown or empty template
// is an error rather than an empty string: `k6 run -e NS=` would silently load-test the wrong thing.

const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type Substituted = { ok: true; value: string } | { ok: false; error: string };

export function substitute(text: string, vars: Record<string, string | undefined>): Substituted {
  const problems: string[] = [];
  const value = text.replace(TEMPLATE, (whole, name: string) => {
    const v = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (v !== undefined) return v;
    problems.push(
      Object.hasOwn(vars, name)
        ? `template ${whole} has no value for this experiment`
        : `unknown template ${whole} (known: ${Object.keys(vars).map((k) => `{{${k}}}`).join(', ')})`,
    );
    return whole;
  });
  return problems.length === 0 ? { ok: true, value } : { ok: false, error: problems.join('; ') };
}

/** Substitutes every string; the first error wins. */
export function substituteAll(
  texts: readonly string[],
  vars: Record<string, string | undefined>,
): { ok: true; values: string[] } | { ok: false; error: string } {
  const values: string[] = [];
  for (const t of texts) {
    const r = substitute(t, vars);
    if (!r.ok) return r;
    values.push(r.value);
  }
  return { ok: true, values };
}
