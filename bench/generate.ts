// Generated experiment files: many experiments with unique names.

/**
 * The experiments of a seed file written like experiments/materi.yml (a list under `experiments:`, items
 * starting with `  - name: `), cycled to `n`, each name suffixed with its index so names stay unique.
 */
export function cycledExperiments(seed: string, n: number): string {
  const list = seed.slice(seed.indexOf('\nexperiments:\n') + '\nexperiments:\n'.length);
  const items = list.split(/^(?=  - name: )/m).filter((item) => item.startsWith('  - name: '));
  if (items.length === 0) throw new Error('no experiments found in the seed file');
  const out = Array.from({ length: n }, (_, i) => items[i % items.length]!.replace(/^(  - name: \S+)/, `$1-${i}`).trimEnd());
  return `experiments:\n${out.join('\n\n')}\n`;
}

/** Small latency faults on app=api judged by the catalog's error_rate: cheap to run back to back. */
export function latencyExperiments(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) => `  - name: bench-latency-${i}
    target: { namespace: materi-production, label_selector: app=api }
    fault: { type: latency, latency: 10ms }
    duration: 2s
    success_criteria: [ "error_rate < 0.01" ]`,
  );
  return `experiments:\n${items.join('\n')}\n`;
}
