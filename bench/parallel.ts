// chaos run --parallel (issue 15): 4 experiments on disjoint pods, 10 s windows, run together, against
// the wall time of one of them alone. Budget: < 1.5× (the run is bounded by one window, not four).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChaos } from '../test/e2e/cli.js';
import type { World } from '../test/e2e/world.js';
import type { Figure } from './figures.js';

const SERVICES = ['api', 'relay', 'postgresql', 'redis'];

function disjointExperiments(): string {
  const one = (s: string) =>
    [`  - name: parallel-${s}`, `    target: { namespace: materi-production, label_selector: app=${s} }`, '    fault: { type: latency, latency: 50ms }', '    duration: 10s', '    success_criteria: [ { query: "vector(0)", op: "<", value: 1 } ]'].join('\n');
  return `experiments:\n${SERVICES.map(one).join('\n')}\n`;
}

async function timed(w: World, args: string[]): Promise<number> {
  const at = Date.now();
  const r = await runChaos(['run', 'bench-parallel.yml', ...args], { cwd: w.dir, env: w.env });
  if (r.code !== 0) throw new Error(`parallel bench run ${args.join(' ')}: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  return Date.now() - at;
}

export async function parallelFigure(w: World): Promise<Figure> {
  writeFileSync(join(w.dir, 'bench-parallel.yml'), disjointExperiments());
  const one = await timed(w, ['--only', 'parallel-api']);
  const four = await timed(w, ['--parallel', '4']);
  return {
    id: 'parallel-4',
    label: '4 disjoint experiments, --parallel 4',
    value: four,
    unit: 'ms',
    baseline: { label: 'one of them alone', value: one, unit: 'ms' },
    ratio: four / one,
    budget: 1.5,
    ratioBudget: true,
    detail: `10 s windows on app=api, relay, postgresql, redis (latency); one alone ${one} ms, all four with --parallel 4 ${four} ms`,
  };
}
