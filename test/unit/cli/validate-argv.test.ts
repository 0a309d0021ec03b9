// `chaos validate` skips commander (src/cli/validate-argv.ts): whatever it takes, it must read exactly as
// commander does, and whatever it cannot read exactly must reach commander.
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { CliIO } from '../../../src/ports.js';

const calls: { files: string[]; opts: Record<string, unknown> }[] = [];
vi.mock('../../../src/commands/validate.js', () => ({
  validateCommand: async (files: string[], opts: Record<string, unknown>) => {
    calls.push({ files, opts: { ...opts } });
    return 0;
  },
}));

const { buildProgram } = await import('../../../src/cli/program.js');
const { main } = await import('../../../src/cli/main.js');
const { validateArgv } = await import('../../../src/cli/validate-argv.js');

function io(): CliIO & { err: () => string } {
  let stderr = '';
  return {
    stdout: { write: () => undefined, isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    env: {},
    cwd: process.cwd(),
    onSignal: () => () => undefined,
    onFatal: () => () => undefined,
    err: () => stderr,
  };
}

/** What commander hands the validate action for `argv`, or undefined when it refuses it. */
async function viaCommander(argv: string[]) {
  calls.length = 0;
  try {
    await buildProgram(io(), { code: 0 }).parseAsync(argv, { from: 'user' });
  } catch {
    return undefined;
  }
  return calls[0];
}

const TAKEN = [
  ['validate', 'a.yml'],
  ['validate', 'a.yml', 'dir/', 'b c.yml'],
  ['validate', '-c', 'cfg.yml', 'a.yml'],
  ['validate', 'a.yml', '--config', 'cfg.yml'],
  ['validate', '--config=cfg.yml', 'a.yml', 'b.yml'],
  ['validate', 'a.yml', '--output', 'json'],
  ['validate', '--output=json', '--no-color', 'a.yml'],
  ['validate', 'a.yml', '--no-color', 'b.yml', '-c', 'x=y.yml'],
  ['validate', '--output', 'yaml', 'a.yml'], // commander does not check the format either: validateCommand does
];

const REFUSED = [
  ['validate'],
  ['validate', '--help'],
  ['validate', '-h', 'a.yml'],
  ['validate', 'a.yml', '--bogus'],
  ['validate', 'a.yml', '-c'],
  ['validate', 'a.yml', '--config='],
  ['validate', 'a.yml', '--config', '--output'],
  ['validate', '--', 'a.yml'],
  ['validate', 'a.yml', '--config', 'a', '--config', 'b'],
  ['validate', 'a.yml', '--no-color', '--no-color'],
  ['validate', 'a.yml', '-cfg.yml'],
  ['validate', 'a.yml', '--color'],
  ['run', 'a.yml'],
  ['--no-color', 'validate', 'a.yml'],
];

describe('validate without commander', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  test.each(TAKEN)('reads %j as commander does', async (...argv) => {
    const fast = validateArgv(argv);
    expect(fast).toBeDefined();
    expect(await viaCommander(argv)).toEqual(fast);
  });

  test.each(REFUSED)('leaves %j to commander', (...argv) => {
    expect(validateArgv(argv)).toBeUndefined();
  });

  test('main() takes the fast path, and commander still answers what it leaves', async () => {
    const quick = io();
    expect(await main(['validate', '--output=json', 'a.yml'], quick)).toBe(0);
    expect(calls).toEqual([{ files: ['a.yml'], opts: { output: 'json', color: true } }]);
    const usage = io();
    expect(await main(['validate', 'a.yml', '--bogus'], usage)).toBe(2);
    expect(usage.err()).toMatch(/unknown option '--bogus'/);
    const missing = io();
    expect(await main(['validate'], missing)).toBe(2);
    expect(missing.err()).toMatch(/missing required argument 'files'/);
  });
});
