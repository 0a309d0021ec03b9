// hooks: argv lists, strings split without a shell, objects; experiment hooks replace config defaults per phase.
import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../../src/experiment/hooks.js';
import { CATALOG, experiment, parse, problems } from './helpers.js';

describe('splitCommand', () => {
  it('splits on whitespace and honours simple quoting', () => {
    expect(splitCommand('k6 run load.js')).toEqual(['k6', 'run', 'load.js']);
    expect(splitCommand(`curl -H 'X-Team: a b' "http://api/x?q=1 2" a\\ b ''`)).toEqual(['curl', '-H', 'X-Team: a b', 'http://api/x?q=1 2', 'a b', '']);
    expect(splitCommand('echo "say \\"hi\\""')).toEqual(['echo', 'say "hi"']);
  });

  it('refuses shell syntax and broken quoting instead of guessing', () => {
    expect(splitCommand('a | b')).toEqual({ error: 'uses shell syntax (|): set shell: true or write an argv list' });
    expect(splitCommand('a && b')).toMatchObject({ error: expect.stringContaining('(&&)') });
    expect(splitCommand('echo $(id)')).toMatchObject({ error: expect.stringContaining('($()') });
    expect(splitCommand("echo '|'")).toEqual(['echo', '|']);
    expect(splitCommand('echo "open')).toEqual({ error: 'unclosed " quote' });
    expect(splitCommand('   ')).toEqual({ error: 'command is empty' });
  });
});

describe('hooks in experiments and config', () => {
  const withHooks = (hooks: string, configHooks = '') =>
    parse(experiment('{ service: api }', '{ type: pod_failure }', `duration: 5m\nhooks:\n${hooks}`), `${CATALOG}${configHooks}`);

  it('normalises the three item forms', () => {
    const { experiments, issues } = withHooks(`  before:
    - [kubectl, rollout, status, deploy/api]
    - k6 run 'load test.js'
  during:
    - { name: load, run: "k6 run x.js | tee out", shell: true, env: { VUS: 10, DEBUG: true }, cwd: load, timeout: 10m, expect_exit: any }
  after:
    - { run: [./check.sh], expect_exit: 3 }`);
    expect(issues).toEqual([]);
    const h = experiments[0]?.hooks;
    expect(h?.before.map((x) => [x.name, x.run, x.shell, x.expectExit])).toEqual([
      ['kubectl rollout status deploy/api', ['kubectl', 'rollout', 'status', 'deploy/api'], false, 0],
      ["k6 run 'load test.js'", ['k6', 'run', 'load test.js'], false, 0],
    ]);
    expect(h?.during[0]).toMatchObject({ name: 'load', run: ['k6 run x.js | tee out'], shell: true, env: { VUS: '10', DEBUG: 'true' }, cwd: 'load', timeoutMs: 600_000, expectExit: undefined });
    expect(h?.after[0]).toMatchObject({ name: './check.sh', run: ['./check.sh'], expectExit: 3 });
    expect(h?.before[1]?.source).toMatchObject({ file: 'e.yml', line: 8, col: 7 });
  });

  it('experiment hooks replace the config defaults for the phases they give', () => {
    const { experiments, issues } = withHooks('  after: [./after.sh]', '\nhooks:\n  before: [./default-before.sh]\n  after: [./default-after.sh]\n');
    expect(issues).toEqual([]);
    expect(experiments[0]?.hooks.before.map((x) => x.run)).toEqual([['./default-before.sh']]);
    expect(experiments[0]?.hooks.after.map((x) => x.run)).toEqual([['./after.sh']]);
    expect(experiments[0]?.hooks.during).toEqual([]);
  });

  it('reports bad hooks precisely', () => {
    const text = (h: string) => experiment('{ service: api }', '{ type: pod_failure }', `duration: 5m\nhooks:\n${h}`);
    expect(problems(text('  before: [{ run: [a, b], shell: true }]'))).toEqual(['hooks.before[0].run: with shell: true, run is one command string']);
    expect(problems(text('  before: [{ run: a, expect_exit: 300 }]'))).toEqual(['hooks.before[0].expect_exit: must be an integer from 0 to 255']);
    expect(problems(text('  before: [{ run: a, expect_exit: true }]'))).toEqual(['hooks.before[0].expect_exit: must be an exit status 0–255 or "any"']);
    expect(problems(text('  before: [{ command: a }]'))).toEqual(['hooks.before[0].run: missing required key "run"', 'hooks.before[0].command: unknown key "command"; allowed: name, run, env, cwd, timeout, shell, expect_exit']);
    expect(problems(text('  befor: [a]'))).toEqual(['hooks.befor: unknown key "befor" (did you mean "before"?)']);
    expect(problems(text('  before: [[]]'))).toEqual(['hooks.before[0]: must not be empty']);
    expect(problems(text('  before: [42]'))).toEqual(['hooks.before[0]: expected a string, a list or a mapping']);
  });
});
