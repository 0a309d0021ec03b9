// The command/flag table. Actions import their command module lazily so `--help` and `validate`
// never load @kubernetes/client-node.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliIO } from '../ports.js';
import { VERSION } from '../version.js';

export { VERSION };

/** What an action resolves to: the exit code. */
type Result = { code: number };

const collect = (value: string, previous: string[] = []) => [...previous, value];
const commaList = (value: string, previous: string[] = []) => [
  ...previous,
  ...value.split(',').map((s) => s.trim()).filter(Boolean),
];

export function buildProgram(io: CliIO, result: Result): Command {
  const program = new Command('chaos')
    .description('Run chaos experiments on Kubernetes with Chaos Mesh and judge them with Prometheus.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    // A fixed width, so help is the same on every terminal and `chaos --help` can skip commander (quick.ts).
    .configureHelp({ helpWidth: 80 })
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  program.addHelpText(
    'after',
    `
Examples:
  chaos validate experiments/*.yml
  chaos run --dry-run experiments/*.yml            manifests + PromQL, no cluster needed
  chaos run experiments/*.yml --report junit=chaos.xml
  chaos cleanup --run-id <id>                      remove what an interrupted run left
  chaos deploy experiments/ --schedule "0 3 * * *" | kubectl apply -f -
`,
  );

  program
    .command('validate')
    .description('check experiment files and the config; report every problem as file:line:col')
    .argument('<files...>', 'experiment files (YAML) or folders of them')
    .option('-c, --config <path>', 'config file (default: chaos.config.yml in this folder or a parent)')
    .option('--output <format>', 'text | json', 'text')
    .option('--no-color', 'no colours')
    .action(async (files: string[], opts) => {
      const { validateCommand } = await import('../commands/validate.js');
      result.code = await validateCommand(files, opts, io);
    });

  const run = program
    .command('run')
    .description('run experiments: preflight, inject, observe, revert, recover, report')
    .argument('<files...>', 'experiment files (YAML) or folders of them')
    .addOption(
      new Option('--dry-run <mode>', '--dry-run (=client): print manifests and queries, no cluster; =server: read-only preflight')
        .choices(['client', 'server']),
    )
    .option('-c, --config <path>', 'config file (default: chaos.config.yml in this folder or a parent)')
    .option('--context <name>', 'kube context (default: config, then the current context)')
    .option('-n, --namespace <ns>', 'namespace for targets without one')
    .option('--kubeconfig <path>', 'kubeconfig file (default: KUBECONFIG, then ~/.kube/config)')
    .option('--prometheus-url <url>', 'Prometheus base URL (overrides config and CHAOS_PROMETHEUS_URL)')
    .option('--only <names>', 'run only these experiments (comma-separated, repeatable)', commaList)
    .option('--duration <d>', 'override every experiment window, e.g. 30s (for CI)')
    .option('--poll-interval <d>', 'how often criteria are polled, e.g. 5s')
    .option('--fail-fast', 'stop after the first experiment that does not pass')
    .option('--parallel <n>', 'run up to n experiments at once; never two that could act on a common pod', positiveInt)
    .option('--no-abort-on-breach', 'keep the fault to the end of the window after a breach')
    .option('-y, --yes', 'do not ask for confirmation when no allowedContexts are configured (never overrides the list)')
    .option('--report <format=path>', 'write a report: json|junit|markdown|html=<path> (repeatable)', collect)
    .option('-o, --output <format>', 'stdout format: text | json', 'text')
    .option('-q, --quiet', 'print only the summary')
    .option('-v, --verbose', 'stream hook output and details to stderr')
    .option('--no-color', 'no colours')
    .action(async (files: string[], opts) => {
      const { runCommand } = await import('../commands/run.js');
      result.code = await runCommand(files, opts, io);
    });
  run.addHelpText('after', '\nExit codes: 0 passed, 1 failed, 2 usage, 3 invalid, 4 environment, 5 not steady,\n6 revert failed, 7 inconclusive, 70 internal error, 130 interrupted.\n');

  program
    .command('cleanup')
    .description('remove chaos objects left by runs (found by the managed-by and run-id labels)')
    .option('--run-id <id>', 'only objects of this run')
    .option('--all', 'every object chaos created')
    .option('--force', 'with --all: also remove objects of runs that still hold their namespace lease (live runs)')
    .option('-n, --namespace <ns>', 'only this namespace (default: the context namespace)')
    .option('-A, --all-namespaces', 'every namespace')
    .option('-c, --config <path>', 'config file')
    .option('--context <name>', 'kube context')
    .option('--kubeconfig <path>', 'kubeconfig file')
    .option('--timeout <d>', 'how long to wait for objects to be gone', '2m')
    .option('--no-color', 'no colours')
    .action(async (opts) => {
      const { cleanupCommand } = await import('../commands/cleanup.js');
      result.code = await cleanupCommand(opts, io);
    });

  program
    .command('deploy')
    .description('print manifests that run experiments in the cluster, once or on a schedule (for kubectl apply -f -)')
    .argument('<files...>', 'experiment files (YAML) or folders of them')
    .option('--schedule <cron>', 'a CronJob on this schedule, e.g. "0 3 * * *" (default: a Job that runs once)')
    .option('--time-zone <tz>', 'time zone of the schedule, e.g. Europe/Paris (default: the cluster\'s)')
    .option('--image <image>', 'container image with chaos (default: ghcr.io/materi/chaos:<version>)')
    .option('-n, --namespace <ns>', 'namespace of the Job and its service account; targets without one run there')
    .option('-c, --config <path>', 'config file (default: chaos.config.yml in this folder or a parent)')
    .option('--name <name>', 'name of every object', 'chaos')
    .action(async (files: string[], opts) => {
      const { deployCommand } = await import('../commands/deploy.js');
      result.code = await deployCommand(files, opts, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of experiment files (or of the config / the JSON report)')
    .argument('[which]', 'experiment | config | report', 'experiment')
    .action(async (which: string) => {
      const { schemaCommand } = await import('../commands/schema.js');
      result.code = await schemaCommand(which, io);
    });

  program
    .command('report')
    .description('re-render a past run from its JSON journal, or compare several runs side by side')
    .argument('<journals...>', 'JSON reports written by `chaos run --report json=<path>` (several: compared)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'html', 'junit', 'markdown', 'json']).default('text'))
    .option('--no-color', 'no colours')
    .action(async (journals: string[], opts) => {
      const { reportCommand } = await import('../commands/report.js');
      result.code = await reportCommand(journals, opts, io);
    });

  return program;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 64) throw new InvalidArgumentError('a whole number from 1 to 64');
  return n;
}

/** `--dry-run` alone means client; commander cannot tell a bare flag from one followed by a file. */
export function normaliseArgv(argv: string[]): string[] {
  return argv.map((a) => (a === '--dry-run' ? '--dry-run=client' : a));
}
