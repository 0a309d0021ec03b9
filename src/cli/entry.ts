// Process entry: everything else is testable through main(). `--help` and `--version` are answered
// before commander (and the rest of the CLI) is even loaded: start-up time is a budget (SPEC §8).
import { writeSync } from 'node:fs';
import { quickAnswer } from './quick.js';

const argv = process.argv.slice(2);
const quick = quickAnswer(argv);
if (quick !== undefined) {
  print(quick);
} else {
  const [{ main }, { processIO }] = await Promise.all([import('./main.js'), import('./io.js')]);
  process.exitCode = await main(argv, processIO());
}

/** Straight to fd 1: creating process.stdout (a net.Socket on a pipe) costs more than the write. */
function print(text: string): void {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch {
    process.stdout.write(bytes.subarray(written)); // e.g. EAGAIN on a non-blocking pipe: let the stream cope
  }
}
