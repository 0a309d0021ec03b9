// The process edges main() is given, so commands never touch `process` directly.
export interface Output {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Terminal width; 0 or undefined when unknown (a pipe, or a terminal without a size). */
  readonly columns?: number;
}

export interface CliIO {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Registers interrupt handlers (SIGINT/SIGTERM); returns an unregister function. */
  onSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
  /** Leaves at once (the second Ctrl-C). */
  exitNow(code: number): never;
  /** Asks a yes/no question on the terminal; undefined when there is no TTY to ask on. */
  confirm?(question: string): Promise<boolean>;
}

export function processIO(): CliIO {
  // Streams are created on first use: --help never needs stderr, and only a prompt needs stdin.
  const lazy = (stream: () => NodeJS.WriteStream): Output => ({
    write: (t) => void stream().write(t),
    get isTTY() {
      return Boolean(stream().isTTY);
    },
    get columns() {
      return stream().columns;
    },
  });
  return {
    stdout: lazy(() => process.stdout),
    stderr: lazy(() => process.stderr),
    env: process.env,
    cwd: process.cwd(),
    onSignal(handler) {
      const int = () => handler('SIGINT');
      const term = () => handler('SIGTERM');
      process.on('SIGINT', int);
      process.on('SIGTERM', term);
      return () => {
        process.off('SIGINT', int);
        process.off('SIGTERM', term);
      };
    },
    exitNow(code) {
      process.exit(code);
    },
    get confirm() {
      return process.stdin.isTTY && process.stderr.isTTY ? askOnTty : undefined;
    },
  };
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
