// `hooks:` (SPEC §5) → HookSpec lists; shared by experiment files and the config's defaults.
import type { HookSpec, Hooks } from './model.js';
import { positiveMs } from './fault.js';
import type { HookInput, HooksInput } from './schema/experiment.js';
import type { Path, Reporter } from './problems.js';

const PHASES = ['before', 'during', 'after'] as const;
const SHELL_TOKENS = new Set(['|', '||', '&&', ';', '>', '>>', '<', '&', '2>&1']);

/** Splits a command line like a shell would for simple quoting, without running a shell. */
export function splitCommand(line: string): string[] | { error: string } {
  const argv: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  let quoted = false; // a quoted `|` is an argument, not a pipe
  let shellSyntax: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else cur += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) cur += line[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
      quoted = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(cur);
      if (inWord && !quoted && SHELL_TOKENS.has(cur)) shellSyntax ??= cur;
      cur = '';
      inWord = false;
      quoted = false;
    } else {
      if ((ch === '$' && line[i + 1] === '(') || ch === '`') shellSyntax ??= ch === '`' ? '`' : '$(';
      cur += ch;
      inWord = true;
    }
  }
  if (quote) return { error: `unclosed ${quote} quote` };
  if (inWord) argv.push(cur);
  if (inWord && !quoted && SHELL_TOKENS.has(cur)) shellSyntax ??= cur;
  if (shellSyntax) return { error: `uses shell syntax (${shellSyntax}): set shell: true or write an argv list` };
  if (argv.length === 0) return { error: 'command is empty' };
  return argv;
}

function normaliseHook(raw: HookInput, path: Path, r: Reporter): HookSpec | undefined {
  const source = r.source(path);
  if (Array.isArray(raw)) return { name: raw.join(' '), run: raw, shell: false, env: {}, expectExit: 0, source };
  if (typeof raw === 'string') {
    const argv = splitCommand(raw);
    if (!Array.isArray(argv)) return void r.report(path, argv.error);
    return { name: raw, run: argv, shell: false, env: {}, expectExit: 0, source };
  }
  const shell = raw.shell ?? false;
  let run: string[];
  if (shell) {
    if (typeof raw.run !== 'string') return void r.report([...path, 'run'], 'with shell: true, run is one command string');
    run = [raw.run];
  } else if (typeof raw.run === 'string') {
    const argv = splitCommand(raw.run);
    if (!Array.isArray(argv)) return void r.report([...path, 'run'], argv.error);
    run = argv;
  } else run = raw.run;
  const timeoutMs = raw.timeout === undefined ? undefined : positiveMs(raw.timeout, [...path, 'timeout'], r);
  if (raw.timeout !== undefined && timeoutMs === undefined) return undefined;
  const env = Object.fromEntries(Object.entries(raw.env ?? {}).map(([k, v]) => [k, String(v)]));
  return {
    name: raw.name ?? (typeof raw.run === 'string' ? raw.run : raw.run.join(' ')),
    run,
    shell,
    env,
    cwd: raw.cwd,
    timeoutMs,
    // `any`: the exit status is not a criterion.
    expectExit: raw.expect_exit === 'any' ? undefined : (raw.expect_exit ?? 0),
    source,
  };
}

/** Hooks given for a phase replace that phase's defaults; phases not given keep them. */
export function normaliseHooks(raw: HooksInput | undefined, defaults: Hooks, path: Path, r: Reporter): Hooks {
  const out: Hooks = { before: defaults.before, during: defaults.during, after: defaults.after };
  for (const phase of PHASES) {
    const items = raw?.[phase];
    if (items !== undefined) out[phase] = items.flatMap((item, i) => normaliseHook(item, [...path, phase, i], r) ?? []);
  }
  return out;
}
