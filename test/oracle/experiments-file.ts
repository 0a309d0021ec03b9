// Generated experiments as an `experiments:` file, one key per line, with the line of every key.
import type { GenExperiment } from './generate.js';

/** YAML list item for `experiments:`; `lines` maps "fault.rate", "target.count", "duration" to 1-based lines. */
export function experimentYaml(e: GenExperiment, firstLine: number): { text: string; lines: Map<string, number>; last: number } {
  const out = [`  - name: ${e.name}`, '    target:'];
  const lines = new Map<string, number>();
  const put = (key: string, line: string) => {
    lines.set(key, firstLine + out.length);
    out.push(line);
  };
  for (const [k, v] of Object.entries(e.target)) put(`target.${k}`, `      ${k}: ${JSON.stringify(v)}`);
  out.push('    fault:');
  for (const [k, v] of Object.entries(e.fault)) put(`fault.${k}`, `      ${k}: ${JSON.stringify(v)}`);
  if (e.duration !== undefined) put('duration', `    duration: ${JSON.stringify(e.duration)}`);
  // A query without {{service}}: a target given only by an arbitrary selector has no service to fill in.
  out.push('    success_criteria: [{ query: "vector(1)", op: ">", value: 0 }]');
  return { text: out.join('\n'), lines, last: firstLine + out.length - 1 };
}

/** A whole experiments file and where each experiment's keys are. */
export function experimentsFile(exps: GenExperiment[]): { text: string; at: Map<string, { first: number; last: number; lines: Map<string, number> }> } {
  const parts = ['experiments:'];
  const at = new Map<string, { first: number; last: number; lines: Map<string, number> }>();
  let line = 2;
  for (const e of exps) {
    const y = experimentYaml(e, line);
    at.set(e.name, { first: line, last: y.last, lines: y.lines });
    parts.push(y.text);
    line = y.last + 1;
  }
  return { text: `${parts.join('\n')}\n`, at };
}
