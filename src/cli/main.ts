// main(argv, io): parse flags, dispatch, turn every outcome and error into an exit code.
import { buildProgram, isCommanderExit, normaliseArgv, VERSION } from './program.js';
import { ExitCode, exitCodeForError } from './exit-codes.js';
import { InvalidInputError, isChaosError } from '../errors.js';
import type { CliIO } from './io.js';

export async function main(argv: string[], io: CliIO): Promise<number> {
  const result = { code: ExitCode.ok as number };
  const program = buildProgram(io, result);
  try {
    await program.parseAsync(normaliseArgv(argv), { from: 'user' });
    return result.code;
  } catch (e) {
    return reportError(e, io);
  }
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
