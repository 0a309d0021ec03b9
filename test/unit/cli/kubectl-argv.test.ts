// `kubectl chaos …`: kubectl's global flags, before or after the subcommand, reach chaos as its own flags.
import { describe, expect, test } from 'vitest';
import { kubectlArgv } from '../../../src/cli/kubectl-argv.js';

describe('kubectlArgv', () => {
  test.each([
    [['run', 'x.yml'], ['run', 'x.yml']],
    [['--context', 'prod', 'run', 'x.yml'], ['run', '--context', 'prod', 'x.yml']],
    [['-n', 'shop', '--kubeconfig', '/k', 'run', '--dry-run', 'x.yml'], ['run', '--namespace', 'shop', '--kubeconfig', '/k', '--dry-run', 'x.yml']],
    [['run', 'x.yml', '-n', 'shop'], ['run', '--namespace', 'shop', 'x.yml']],
    [['-nshop', 'run', 'x.yml', '--context=prod'], ['run', '--namespace', 'shop', '--context', 'prod', 'x.yml']],
    [['--namespace=shop', '-n=other', 'cleanup', '--all'], ['cleanup', '--namespace', 'shop', '--namespace', 'other', '--all']],
    [['--context', 'prod', '-n', 'shop', 'deploy', 'x.yml'], ['deploy', '--namespace', 'shop', 'x.yml']],
    [['--context', 'prod', '-n', 'shop', 'validate', 'x.yml'], ['validate', 'x.yml']],
    [['validate', '--kubeconfig', '/k', 'x.yml'], ['validate', 'x.yml']],
    [['run', 'x.yml', '--', '-n', 'y.yml'], ['run', 'x.yml', '--', '-n', 'y.yml']],
    [['--context', 'prod', '--help'], ['--help']],
    [['run', 'x.yml', '--context'], ['run', 'x.yml', '--context']],
  ])('%j → %j', (input, expected) => {
    expect(kubectlArgv(input)).toEqual(expected);
  });
});
