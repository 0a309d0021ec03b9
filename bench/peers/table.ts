// The side-by-side table: rows of measured cells, written to bench/peers/results.json and as a section
// of BENCHMARKS.md (between markers, so a rerun replaces it and leaves the other sections alone).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from '../figures.js';

export interface Row {
  label: string;
  chaos: string;
  ctk: string;
  /** CTK with the setting named in `ctkBestFlags`, when the setting changes the outcome. */
  ctkBest: string;
}

export interface PeersResults {
  measuredAt: string;
  machine: Machine;
  versions: Record<string, string>;
  ctkBestFlags: string;
  rows: Row[];
  notes: string[];
  raw: unknown;
}

const START = '<!-- bench:peers start (written by npm run bench:peers) -->';
const END = '<!-- bench:peers end -->';

export function markdown(r: PeersResults): string {
  const v = r.versions;
  const m = r.machine;
  return [
    START,
    '## Side by side with Chaos Toolkit',
    '',
    `Measured by \`npm run bench:peers\` on ${r.measuredAt.slice(0, 10)} at ${r.measuredAt.slice(11, 16)} UTC, on ${m.nproc} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.os}`,
    `(load average ${m.loadAverage.start[0]?.toFixed(2)} at the start, ${m.loadAverage.end[0]?.toFixed(2)} at the end). chaos ${v.chaos} on Node ${m.node};`,
    `chaostoolkit ${v.chaostoolkit}, chaostoolkit-lib ${v['chaostoolkit-lib']}, chaostoolkit-kubernetes ${v['chaostoolkit-kubernetes']},`,
    `chaostoolkit-prometheus ${v['chaostoolkit-prometheus']} on Python ${v.python}. Both ran the same experiment (\`bench/peers/\`: a`,
    'NetworkChaos delay of 500 ms on the api pods for a 10 s window, judged by the catalog\'s `error_rate < 0.01`) against the same',
    'real control plane (test/cluster, simulated Chaos Mesh controller) and the same real Prometheus. Every cell is measured;',
    'how each was taken is in bench/peers/README.md and the raw figures in bench/peers/results.json.',
    '',
    `| | chaos | Chaos Toolkit (defaults) | Chaos Toolkit \`${r.ctkBestFlags}\` |`,
    '|---|---|---|---|',
    ...r.rows.map((row) => `| ${row.label} | ${row.chaos} | ${row.ctk} | ${row.ctkBest} |`),
    '',
    ...r.notes.map((n) => `- ${n}`),
    END,
  ].join('\n');
}

export function writePeers(resultsPath: string, benchmarksPath: string, r: PeersResults): void {
  writeFileSync(resultsPath, JSON.stringify(r, null, 2) + '\n');
  const text = readFileSync(benchmarksPath, 'utf8');
  const section = markdown(r);
  const at = text.indexOf(START);
  const next = at < 0 ? `${text.trimEnd()}\n\n${section}\n` : `${text.slice(0, at)}${section}${text.slice(text.indexOf(END) + END.length)}`;
  writeFileSync(benchmarksPath, next);
}
