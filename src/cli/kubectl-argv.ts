// `kubectl chaos …` (bin/kubectl-chaos.cjs): kubectl hands a plugin every argument after its name, so
// kubectl's global flags arrive before or after the subcommand. They are moved after it and written as
// chaos spells them (-n → --namespace); a subcommand that has no such flag never acts on a cluster
// setting (validate, schema, report), so there they are dropped rather than refused.

type Global = 'context' | 'namespace' | 'kubeconfig';

const ACCEPTS: Record<string, readonly Global[]> = {
  run: ['context', 'namespace', 'kubeconfig'],
  cleanup: ['context', 'namespace', 'kubeconfig'],
  deploy: ['namespace'],
};

/** `--context x`, `--context=x`, `-n x`, `-nx`, `-n=x`, `--namespace[=]x`, `--kubeconfig[=]x` → [name, value, args used]. */
function globalAt(args: readonly string[], i: number): [Global, string | undefined, number] | undefined {
  const arg = args[i]!;
  for (const [name, spellings] of [['context', ['--context']], ['namespace', ['--namespace', '-n']], ['kubeconfig', ['--kubeconfig']]] as const) {
    for (const flag of spellings) {
      if (arg === flag) return [name, args[i + 1], 2];
      if (arg.startsWith(`${flag}=`)) return [name, arg.slice(flag.length + 1), 1];
      if (flag === '-n' && arg.length > 2 && arg.startsWith('-n')) return [name, arg.slice(2), 1];
    }
  }
  return undefined;
}

export function kubectlArgv(args: readonly string[]): string[] {
  const globals: [Global, string | undefined][] = [];
  const rest: string[] = [];
  let command: string | undefined;
  let i = 0;
  for (; i < args.length; ) {
    const arg = args[i]!;
    if (arg === '--') break;
    const g = globalAt(args, i);
    if (g) {
      globals.push([g[0], g[1]]);
      i += g[2];
      continue;
    }
    if (command === undefined && !arg.startsWith('-')) command = arg;
    rest.push(arg);
    i++;
  }
  const tail = args.slice(i);
  const accepted = ACCEPTS[command ?? ''] ?? [];
  const moved = globals.flatMap(([name, value]) => (value !== undefined && accepted.includes(name) ? [`--${name}`, value] : []));
  // A flag given without its value goes last, so the subcommand reports it missing as chaos always does.
  const dangling = globals.filter(([, value]) => value === undefined).map(([name]) => `--${name}`);
  if (command === undefined) return [...rest, ...dangling, ...tail];
  const at = rest.indexOf(command) + 1;
  return [...rest.slice(0, at), ...moved, ...rest.slice(at), ...dangling, ...tail];
}
