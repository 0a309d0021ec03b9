// The GitHub Action's logic (scripts/action.sh, run by action.yml) with the environment GitHub gives a
// step, against the fake cluster: reports in RUNNER_TEMP, the markdown report appended to the step
// summary, outputs in GITHUB_OUTPUT, and chaos's exact exit code as the step's.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { baseEnv, BIN, ROOT } from './cli.js';
import { startWorld, type World } from './world.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
  copyFileSync(join(ROOT, 'test/fixtures/invalid/bad-duration.yml'), join(world.dir, 'bad-duration.yml'));
});
afterEach(() => void (world.cluster.behaviour.rbacDeny = false));
afterAll(() => world?.close());

interface Step {
  code: number | null;
  log: string;
  summary: string;
  outputs: Record<string, string>;
  runnerTemp: string;
}

/** One step of a job: a fresh runner folder, a step summary that already holds an earlier step's text. */
async function actionStep(inputs: Record<string, string>, extraEnv: Record<string, string | undefined> = {}): Promise<Step> {
  const runner = mkdtempSync(join(tmpdir(), 'chaos-runner-'));
  const runnerTemp = join(runner, 'temp');
  mkdirSync(runnerTemp);
  const summaryFile = join(runner, 'step_summary');
  const outputFile = join(runner, 'output');
  writeFileSync(summaryFile, 'earlier step\n');
  writeFileSync(outputFile, '');
  const env = baseEnv({
    ...world.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: world.dir,
    RUNNER_TEMP: runnerTemp,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_ACTION_PATH: ROOT,
    CHAOS_BIN: BIN,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...extraEnv,
  });
  // Run as action.yml's step does: bash, from the runner's own folder (the script goes to the workspace).
  const child = spawn('bash', [join(ROOT, 'scripts', 'action.sh')], { cwd: runner, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { code, log, summary: readFileSync(summaryFile, 'utf8'), outputs, runnerTemp };
}

const LATENCY = { files: 'experiments/mat*.yml', config: 'chaos.config.yml', args: '--only api-latency-injection --duration 2s' };

describe('GitHub Action script', () => {
  test('a passing run: exit 0, JUnit + markdown + JSON in RUNNER_TEMP, the report appended to the summary, nothing left', async () => {
    const step = await actionStep(LATENCY);
    expect(step.code, step.log).toBe(0);
    const dir = join(step.runnerTemp, 'chaos');
    expect(step.outputs).toEqual({ 'exit-code': '0', junit: join(dir, 'junit.xml'), report: join(dir, 'report.md'), json: join(dir, 'report.json') });
    const junit = readFileSync(step.outputs.junit!, 'utf8');
    expect(junit).toMatch(/<testsuite [^>]*name="api-latency-injection"/);
    expect(junit).not.toMatch(/<failure/);
    const markdown = readFileSync(step.outputs.report!, 'utf8');
    expect(markdown).toMatch(/^## .* chaos: /m);
    expect(step.summary).toBe(`earlier step\n${markdown}\n`);
    expect(JSON.parse(readFileSync(step.outputs.json!, 'utf8')).experiments.map((e: any) => [e.name, e.verdict])).toEqual([['api-latency-injection', 'passed']]);
    expect(world.cluster.objects()).toEqual([]);
    expect(world.cluster.leases()).toEqual([]);
  });

  test('RBAC denied: the step fails with chaos\'s exit 4, the reports still say why', async () => {
    world.cluster.behaviour.rbacDeny = [{ verb: 'patch', resource: 'networkchaos' }];
    const created = world.cluster.everCreated().length;
    const step = await actionStep(LATENCY);
    expect(step.code, step.log).toBe(4);
    expect(step.outputs['exit-code']).toBe('4');
    expect(step.summary).toMatch(/RBAC denies/);
    expect(readFileSync(step.outputs.junit!, 'utf8')).toMatch(/RBAC denies/);
    expect(world.cluster.everCreated().slice(created)).toEqual([]);
    expect(world.cluster.objects()).toEqual([]);
    expect(world.cluster.leases()).toEqual([]);
  });

  test('an invalid file: exit 3, no report (no report outputs), the summary says so; the log has the located problem', async () => {
    const step = await actionStep({ files: 'bad-duration.yml' });
    expect(step.code).toBe(3);
    expect(step.outputs).toEqual({ 'exit-code': '3' });
    expect(step.summary).toBe('earlier step\n### chaos run: exit 3\n\nNo report was written: see the log of this step.\n\n');
    expect(step.log).toMatch(/bad-duration\.yml:\d+:\d+/);
    expect(existsSync(join(step.runnerTemp, 'chaos', 'junit.xml'))).toBe(false);
  });

  test('a pattern matching no file is passed on as written: chaos says file not found, exit 2', async () => {
    const step = await actionStep({ files: 'nothing/*.yml' });
    expect(step.code).toBe(2);
    expect(step.log).toMatch(/file not found: nothing\/\*\.yml/);
  });
});

describe('GitHub Action script without CHAOS_BIN', () => {
  test('runs the npm package of the action\'s own version (or `version`) through npm exec, with the inputs split as documented', async () => {
    // A stand-in npm on PATH records its arguments and exits 7 (inconclusive): the step's exit code is it.
    const fakeBin = mkdtempSync(join(tmpdir(), 'chaos-fake-npm-'));
    const record = join(fakeBin, 'argv');
    writeFileSync(join(fakeBin, 'npm'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${record}'\nexit 7\n`, { mode: 0o755 });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const path = `${fakeBin}:${process.env.PATH}`;
    const step = await actionStep({ files: 'experiments/materi.yml\n  experiments/pod-*.yml', args: '--context  fake --yes' }, { CHAOS_BIN: undefined, PATH: path });
    expect(step.code, step.log).toBe(7);
    expect(step.outputs).toEqual({ 'exit-code': '7' });
    const out = join(step.runnerTemp, 'chaos');
    expect(readFileSync(record, 'utf8').trimEnd().split('\n')).toEqual([
      'exec', '--yes', `--package=chaos@${version}`, '--', 'chaos', 'run', 'experiments/materi.yml', 'experiments/pod-faults.yml',
      '--context', 'fake', '--yes', '--report', `junit=${out}/junit.xml`, '--report', `markdown=${out}/report.md`, '--report', `json=${out}/report.json`,
    ]);
    await actionStep({ files: 'experiments/materi.yml', version: '9.9.9' }, { CHAOS_BIN: undefined, PATH: path });
    expect(readFileSync(record, 'utf8').split('\n')).toContain('--package=chaos@9.9.9');
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

  test('a composite action whose one step runs the script with every input, and exposes its outputs', () => {
    expect(action.runs.using).toBe('composite');
    const [step] = action.runs.steps;
    expect(action.runs.steps).toHaveLength(1);
    expect(step.shell).toBe('bash');
    expect(step.run).toContain('$GITHUB_ACTION_PATH/scripts/action.sh');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'config', 'files', 'version']);
    for (const name of Object.keys(action.inputs)) expect(step.env[`INPUT_${name.toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
    expect(action.inputs.files.required).toBe(true);
    for (const name of ['exit-code', 'junit', 'report', 'json']) expect(action.outputs[name].value).toBe(`\${{ steps.${step.id}.outputs.${name} }}`);
  });
});
