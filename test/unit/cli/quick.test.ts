// `chaos --help` / `--version` skip commander (src/cli/quick.ts): they must print what commander prints.
import { describe, expect, test } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { quickAnswer } from '../../../src/cli/quick.js';
import type { CliIO } from '../../../src/ports.js';

async function throughCommander(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIO = {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: () => undefined, isTTY: false },
    env: {},
    cwd: process.cwd(),
    onSignal: () => () => undefined,
    onFatal: () => () => undefined,
  };
  return { code: await main(argv, io), stdout };
}

describe('quick answers', () => {
  test.each([['--help'], ['-h']])('%s prints exactly the help commander prints', async (flag) => {
    const commander = await throughCommander(['help']);
    expect(commander.code).toBe(0);
    expect(commander.stdout).toContain('Commands:');
    expect(quickAnswer([flag])).toBe(commander.stdout);
  });

  test.each([['--version'], ['-V']])('%s prints the version commander prints', async (flag) => {
    const commander = await throughCommander(['--version']);
    expect(quickAnswer([flag])).toBe(commander.stdout);
  });

  test('anything else goes to commander', () => {
    for (const argv of [[], ['help'], ['--help', 'run'], ['run', '--help'], ['validate', 'x.yml']]) expect(quickAnswer(argv)).toBeUndefined();
  });
});
