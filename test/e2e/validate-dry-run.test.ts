// The built binary without a cluster: validate, run --dry-run, schema, --help; exit codes 0, 2, 3.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { runChaos, startChaos, ROOT } from './cli.js';
import { cycledExperiments } from '../../bench/generate.js';
import { validateAgainstCrd } from '../support/crd-validator.js';

const examples = readdirSync(join(ROOT, 'experiments')).filter((f) => f.endsWith('.yml')).map((f) => `experiments/${f}`);

describe('chaos without a cluster', () => {
  test('--help lists the commands and exits 0', async () => {
    const r = await runChaos(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['validate', 'run', 'cleanup', 'schema', 'report']) expect(r.stdout).toContain(cmd);
  });

  test('validate accepts every shipped example (exit 0)', async () => {
    const r = await runChaos(['validate', ...examples]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/experiments in \d+ files valid/);
  });

  test('run --dry-run prints manifests kubectl accepts, every one valid against the CRDs', async () => {
    const r = await runChaos(['run', '--dry-run', ...examples]);
    expect(r.code).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    expect(docs.length).toBeGreaterThanOrEqual(examples.length);
    for (const obj of docs) expect(validateAgainstCrd(obj)).toEqual([]);
    expect(r.stdout).toMatch(/# experiment: api-latency-injection \(experiments\/materi\.yml:\d+\)/);
    // The PromQL of each criterion is shown with templates resolved.
    expect(r.stdout).toContain('service="api"');
    const resolved = r.stdout.split('\n').filter((l) => l.startsWith('# criterion:')).map((l) => l.slice(l.indexOf(']  ') + 3));
    expect(resolved.length).toBeGreaterThan(examples.length);
    for (const q of resolved) expect(q).not.toContain('{{');
  });

  test('the seed renders exactly as the platform document asks', async () => {
    const r = await runChaos(['run', '--dry-run', '--output', 'json', 'experiments/materi.yml']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    const byName = Object.fromEntries(plan.experiments.map((e: any) => [e.name, e.manifests[0]]));
    const latency = byName['api-latency-injection'];
    expect(latency.kind).toBe('NetworkChaos');
    // spec.duration: the 5m window + the shipped config's 60s injectionTimeout + a 10s margin (SPEC §10).
    expect(latency.spec).toMatchObject({ action: 'delay', mode: 'fixed-percent', value: '10', duration: '6m10s', delay: { latency: '500ms' } });
    expect(byName['database-connection-failure'].spec).toMatchObject({ action: 'loss', loss: { loss: '25' }, direction: 'to', target: { mode: 'all', selector: { labelSelectors: { app: 'postgresql' } } } });
    expect(byName['redis-partition'].spec).toMatchObject({ action: 'partition', direction: 'both', duration: '3m10s', selector: { labelSelectors: { app: 'relay' } }, target: { selector: { labelSelectors: { app: 'redis' } } } });
    const kill = byName['pod-failure'];
    expect(kill).toMatchObject({ kind: 'PodChaos', metadata: { namespace: 'materi-production' }, spec: { action: 'pod-kill', mode: 'fixed', value: '1' } });
  });

  test('an invalid file: every problem as file:line:col, exit 3, no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-e2e-'));
    copyFileSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
    writeFileSync(
      join(dir, 'bad.yml'),
      ['experiments:', '  - name: Bad_Name', '    target: { service: api, percentag: 10 }', '    fault: { type: latancy, duration: 500ms }', '    duration: 5m', '    success_criteria: [ "error_rate < 0.01" ]', ''].join('\n'),
    );
    const r = await runChaos(['validate', 'bad.yml'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^bad\.yml:2:\d+ /m);
    expect(r.stderr).toMatch(/bad\.yml:3:\d+ .*percentag.*did you mean .?percentage/);
    expect(r.stderr).toMatch(/bad\.yml:4:\d+ .*latancy.*did you mean .?latency/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const dry = await runChaos(['run', '--dry-run', 'bad.yml'], { cwd: dir });
    expect(dry.code).toBe(3);
    expect(dry.stdout).toBe('');
  });

  test('usage errors exit 2: a missing file, an unknown flag', async () => {
    const missing = await runChaos(['validate', 'nope.yml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/file not found: nope\.yml/);
    const flag = await runChaos(['run', '--bogus', 'experiments/materi.yml']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option/);
  });

  test('an unexpected error is exit 70 with the stack and a request to report it', async () => {
    const r = await runChaos(['validate', 'experiments/materi.yml'], { env: { NODE_OPTIONS: `--import=${join(ROOT, 'test/e2e/inject-bug.mjs')}` } });
    expect(r.code).toBe(70);
    expect(r.stderr).toMatch(/internal error: simulated bug/);
    expect(r.stderr).toMatch(/\n\s+at /);
    expect(r.stderr).toMatch(/please report/);
  });

  test('a reader that goes away mid-output (`chaos run --dry-run | head`) ends the run normally, not with EPIPE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-epipe-'));
    copyFileSync(join(ROOT, 'chaos.config.yml'), join(dir, 'chaos.config.yml'));
    writeFileSync(join(dir, 'many.yml'), cycledExperiments(readFileSync(join(ROOT, 'experiments/materi.yml'), 'utf8'), 300));
    const running = startChaos(['run', '--dry-run', 'many.yml'], { cwd: dir });
    running.child.stdout!.once('data', () => running.child.stdout!.destroy()); // like `head`: read a little, then close
    const r = await running.done;
    expect(r.stdout).toMatch(/^# experiment: /);
    expect(r.stderr).not.toMatch(/EPIPE|internal error/);
    expect(r.code).toBe(0);
  });

  test('run with a --report path that cannot be written fails before any cluster is touched (exit 4)', async () => {
    const r = await runChaos(['run', 'experiments/materi.yml', '--report', 'junit=/proc/chaos-no-such-dir/junit.xml', '--kubeconfig', '/nonexistent']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/cannot write \/proc\/chaos-no-such-dir\/junit\.xml: .* \(ENOENT\)/);
    expect(r.stderr).toMatch(/nothing was applied/);
    expect(r.stderr).not.toMatch(/kubeconfig/); // refused before the cluster is even looked up
  });

  test('schema prints the experiment JSON Schema', async () => {
    const r = await runChaos(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(JSON.stringify(schema)).toContain('success_criteria');
  });

  test('--help, validate and run --dry-run never load @kubernetes/client-node; a live run does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-trace-'));
    const traced = async (i: number, args: string[]) => {
      const trace = join(dir, `loads-${i}.txt`);
      const r = await runChaos(args, { env: { NODE_OPTIONS: `--require=${join(ROOT, 'test/e2e/trace-loads.cjs')}`, CHAOS_TRACE_LOADS: trace } });
      return { code: r.code, loads: readFileSync(trace, 'utf8') };
    };
    const help = await traced(0, ['--help']);
    expect(help.code).toBe(0);
    expect(help.loads).toContain('/dist/bundle/quick.cjs'); // the probe works: loads are traced
    expect(help.loads).not.toContain('/dist/bundle/start.cjs'); // --help loads nothing but the quick answer
    for (const [i, args] of [['validate', 'experiments/materi.yml'], ['run', '--dry-run', 'experiments/materi.yml']].entries()) {
      const { code, loads } = await traced(i + 1, args);
      expect(code).toBe(0);
      expect(loads).toContain('/dist/bundle/start.cjs');
      expect(loads).not.toMatch(/kubernetes-client|@kubernetes\/client-node/);
    }
    // The same probe sees the client when a live run loads it (here to fail on a missing kubeconfig).
    const live = await traced(9, ['run', 'experiments/materi.yml', '--kubeconfig', join(dir, 'missing')]);
    expect(live.code).toBe(4);
    expect(live.loads).toMatch(/\/dist\/bundle\/kubernetes-client-[\w-]+\.cjs/);
  });

  test('validating valid files loads neither zod, nor the yaml library, nor the stdout stream; an invalid file loads what explains it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-trace-'));
    const traced = async (name: string, args: string[]) => {
      const trace = join(dir, `${name}.txt`);
      const r = await runChaos(args, { env: { NODE_OPTIONS: `--require=${join(ROOT, 'test/e2e/trace-loads.cjs')}`, CHAOS_TRACE_LOADS: trace } });
      return { ...r, loads: readFileSync(trace, 'utf8') };
    };
    const valid = await traced('valid', ['validate', 'experiments']);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/✓ \d+ experiments in \d+ files valid/);
    expect(valid.loads).toMatch(/^builtin:fs$/m); // the probe sees Node's own modules
    expect(valid.loads).not.toMatch(/\/dist\/bundle\/(zod|yaml)-[\w-]+\.cjs/);
    expect(valid.loads).not.toMatch(/^builtin:(net|stream|tty)$/m); // stdout written without creating process.stdout

    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'name: x\ntarget: { service: api }\nfault: { type: latency, latency: 10ms, jiter: 1ms }\nduration: 1m\nsuccess_criteria: ["error_rate < 1"]\n');
    const invalid = await traced('invalid', ['validate', bad]);
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toContain(`${bad}:3:40  fault.jiter  unknown key "jiter" (did you mean "jitter"?)`);
    expect(invalid.loads).toMatch(/\/dist\/bundle\/zod-[\w-]+\.cjs/);

    // YAML beyond the fast parser (a block scalar, an anchor) takes the yaml library, and still validates.
    const fancy = join(dir, 'fancy.yml');
    writeFileSync(fancy, 'name: &n fancy\ndescription: |\n  two\n  lines\ntarget: { service: api }\nfault: { type: pod_kill }\nduration: 1m\nsuccess_criteria: ["error_rate < 1"]\n');
    const full = await traced('fancy', ['validate', fancy]);
    expect(full.code).toBe(0);
    expect(full.loads).toMatch(/\/dist\/bundle\/yaml-[\w-]+\.cjs/);
  });
});
