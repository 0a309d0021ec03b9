// `npm run bench`: every figure of SPEC §8 in one run, printed as a table and written to bench/results.json.
// Start-up figures come first, before the e2e world (Prometheus, fake cluster) exists to compete for CPU.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../test/e2e/cli.js';
import { startWorld, type World } from '../test/e2e/world.js';
import { designFigures } from './design.js';
import { dryRunFigure, dryRunWorkspace } from './dry-run.js';
import { machine, table, verdictOf, writeResults, type Figure } from './figures.js';
import { abortFigure, overheadFigure, rssFigure, sigintFigure } from './live.js';
import { parallelFigure } from './parallel.js';
import { nodeCommand, peakRssEnv, readPeakRssMb, tempFile, timeOnce } from './measure.js';
import { checkQuickHelp, clientNodeFigure, startupFigures } from './startup.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const POLL_INTERVAL_MS = 1000; // test/e2e/world.ts sets defaults.pollInterval: 1s

const figures: Figure[] = [];
const loadAtStart = loadavg();
let world: World | undefined;

describe('SPEC §8 performance budgets', () => {
  const dry = dryRunWorkspace();

  test('start-up: --help and validate against node -e 0 (and kubectl for reference)', () => {
    checkQuickHelp();
    figures.push(...startupFigures(ROUNDS));
  });

  test('@kubernetes/client-node is not loaded by --help, validate, run --dry-run', () => {
    figures.push(clientNodeFigure(dry.file, dry.cwd));
  });

  test('run --dry-run on 1,000 experiments', () => {
    figures.push(dryRunFigure(dry, Math.max(3, Math.round(ROUNDS / 3))));
  });

  describe('live runs against the fake cluster and a real Prometheus', () => {
    beforeAll(async () => {
      world = await startWorld();
    });
    afterAll(async () => {
      await world?.close();
    });

    test('tool overhead of chaos run', async () => {
      figures.push(await overheadFigure(world!, 5));
    });

    test('design: criteria polled in parallel, one query each, Chaos Mesh watched', async () => {
      figures.push(...(await designFigures(world!)));
    });

    test('SIGINT → DELETE', async () => {
      figures.push(await sigintFigure(world!, [0, 250, 500, 750]));
    });

    test('peak RSS of a 50-experiment run', async () => {
      const file = tempFile('maxrss');
      timeOnce(nodeCommand('node -e 0', ['-e', '0'], { env: peakRssEnv(file) }));
      figures.push(await rssFigure(world!, 50, readPeakRssMb(file)));
    });

    test('--parallel 4 on disjoint experiments', async () => {
      figures.push(await parallelFigure(world!));
    });

    // Last: the errors it provokes stay in the 1m rate window, so no healthy run can follow it.
    test('abort reaction', async () => {
      figures.push(await abortFigure(world!, POLL_INTERVAL_MS));
    });
  });

  afterAll(() => {
    rmSync(dry.cwd, { recursive: true, force: true });
    const m = machine({ start: loadAtStart, end: loadavg() });
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
    console.log(`\nSPEC §8 budgets on ${m.cpu}, ${m.nproc} CPU, ${m.memoryGiB} GiB, node ${m.node}; load average ${load(m.loadAverage.start)} at start, ${load(m.loadAverage.end)} at end\n`);
    console.log(table(figures) + '\n');
    writeResults(join(ROOT, 'bench', 'results.json'), m, figures);
    console.log('written to bench/results.json');
  });

  test('every figure is within its budget', () => {
    expect(figures.filter((f) => verdictOf(f) === 'OVER').map((f) => f.label)).toEqual([]);
  });
});
