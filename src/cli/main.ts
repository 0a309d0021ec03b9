// main(argv, io): parse flags, dispatch, turn every outcome and error into an exit code.
import { ExitCode, exitCodeForError } from '../lifecycle/exit-codes.js';
import { InvalidInputError, isChaosError } from '../errors.js';
import { redactingIO } from './io.js';
import type { CliIO } from '../ports.js';
import { VERSION } from '../version.js';
import { validateArgv } from './validate-argv.js';

export async function main(argv: string[], processIo: CliIO): Promise<number> {
  const io = redactingIO(processIo);
  try {
    // The common CI call skips commander (validate-argv.ts); everything else goes through it.
    const validate = validateArgv(argv);
    if (validate) {
      const { validateCommand } = await import('../commands/validate.js');
      return await validateCommand(validate.files, validate.opts, io);
    }
    const { buildProgram, normaliseArgv } = await import('./program.js');
    const result = { code: ExitCode.ok as number };
    await buildProgram(io, result).parseAsync(normaliseArgv(argv), { from: 'user' });
    return result.code;
  } catch (e) {
    return reportError(e, io);
  }
}

/** A CommanderError (help, version or a usage error it has printed), told by its code, so this module need not load commander. */
function isCommanderExit(e: unknown): e is { exitCode: number } {
  const { code, exitCode } = (e ?? {}) as { code?: unknown; exitCode?: unknown };
  return typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

/** Prints an error the way a person at 3 a.m. needs it, and picks the exit code. */
export async function reportError(e: unknown, io: CliIO): Promise<number> {
  if (isCommanderExit(e)) {
    // --help and --version exit 0; every other commander error is a usage error (already printed).
    return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (e instanceof InvalidInputError) {
    const { formatIssues } = await import('../report/issues.js');
    io.stderr.write(formatIssues(e.issues) + '\n');
    if (e.hint) io.stderr.write(`hint: ${e.hint}\n`);
    return ExitCode.invalid;
  }
  if (isChaosError(e)) {
    io.stderr.write(`error: ${e.message}\n`);
    if (e.hint) io.stderr.write(`hint: ${e.hint}\n`);
    return exitCodeForError(e.kind);
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr.write(
    `internal error: ${err.message}\n${err.stack ?? ''}\n` +
      `This is a bug in chaos ${VERSION}; please report it with the output above.\n`,
  );
  return ExitCode.internal;
}
