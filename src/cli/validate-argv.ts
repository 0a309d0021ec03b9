// `chaos validate`'s arguments read without commander: loading it and building the command table costs
// ~5 ms of validate's start-up budget (SPEC §8, ≤ 2× `node -e 0`). Only exactly the forms below are
// taken; anything else (help, an unknown or repeated flag, `--`, a missing value, no files) goes to
// commander, which owns every usage message. test/unit/cli/validate-argv.test.ts checks both agree.

export interface ValidateArgs {
  files: string[];
  opts: { config?: string; output: string; color: boolean };
}

const VALUED: Record<string, 'config' | 'output'> = { '-c': 'config', '--config': 'config', '--output': 'output' };

export function validateArgv(argv: readonly string[]): ValidateArgs | undefined {
  if (argv[0] !== 'validate') return undefined;
  const files: string[] = [];
  const given: { config?: string; output?: string; color?: boolean } = {};
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const key = VALUED[flag];
    if (arg === '--no-color' && given.color === undefined) given.color = false;
    else if (key !== undefined && given[key] === undefined) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || value.startsWith('-')) return undefined;
      given[key] = value;
    } else return undefined;
  }
  if (files.length === 0) return undefined;
  return { files, opts: { ...(given.config !== undefined ? { config: given.config } : {}), output: given.output ?? 'text', color: given.color ?? true } };
}
