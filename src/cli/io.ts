// The process edges main() is given, so commands never touch `process` directly.
import { fstatSync } from 'node:fs';
import { writeToFd, type FdRoute } from './quick.js';
import { makeRedactor, secretsInEnv, type Redactor } from '../redact.js';
import type { CliIO, Output, StopSignal } from '../ports.js';

/**
 * stdout and stderr through the one redactor (src/redact.ts), seeded with the values of secret-looking
 * env vars: stderr gets every rule (diagnostics may quote anything), stdout the known secrets (its
 * reports are redacted in full by their formatters; manifests must stay as rendered).
 */
export function redactingIO(io: CliIO): CliIO {
  const secrets = secretsInEnv([io.env]);
  let full: Redactor = makeRedactor(secrets);
  let literal: Redactor = makeRedactor(secrets, { shapes: false });
  const through = (o: Output, r: () => Redactor): Output => ({
    write: (text) => o.write(r()(text)),
    get isTTY() {
      return o.isTTY;
    },
    get columns() {
      return o.columns;
    },
  });
  // Everything else is io's own, looked up when used: spreading would run getters (confirm creates process.stdin).
  const redacting: CliIO = Object.create(io);
  redacting.stdout = through(io.stdout, () => literal);
  redacting.stderr = through(io.stderr, () => full);
  redacting.addSecrets = (values) => {
    secrets.push(...values);
    full = makeRedactor(secrets);
    literal = makeRedactor(secrets, { shapes: false });
  };
  return redacting;
}

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function processIO(): CliIO {
  return {
    stdout: fdOutput(1, () => process.stdout),
    stderr: fdOutput(2, () => process.stderr),
    env: process.env,
    cwd: process.cwd(),
    onSignal(handler) {
      const listeners = STOP_SIGNALS.map((sig) => [sig, () => handler(sig)] as const);
      for (const [sig, fn] of listeners) process.on(sig, fn);
      return () => {
        for (const [sig, fn] of listeners) process.off(sig, fn);
      };
    },
    onFatal(handler) {
      process.on('uncaughtException', handler);
      process.on('unhandledRejection', handler);
      return () => {
        process.off('uncaughtException', handler);
        process.off('unhandledRejection', handler);
      };
    },
    get confirm() {
      return process.stdin.isTTY && process.stderr.isTTY ? askOnTty : undefined;
    },
  };
}

/**
 * Writes go straight to the descriptor (quick.ts) until one cannot, then to the stream for good. The
 * stream (and Node's stream and socket modules: ~5 ms of a CI `chaos validate`, SPEC §8) is created only
 * then, or for a terminal's width. Once the reader is gone (EPIPE, e.g. `chaos run … | head`), output is
 * dropped: an unhandled stream error would end the process before it reverts what it applied.
 */
export function fdOutput(fd: number, processStream: () => NodeJS.WriteStream): Output {
  let route: FdRoute = 'direct';
  let tty: boolean | undefined;
  let listening = false;
  const stream = () => {
    const s = processStream();
    if (!listening) {
      listening = true;
      s.on('error', () => void (route = 'gone'));
    }
    return s;
  };
  return {
    write(text) {
      if (route === 'direct') route = writeToFd(fd, text, stream);
      else if (route === 'stream') stream().write(text);
    },
    get isTTY() {
      // A terminal is a character device: pipes and files are told apart without loading node:tty.
      tty ??= isCharacterDevice(fd) && process.getBuiltinModule('node:tty').isatty(fd);
      return tty;
    },
    get columns() {
      return this.isTTY ? stream().columns : undefined;
    },
  };
}

function isCharacterDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false; // closed: certainly no terminal
  }
}

async function askOnTty(question: string): Promise<boolean> {
  // Not import(): the bundle's chunks run in vm.Script, where a dynamic import needs an experimental flag.
  const { createInterface } = process.getBuiltinModule('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
