// `--report junit`: one <testsuite> per experiment, one <testcase> per criterion, hook and revert,
// so GitLab, Jenkins and GitHub test-report actions list every check with expected vs observed.
import type { CriterionResult, ExperimentJournal, HookResult, RunJournal } from '../lifecycle/journal.js';
import {
  cleanupCommand,
  experimentEnd,
  failedStageName,
  findStage,
  hookOutcome,
  refText,
  runEnd,
  stageDurationMs,
} from './facts.js';
import { expectedText, failureMessage, hookFor, isBadSample, observedText, unmatchedHooks } from './criterion-text.js';
import { formatDuration, VERDICT_LABEL } from './format-value.js';
import { escapeAttr, escapeXml } from './escape.js';
import { redact, redactDeep } from '../redact.js';

interface Outcome {
  tag: 'failure' | 'error' | 'skipped';
  type?: string;
  message: string;
  body?: string;
}

interface TestCase {
  name: string;
  timeMs: number;
  file?: string | undefined;
  outcome?: Outcome | undefined;
  out?: string | undefined;
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

/** Ant's JUnit schema wants `yyyy-MM-ddTHH:mm:ss` without a zone; we write UTC. */
const timestamp = (t: number): string => new Date(t).toISOString().slice(0, 19);

function hookOutput(h: HookResult): string {
  return `$ ${h.command.join(' ')}\n${h.outputTail}`;
}

function criterionCase(c: CriterionResult, e: ExperimentJournal): TestCase {
  const first = c.samples[0]?.t;
  const last = c.samples[c.samples.length - 1]?.t;
  const hook = hookFor(e, c);
  const bad = c.samples.filter((s) => isBadSample(c, s));
  const badWord = c.kind === 'abort' ? 'firing' : 'breached';
  const noData = c.samples.filter((s) => s.state === 'no-data').length;
  const details = [
    `criterion: ${c.label} (${c.kind === 'criterion' || c.kind === 'builtin' ? `when: ${c.when}` : c.kind})`,
    c.query ? `query: ${c.query}` : undefined,
    `expected: ${expectedText(c)}`,
    c.probe ? `probe: GET ${c.probe}` : undefined,
    `observed: ${observedText(c)}`,
    c.samples.length ? `samples: ${c.samples.length}, ${badWord}: ${bad.length}, no data: ${noData}` : undefined,
    bad[0] && e.injectedAt !== undefined ? `first ${badWord}: ${formatDuration(bad[0].t - e.injectedAt)} after injection` : undefined,
    c.reason ? `reason: ${c.reason}` : undefined,
    hook ? hookOutput(hook) : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  const timeMs = hook?.durationMs ?? (first !== undefined && last !== undefined ? last - first : 0);
  const base = { name: c.label, timeMs, file: c.source?.file };
  switch (c.verdict) {
    case 'met':
      return { ...base, out: details };
    case 'breached':
      return { ...base, outcome: { tag: 'failure', type: c.kind === 'abort' ? 'aborted' : c.kind === 'effect' ? 'no-effect' : 'breached', message: failureMessage(c), body: details } };
    // no-data is not a breach: the check could not be judged, which is what JUnit's <error> means.
    // GitLab, Jenkins and the GitHub report actions all show <error> as a red, non-passing test,
    // so an unproven criterion can never read as green.
    case 'no-data':
      return { ...base, outcome: { tag: 'error', type: 'no-data', message: `no data for ${c.label}${c.reason ? `: ${c.reason}` : ''}`, body: details } };
    case 'not-evaluated':
      return { ...base, outcome: { tag: 'skipped', message: `not evaluated${c.reason ? `: ${c.reason}` : ''}` } };
  }
}

/** A hook the lifecycle did not record as a criterion still gets its own check. */
function hookCase(h: HookResult): TestCase {
  const name = `hook ${h.phase} ${h.name}`;
  if (h.ok) return { name, timeMs: h.durationMs, out: hookOutput(h) };
  return { name, timeMs: h.durationMs, outcome: { tag: 'failure', type: 'hook-failed', message: `hook ${h.name} ${hookOutcome(h)}`, body: hookOutput(h) } };
}

function revertCase(e: ExperimentJournal, j: RunJournal): TestCase {
  const timeMs = stageDurationMs(findStage(e, 'revert')) ?? 0;
  if (e.leftovers.length > 0) {
    const left = e.leftovers.map(refText).join(', ');
    return {
      name: 'revert',
      timeMs,
      outcome: { tag: 'failure', type: 'revert-failed', message: `left behind: ${left}; run ${cleanupCommand(j)}`, body: left },
    };
  }
  const out = e.applied.length === 0 ? 'nothing was applied' : `removed: ${e.applied.map(refText).join(', ')}`;
  return { name: 'revert', timeMs, out };
}

/** Why an experiment never reached its criteria, as a check of its own. */
function verdictCase(e: ExperimentJournal): TestCase | undefined {
  const message = e.reason ?? VERDICT_LABEL[e.verdict];
  const body = e.hint ? `hint: ${e.hint}` : undefined;
  if (e.verdict === 'errored') {
    const stage = failedStageName(e);
    if (stage === 'revert' || e.leftovers.length > 0) return undefined; // the revert testcase carries it
    const timeMs = stageDurationMs(findStage(e, stage)) ?? 0;
    return { name: stage, timeMs, outcome: { tag: 'error', type: 'errored', message, ...(body ? { body } : {}) } };
  }
  if (e.verdict === 'not-steady') {
    return { name: 'steady-state', timeMs: 0, outcome: { tag: 'failure', type: 'not-steady', message, ...(body ? { body } : {}) } };
  }
  if (e.verdict === 'interrupted') return { name: 'interrupted', timeMs: 0, outcome: { tag: 'error', type: 'interrupted', message } };
  if (e.verdict === 'skipped') return { name: 'not run', timeMs: 0, outcome: { tag: 'skipped', message } };
  if (e.faultLost) return { name: 'fault held', timeMs: 0, outcome: { tag: 'error', type: 'fault-lost', message } };
  if (e.blindAt !== undefined) return { name: 'observed', timeMs: 0, outcome: { tag: 'error', type: 'blind', message } };
  return undefined;
}

function stagesTimeline(e: ExperimentJournal): string {
  return e.stages
    .map((s) => {
      const status = s.ok === undefined ? 'unfinished' : s.ok ? 'ok' : 'FAILED';
      const took = stageDurationMs(s);
      const extra = s.error ?? s.detail;
      return `${timestamp(s.startedAt)}Z ${s.name.padEnd(9)} ${status}${took === undefined ? '' : ` ${formatDuration(took)}`}${extra ? `  ${extra}` : ''}`;
    })
    .join('\n');
}

function renderCase(classname: string, c: TestCase, indent: string): string {
  const attrs = `classname="${escapeAttr(classname)}" name="${escapeAttr(c.name)}" time="${seconds(c.timeMs)}"${c.file ? ` file="${escapeAttr(c.file)}"` : ''}`;
  const inner: string[] = [];
  if (c.outcome) {
    const o = c.outcome;
    const head = `<${o.tag} message="${escapeAttr(o.message)}"${o.type ? ` type="${escapeAttr(o.type)}"` : ''}`;
    inner.push(o.body ? `${head}>${escapeXml(o.body)}</${o.tag}>` : `${head}/>`);
  }
  if (c.out) inner.push(`<system-out>${escapeXml(c.out)}</system-out>`);
  if (inner.length === 0) return `${indent}<testcase ${attrs}/>`;
  return `${indent}<testcase ${attrs}>\n${inner.map((l) => `${indent}  ${l}`).join('\n')}\n${indent}</testcase>`;
}

interface Suite {
  xml: string;
  tests: number;
  failures: number;
  errors: number;
  timeMs: number;
}

function renderSuite(e: ExperimentJournal, j: RunJournal): Suite {
  const cases = [verdictCase(e), ...e.criteria.map((c) => criterionCase(c, e)), ...unmatchedHooks(e).map(hookCase), revertCase(e, j)].filter(
    (c): c is TestCase => c !== undefined,
  );
  const count = (tag: Outcome['tag']): number => cases.filter((c) => c.outcome?.tag === tag).length;
  const timeMs = experimentEnd(e) - e.startedAt;
  const props: [string, string][] = [
    ['run-id', j.runId],
    ['namespace', e.namespace],
    ['fault-type', e.faultType],
    ['verdict', e.verdict],
    ['source', `${e.source.file}:${e.source.line}`],
  ];
  const suiteAttrs = [
    `name="${escapeAttr(e.name)}"`,
    `tests="${cases.length}"`,
    `failures="${count('failure')}"`,
    `errors="${count('error')}"`,
    `skipped="${count('skipped')}"`,
    `time="${seconds(timeMs)}"`,
    `timestamp="${timestamp(e.startedAt)}"`,
  ].join(' ');
  const xml = [
    `  <testsuite ${suiteAttrs}>`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property name="${escapeAttr(k)}" value="${escapeAttr(v)}"/>`),
    '    </properties>',
    ...cases.map((c) => renderCase(`chaos.${e.name}`, c, '    ')),
    `    <system-out>${escapeXml(stagesTimeline(e))}</system-out>`,
    '  </testsuite>',
  ].join('\n');
  return { xml, tests: cases.length, failures: count('failure'), errors: count('error'), timeMs };
}

export function formatJunit(j: RunJournal, secrets: readonly string[] = []): string {
  const run = redactDeep(j, secrets);
  const suites = run.experiments.map((e) => renderSuite(e, run));
  const sum = (k: 'tests' | 'failures' | 'errors'): number => suites.reduce((n, s) => n + s[k], 0);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chaos" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" time="${seconds(runEnd(run) - run.startedAt)}">`,
    ...suites.map((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
  return redact(xml, secrets);
}
