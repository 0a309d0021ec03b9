// Progress on stderr: an ora spinner on a TTY, plain timestamped lines otherwise (CI, pipes).
import type { RunObserver, StageName } from '../ports.js';
import type { Theme } from '../report/theme.js';
import type { Output } from '../ports.js';

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
  // Every running experiment's status (several with --parallel), and its live criterion values.
  const running = new Map<string, string>();
  const live = new Map<string, Map<string, string>>();
  const render = () => {
    if (!spinner) return;
    if (running.size === 0) return void spinner.stop();
    spinner.text = [...running].map(([exp, status]) => `${exp}: ${status}`).join('  │  ');
    if (!spinner.isSpinning) spinner.start();
  };
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
      live.delete(exp);
      running.set(exp, `${stage}…`);
      if (spinner) render();
      else line(`${exp}: ${stage}…`);
    },
    stageFinished(exp: string, stage: StageName, ok: boolean, detail?: string) {
      const took = ((o.now() - (started.get(`${exp}/${stage}`) ?? o.now())) / 1000).toFixed(1);
      spinner?.stop();
      line(`${exp}: ${stage} ${ok ? o.theme.ok('ok') : o.theme.fail('failed')} ${o.theme.dim(`(${took}s)`)}${detail ? ` ${detail}` : ''}`);
      running.set(exp, `${stage} ${ok ? 'ok' : 'failed'}`);
      if (running.size > 1) render();
    },
    info: (m) => print(m),
    warn: (m) => print(`${o.theme.warn('warning:')} ${m}`),
    sample(exp: string, criterion: string, value: number | undefined, state: string) {
      const values = live.get(exp) ?? live.set(exp, new Map()).get(exp)!;
      values.set(criterion, `${criterion}=${value === undefined ? 'no data' : Number(value.toPrecision(4))} ${state === 'met' ? '✓' : state === 'breached' ? '✗' : '?'}`);
      running.set(exp, `observing  ${[...values.values()].join('  ')}`);
      render();
    },
    experimentFinished(exp: string) {
      running.delete(exp);
      live.delete(exp);
      if (running.size > 0) render();
    },
    stop() {
      spinner?.stop();
    },
  };
}
