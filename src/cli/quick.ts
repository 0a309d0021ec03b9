// `chaos --help` and `chaos --version` answered without loading commander: start-up is a budget
// (SPEC §8, --help ≤ 1.3× `node -e 0`) and commander alone eats all of that 30 %. HELP must stay what
// commander prints for `chaos --help` (help width fixed at 80 in program.ts): test/unit/cli/quick.test.ts checks.
// One module for both, since every extra module costs start-up time too (../version.ts is bundled into it:
// scripts/bundle.mjs lets entries carry shared code); bin/chaos.cjs loads it with plain require() before the
// code-cache loader and the bundle.
import { writeSync } from 'node:fs';

import { VERSION } from '../version.js';

export const HELP = `Usage: chaos [options] [command]

Run chaos experiments on Kubernetes with Chaos Mesh and judge them with
Prometheus.

Options:
  -V, --version                   output the version number
  -h, --help                      display help for command

Commands:
  validate [options] <files...>   check experiment files and the config; report
                                  every problem as file:line:col
  run [options] <files...>        run experiments: preflight, inject, observe,
                                  revert, recover, report
  cleanup [options]               remove chaos objects left by runs (found by
                                  the managed-by and run-id labels)
  deploy [options] <files...>     print manifests that run experiments in the
                                  cluster, once or on a schedule (for kubectl
                                  apply -f -)
  schema [which]                  print the JSON Schema of experiment files (or
                                  of the config / the JSON report)
  report [options] <journals...>  re-render a past run from its JSON journal, or
                                  compare several runs side by side
  help [command]                  display help for command

Examples:
  chaos validate experiments/*.yml
  chaos run --dry-run experiments/*.yml            manifests + PromQL, no cluster needed
  chaos run experiments/*.yml --report junit=chaos.xml
  chaos cleanup --run-id <id>                      remove what an interrupted run left
  chaos deploy experiments/ --schedule "0 3 * * *" | kubectl apply -f -

`;

/** The whole output of `chaos <argv>` when it is only the top-level help or the version; else undefined. */
export function quickAnswer(argv: readonly string[]): string | undefined {
  if (argv.length !== 1) return undefined;
  if (argv[0] === '--help' || argv[0] === '-h') return HELP;
  if (argv[0] === '--version' || argv[0] === '-V') return `${VERSION}\n`;
  return undefined;
}

export function printQuick(text: string): void {
  writeToFd(1, text, () => process.stdout);
}

/** How later writes to a descriptor should go after one write: directly, through the stream, or nowhere. */
export type FdRoute = 'direct' | 'stream' | 'gone';

/**
 * Straight to the file descriptor: creating process.stdout (a net.Socket on a pipe, with the stream
 * modules) costs more than the write. What writeSync cannot take (EAGAIN on a non-blocking pipe, ...)
 * goes to the stream, and the caller keeps to the stream so the order holds. EPIPE means the reader is
 * gone: the text is dropped rather than crashing the process (a run must still revert its faults).
 */
export function writeToFd(fd: number, text: string, stream: () => NodeJS.WritableStream): FdRoute {
  const bytes = Buffer.from(text);
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written);
    return 'direct';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 'gone';
    stream().write(bytes.subarray(written));
    return 'stream';
  }
}
