// Start-up figures: `chaos --help` and `chaos validate` against `node -e 0`, kubectl as a reference,
// and which commands load @kubernetes/client-node.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { baseEnv, ROOT } from '../test/e2e/cli.js';
import { chaosCommand, interleaved, median, nodeCommand, tracedLoads, type Command } from './measure.js';
import type { Figure } from './figures.js';

/** `experiments/*.yml`, as the shell would expand it from the repository root. */
export const examples = (): string[] =>
  readdirSync(join(ROOT, 'experiments'))
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => `experiments/${f}`);

const stdoutOf = (c: Command): string =>
  spawnSync(c.argv[0]!, c.argv.slice(1), { cwd: ROOT, env: baseEnv(c.env), encoding: 'utf8' }).stdout;

/** `chaos --help` is answered without commander (src/cli/quick.ts): it must print what commander prints. */
export function checkQuickHelp(): void {
  const quick = stdoutOf(chaosCommand('--help', ['--help']));
  const commander = stdoutOf(chaosCommand('help', ['help']));
  if (quick !== commander) throw new Error(`chaos --help differs from commander's help:\n${quick}\n---\n${commander}`);
}

const kubectlAvailable = () => spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

export function startupFigures(rounds: number): Figure[] {
  const node: Command = nodeCommand('node -e 0', ['-e', '0']);
  const help = chaosCommand('chaos --help', ['--help']);
  const files = examples();
  const validate = chaosCommand('chaos validate experiments/*.yml', ['validate', ...files]);
  // The first run after an install or upgrade: every chunk compiled from source (src/boot/code-cache.cts).
  const validateCold = chaosCommand('chaos validate, no code cache', ['validate', ...files], { env: { CHAOS_COMPILE_CACHE: 'off' } });
  // A compiled Kubernetes CLI, for the note's comparison; it has no budget.
  const kubectl: Command | undefined = kubectlAvailable() ? { label: 'kubectl version --client', argv: ['kubectl', 'version', '--client'] } : undefined;
  const times = interleaved([node, help, validate, validateCold, ...(kubectl ? [kubectl] : [])], rounds);
  const baseline = median(times.get(node.label)!);
  const against = (c: Command, id: string, budget?: number): Figure => {
    const samples = times.get(c.label)!;
    const value = median(samples);
    return {
      id,
      label: c.label,
      value,
      unit: 'ms',
      baseline: { label: node.label, value: baseline, unit: 'ms' },
      ratio: value / baseline,
      budget,
      ratioBudget: budget !== undefined,
      samples,
      detail: `median of ${samples.length} interleaved runs${id.startsWith('validate') ? ` over ${files.length} example files` : ''}${id === 'validate' ? '; code cache warmed by the discarded first round' : ''}`,
    };
  };
  return [
    against(help, 'help', 1.3),
    against(validate, 'validate', 2),
    against(validateCold, 'validate-cold'),
    ...(kubectl ? [against(kubectl, 'kubectl')] : []),
  ];
}

/** `@kubernetes/client-node` must never be loaded by the commands that need no cluster. */
export function clientNodeFigure(dryRunFile: string, dryRunCwd: string): Figure {
  const probes: [string, string[], string | undefined][] = [
    ['--help', ['--help'], undefined],
    ['validate', ['validate', ...examples()], undefined],
    ['run --dry-run (1,000)', ['run', '--dry-run', dryRunFile], dryRunCwd],
  ];
  const loaders = probes.filter(([, args, cwd]) => {
    const loads = tracedLoads(args, cwd);
    if (!loads.some((u) => u.endsWith('/bin/chaos.cjs'))) throw new Error('module-load trace recorded nothing: the probe is broken');
    return loads.some((u) => u.includes('@kubernetes/client-node') || /\/kubernetes-client-[\w-]+\.cjs$/.test(u));
  });
  return {
    id: 'client-node',
    label: '@kubernetes/client-node loaded',
    value: loaders.length,
    unit: 'loaded',
    budget: 0,
    detail: loaders.length ? `loaded by ${loaders.map(([n]) => n).join(', ')}` : `traced ${probes.map(([n]) => n).join(', ')}: never loaded`,
  };
}
