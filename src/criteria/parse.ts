// Success criteria and abort conditions (SPEC §4) in their three forms → Criterion, with catalog defaults.
import type { MetricDef, MetricUnit } from '../config/model.js';
import { templateError, templateVars } from '../config/templates.js';
import type { Aggregate, Criterion, Op, SeriesRule, When } from '../experiment/model.js';
import type { CriterionObjectInput } from '../experiment/schema/experiment.js';
import { schemaProblems } from '../experiment/schema/check.js';
import { shapeKeys } from '../experiment/schema/shape.js';
import { SHAPES } from '../experiment/schema/shapes.generated.js';
import { didYouMean } from '../experiment/suggest.js';
import { parseDuration } from '../experiment/duration.js';
import type { Path, Reporter } from '../experiment/problems.js';
import { parseQuantity, unitMismatch, type Quantity } from './units.js';
import { baselineRef, BASELINE_FORMS, parseBaselineExpr, type BaselineExpr } from './baseline-expr.js';
import { parseAlert, parseHttp } from './probe-forms.js';
import type { BaselineRef } from '../experiment/model.js';

const RECOVERY_TIME = 'recovery_time';

export interface CriteriaContext {
  metrics: Record<string, MetricDef>;
  hasDependency: boolean;
  reporter: Reporter;
  /** Parsing abort_when: a condition that holds on any one series fires. */
  abort?: boolean | undefined;
}

const OBJECT_FORM_KEYS = shapeKeys(SHAPES.criterion);
const STRING_FORM = /^\s*([A-Za-z_][A-Za-z0-9_:]*)\s*(<=|>=|==|!=|<|>)\s*(.+?)\s*$/;
const FORMS = '"<metric> <op> <value>" (e.g. "error_rate < 0.01"), { <metric>: <value> } or { metric, op, value }';

/** Parses each item; problems go to the reporter, and only valid criteria are returned. */
export function parseCriteria(items: unknown[], path: Path, ctx: CriteriaContext): Criterion[] {
  return items.flatMap((item, i) => parseCriterion(item, [...path, i], ctx) ?? []);
}

export function parseCriterion(raw: unknown, path: Path, ctx: CriteriaContext): Criterion | undefined {
  if (typeof raw === 'string') return parseStringForm(raw, path, ctx);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return fail(ctx, path, `a criterion is ${FORMS}`);
  const keys = Object.keys(raw);
  if (keys.includes('alert')) return parseAlert(raw, path, ctx.reporter, ctx.abort === true);
  if (keys.includes('http')) return parseHttp(raw, path, ctx.reporter, ctx.abort === true);
  if (keys.includes('labels') && keys.every((k) => k === 'labels' || k === 'for'))
    return fail(ctx, path, 'an alert condition needs its name: { alert: <alertname>, labels: { ... } }');
  if (keys.some((k) => OBJECT_FORM_KEYS.includes(k))) return parseObjectForm(raw, path, ctx);
  const [metric] = keys;
  if (keys.length !== 1 || metric === undefined)
    return fail(ctx, path, `a { <metric>: <value> } criterion has exactly one key, found ${keys.length}: write each as its own list item`);
  return parseShorthand(metric, (raw as Record<string, unknown>)[metric], [...path, metric], ctx);
}

function parseStringForm(text: string, path: Path, ctx: CriteriaContext): Criterion | undefined {
  const m = STRING_FORM.exec(text);
  if (!m) {
    const hint = /[^<>!=]=[^=]/.test(text) ? ' (use == for equality)' : '';
    return fail(ctx, path, `cannot read criterion ${JSON.stringify(text)}${hint}: expected "<metric> <op> <value>" with op one of < <= > >= == !=`);
  }
  const [, metric = '', op = '<', valueText = ''] = m;
  const rel = parseBaselineExpr(valueText);
  if (typeof rel === 'string') return fail(ctx, path, rel);
  if (rel) return build({ metric, op: op as Op, ...relative(rel, 'median'), label: `${metric} ${op} ${rel.display}` }, path, { path, at: 'value' }, ctx);
  const q = parseQuantity(valueText);
  if (!q) return fail(ctx, path, `${JSON.stringify(valueText)} is not a number or quantity (e.g. 0.01, 600ms, 5s, 1%, 256MB, true)`);
  const compared = truthCompare(op as Op, q);
  if (!compared) return fail(ctx, path, BOOL_OPS);
  return build({ metric, ...compared, label: `${metric} ${op} ${q.display}` }, path, { path, at: 'value' }, ctx);
}

function parseShorthand(metric: string, value: unknown, path: Path, ctx: CriteriaContext): Criterion | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
    return fail(ctx, path, `${metric}: expected true, false, a number or a named value, got ${value === null ? 'nothing' : 'a nested value'}`);
  const def = ctx.metrics[metric];
  const named = typeof value === 'string' ? def?.values?.[value] : undefined;
  if (def?.values && typeof value === 'string' && !named && !parseQuantity(value)) {
    const names = Object.keys(def.values);
    return fail(ctx, path, `${metric} has no value "${value}"${didYouMean(value, names)}; one of: ${names.join(', ')}`);
  }
  if (named) {
    // A named value selects its own query, which returns non-zero when the condition holds.
    const when = named.when ?? def?.when;
    const q: Quantity = { value: 0, unit: 'bool', display: String(value) };
    return build({ metric, op: '!=', q, label: `${metric}: ${value}`, query: named.query, when, unit: named.unit }, path.slice(0, -1), { path, at: 'key' }, ctx);
  }
  const q = parseQuantity(value);
  if (!q) return fail(ctx, path, `${JSON.stringify(value)} is not true, false, a number or a quantity`);
  const compared = truthCompare('==', q) ?? { op: '==' as Op, q };
  return build({ metric, ...compared, label: `${metric}: ${q.display}` }, path.slice(0, -1), { path, at: 'key' }, ctx);
}

function parseObjectForm(raw: object, path: Path, ctx: CriteriaContext): Criterion | undefined {
  const problems = schemaProblems('criterion', raw, path);
  for (const p of problems) ctx.reporter.report(p.path, p.message, p.at);
  if (problems.length > 0) return undefined;
  const c = raw as CriterionObjectInput;
  if ((c.metric === undefined) === (c.query === undefined))
    return fail(ctx, path, c.metric === undefined ? 'needs metric (a catalog name) or query (PromQL)' : 'give metric or query, not both');
  const rel = parseBaselineExpr(c.value);
  if (typeof rel === 'string') return fail(ctx, [...path, 'value'], rel);
  if (c.baseline !== undefined && !rel) return fail(ctx, [...path, 'baseline'], `baseline: ${c.baseline} applies to a value relative to the baseline: ${BASELINE_FORMS}`);
  const q = rel ? undefined : parseQuantity(c.value);
  if (!rel && !q) return fail(ctx, [...path, 'value'], `${JSON.stringify(c.value)} is not a number or quantity (e.g. 0.01, 600ms, 5s, 1%, 256MB, true)`);
  const compared = rel ? relative(rel, c.baseline) : truthCompare(c.op, q!);
  if (!compared) return fail(ctx, [...path, 'op'], BOOL_OPS);
  const stat = rel && c.baseline !== undefined && c.baseline !== 'median' ? ` (${c.baseline})` : '';
  if (c.query !== undefined) {
    const bad = templateError(c.query);
    if (bad) return fail(ctx, [...path, 'query'], bad);
  }
  const name = c.metric ?? c.query ?? '';
  const forMs = c.for === undefined ? undefined : parseDuration(c.for);
  return build(
    { metric: c.metric, query: c.query, op: c.op, ...compared, label: `${name} ${c.op} ${compared.q.display}${stat}`, when: c.when, aggregate: c.aggregate, forMs },
    path,
    { path: c.metric !== undefined ? [...path, 'metric'] : [...path, 'query'], at: 'value' },
    ctx,
  );
}

const BOOL_OPS = 'true/false can only be compared with == or !=';

/** `x == true` means the query returns non-zero: `!= 0`; `x == false` means `== 0`. Other values pass as they are. */
function truthCompare(op: Op, q: Quantity): { op: Op; q: Quantity } | undefined {
  if (q.unit !== 'bool') return { op, q };
  if (op !== '==' && op !== '!=') return undefined;
  return { op: (op === '==') === (q.value === 1) ? '!=' : '==', q: { ...q, value: 0 } };
}

/** A baseline-relative threshold: the number is known at run time; the offset's unit is checked now. */
function relative(e: BaselineExpr, stat: CriterionObjectInput['baseline']): { q: Quantity; baseline: BaselineRef } {
  return { q: { value: 0, unit: e.offsetQ?.unit, display: e.display }, baseline: baselineRef(e, stat) };
}

interface Draft {
  metric?: string | undefined;
  query?: string | undefined;
  op: Op;
  q: Quantity;
  label: string;
  when?: When | undefined;
  unit?: MetricUnit | undefined;
  aggregate?: Aggregate | undefined;
  forMs?: number | undefined;
  baseline?: BaselineRef | undefined;
}

/** Resolves the metric (catalog or built-in), checks units and templates, applies defaults. */
function build(d: Draft, item: Path, blame: { path: Path; at: 'key' | 'value' }, ctx: CriteriaContext): Criterion | undefined {
  const source = ctx.reporter.source(item);
  const problem = (message: string) => fail(ctx, blame.path, message, blame.at);
  if (d.metric === RECOVERY_TIME) {
    if (d.baseline) return problem(`${RECOVERY_TIME} is measured by chaos, it has no Prometheus baseline: compare it with a duration, e.g. "${RECOVERY_TIME} < 30s"`);
    if ((d.op !== '<' && d.op !== '<=') || d.q.unit !== 'seconds')
      return problem(`${RECOVERY_TIME} is compared with < or <= against a duration, e.g. "${RECOVERY_TIME} < 30s"`);
    if (d.when !== undefined && d.when !== 'end') return problem(`${RECOVERY_TIME} is measured after recovery: when must be end`);
    return { label: d.label, source, metric: RECOVERY_TIME, op: d.op, value: d.q.value, display: d.q.display, unit: 'seconds', when: 'end', forMs: d.forMs, aggregate: 'max', builtin: RECOVERY_TIME };
  }
  const def = d.metric === undefined ? undefined : ctx.metrics[d.metric];
  if (d.metric !== undefined && !def) {
    const hint = didYouMean(d.metric, [...Object.keys(ctx.metrics), RECOVERY_TIME]);
    return problem(`unknown metric "${d.metric}"${hint}: define it in chaos.config.yml under metrics: { ${d.metric}: { query: '<PromQL>' } }`);
  }
  const query = d.query ?? def?.query;
  if (query === undefined) {
    const names = Object.keys(def?.values ?? {});
    return problem(`${d.metric} has no query of its own; write { ${d.metric}: <value> } with one of: ${names.join(', ')}`);
  }
  const unit = d.unit ?? def?.unit;
  const mismatch = unitMismatch(d.metric ?? 'the query', unit, d.q);
  if (mismatch) return problem(mismatch);
  if (!ctx.hasDependency && templateVars(query).includes('dependency'))
    return problem(`${d.metric ?? 'the query'} uses {{dependency}}, but this experiment has no target.dependency`);
  return {
    label: d.label,
    source,
    metric: d.metric,
    query,
    op: d.op,
    value: d.q.value,
    display: d.q.display,
    unit: d.q.unit ?? unit,
    when: d.when ?? def?.when ?? 'always',
    forMs: d.forMs,
    aggregate: d.aggregate ?? def?.aggregate ?? defaultRule(d.op, ctx.abort === true),
    ...(d.baseline ? { baseline: d.baseline } : {}),
  };
}

/**
 * Several series (SPEC §4, §10): thresholds judge the worst series (max for <, min for >), never the
 * first; == and != hold only when every series satisfies (`up == 1` with one target down is a breach),
 * and as an abort condition fire when any one series does. An `aggregate` given says otherwise.
 */
function defaultRule(op: Op, abort: boolean): SeriesRule {
  if (op === '==' || op === '!=') return abort ? 'any' : 'every';
  return op === '>' || op === '>=' ? 'min' : 'max';
}

function fail(ctx: CriteriaContext, path: Path, message: string, at?: 'key' | 'value'): undefined {
  ctx.reporter.report(path, message, at);
  return undefined;
}
