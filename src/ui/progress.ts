// Progress on stderr: an ora spinner on a TTY, plain timestamped lines otherwise (CI, pipes).
import type { RunObserver, StageName } from '../ports.js';
import type { Theme } from '../report/theme.js';
import type { Output } from '../cli/io.js';

export interface ProgressOptions {
  stream: Output;
  theme: Theme;
  quiet: boolean;
  /** Spinner only on an interactive terminal outside CI. */
  interactive: boolean;
  now: () => number;
}

export async function createProgress(o: ProgressOptions): Promise<RunObserver & { stop(): void }> {
  if (o.quiet) return { stageStarted() {}, stageFinished() {}, info() {}, warn: (m) => o.stream.write(`${o.theme.warn('warning:')} ${m}\n`), stop() {} };
  const started = new Map<string, number>();
  const stamp = () => o.theme.dim(new Date(o.now()).toISOString().slice(11, 19));
  const line = (s: string) => o.stream.write(`${stamp()} ${s}\n`);
  let spinner: { text: string; start(): unknown; stop(): unknown; isSpinning: boolean } | undefined;
  if (o.interactive) {
    const { default: ora } = await import('ora');
    spinner = ora({ stream: process.stderr, discardStdin: false });
  }
  const live = new Map<string, string>();
  const print = (s: string) => {
    if (spinner?.isSpinning) {
      spinner.stop();
      line(s);
      spinner.start();
    } else line(s);
  };
  return {
    stageStarted(exp: string, stage: StageName) {
      started.set(`${exp}/${stage}`, o.now());
      live.clear();
      if (spinner) {
        spinner.text = `${exp}: ${stage}…`;
        spinner.start();
      } else line(`${exp}: ${stage}…`);
    },
    stageFinished(exp: string, stage: StageName, ok: boolean, detail?: string) {
      const took = ((o.now() - (started.get(`${exp}/${stage}`) ?? o.now())) / 1000).toFixed(1);
      spinner?.stop();
      line(`${exp}: ${stage} ${ok ? o.theme.ok('ok') : o.theme.fail('failed')} ${o.theme.dim(`(${took}s)`)}${detail ? ` ${detail}` : ''}`);
    },
    info: (m) => print(m),
    warn: (m) => print(`${o.theme.warn('warning:')} ${m}`),
    sample(exp: string, criterion: string, value: number | undefined, state: string) {
      live.set(criterion, `${criterion}=${value === undefined ? 'no data' : Number(value.toPrecision(4))} ${state === 'met' ? '✓' : state === 'breached' ? '✗' : '?'}`);
      if (spinner) spinner.text = `${exp}: observing  ${[...live.values()].join('  ')}`;
    },
    stop() {
      spinner?.stop();
    },
  };
}
