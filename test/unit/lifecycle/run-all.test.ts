// The scheduler of chaos run (--parallel): order, isolation of overlapping experiments, skipping.
import { describe, expect, test } from 'vitest';
import { runAll } from '../../../src/commands/run-all.js';
import { VirtualClock, ScriptedCluster, ScriptedMetrics, fakeDeps } from '../../support/fakes.js';
import { experiment, planned } from '../../support/experiments.js';
import type { RunJournal } from '../../../src/lifecycle/journal.js';

const journal = (): RunJournal => ({ reportVersion: 1, tool: { name: 'chaos', version: 't' }, runId: 'r1234567', startedAt: 0, dryRun: false, experiments: [], interrupted: false });
const target = (app: string) => ({ ...experiment().target, service: app, selector: { matchLabels: { app }, matchExpressions: [] } });

function setup(script = {}) {
  const clock = new VirtualClock();
  const cluster = new ScriptedCluster(clock, script);
  const deps = fakeDeps(clock, cluster, new ScriptedMetrics(clock, () => 0.001));
  const plans = [planned(experiment({ name: 'a-api', target: target('api') })), planned(experiment({ name: 'b-relay', target: target('relay') })), planned(experiment({ name: 'c-api', target: target('api') }))];
  return { cluster, deps, plans };
}
/** The op log as "op name" lines, for ordering checks. */
const log = (c: ScriptedCluster) => c.calls.filter((x) => x.op === 'apply' || x.op === 'delete').map((x) => `${x.op} ${x.ref!.name.replace(/-r1234567$/, '')}`);

describe('runAll', () => {
  test('sequential by default: one experiment at a time, in order', async () => {
    const { cluster, deps, plans } = setup();
    const j = journal();
    await runAll(plans, deps, j, { failFast: false, parallel: 1 });
    expect(log(cluster)).toEqual(['apply a-api', 'delete a-api', 'apply b-relay', 'delete b-relay', 'apply c-api', 'delete c-api']);
    expect(j.experiments.map((e) => e.verdict)).toEqual(['passed', 'passed', 'passed']);
  });

  test('--parallel 3: disjoint experiments overlap, the two on app=api take turns; journal in plan order', async () => {
    const { cluster, deps, plans } = setup({ podsNamedBySelector: true });
    const j = journal();
    await runAll(plans, deps, j, { failFast: false, parallel: 3 });
    const l = log(cluster);
    expect(l.indexOf('apply b-relay')).toBeLessThan(l.indexOf('delete a-api'));
    expect(l.indexOf('delete a-api')).toBeLessThan(l.indexOf('apply c-api'));
    expect(j.experiments.map((e) => e.name)).toEqual(['a-api', 'b-relay', 'c-api']);
  });

  test('pods matched by both confirm an overlap: different selectors on the same pods still take turns', async () => {
    const { cluster, deps, plans } = setup(); // every selector matches pod-0..2 here
    await runAll(plans, deps, journal(), { failFast: false, parallel: 3 });
    expect(log(cluster)).toEqual(['apply a-api', 'delete a-api', 'apply b-relay', 'delete b-relay', 'apply c-api', 'delete c-api']);
  });

  test('a bug while several run (here the progress callback throws): the others revert before the error rises', async () => {
    const { cluster, deps, plans } = setup({ podsNamedBySelector: true });
    // a-api's apply is held until a little after the bug: only waiting for a-api lets it apply and revert in time.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const realApply = cluster.apply.bind(cluster);
    cluster.apply = async (obj, opts) => {
      if (obj.metadata.name.startsWith('a-api')) await held;
      return realApply(obj, opts);
    };
    const finished = (name: string) => {
      if (name !== 'b-relay') return;
      setTimeout(release, 20);
      throw new Error('progress bug');
    };
    const bRelay = planned(experiment({ name: 'b-relay', target: target('relay'), durationMs: 10_000 }));
    // What is on the (scripted) server at the moment the error reaches the caller, which then exits.
    const atError = await runAll([plans[0]!, bRelay, plans[2]!], deps, journal(), { failFast: false, parallel: 3, finished }).then(
      () => 'resolved',
      (e: Error) => ({ error: e.message, live: [...cluster.live.keys()], deletes: log(cluster).filter((x) => x.startsWith('delete')) }),
    );
    expect(atError).toEqual({ error: 'progress bug', live: [], deletes: ['delete b-relay', 'delete a-api'] });
    expect(log(cluster)).toEqual(['apply b-relay', 'delete b-relay', 'apply a-api', 'delete a-api']);
  });

  test('a failed revert: nothing new is injected, the rest are skipped with the reason', async () => {
    const { cluster, deps, plans } = setup({ neverGone: true });
    deps.settings.revertTimeoutMs = 1000;
    const j = journal();
    await runAll(plans, deps, j, { failFast: false, parallel: 1 });
    expect(log(cluster).filter((x) => x.startsWith('apply'))).toEqual(['apply a-api']);
    expect(j.experiments.map((e) => e.verdict)).toEqual(['errored', 'skipped', 'skipped']);
    expect(j.experiments[1]!.reason).toMatch(/revert of a-api failed/);
  });
});
