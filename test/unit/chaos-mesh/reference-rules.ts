// REFERENCE §10/§13 rules on rendered output that neither the CRD schema (crd-validator) nor Chaos Mesh's
// own webhook code enforces: chaos's own policies. The webhook's rules (value/mode, durations, direction
// with targets, container names, ports, errno, stressors, time offsets) are judged by upstream code itself
// in test/oracle/shipped.test.ts, on these same render tables.
import type { ChaosObject } from '../../../src/chaos-mesh/types.js';

function checkPercent(where: string, v: unknown, out: string[]): void {
  if (v === undefined) return;
  if (typeof v !== 'string') return void out.push(`${where} is not a string`);
  const n = Number(v);
  // Upstream only parses it as a float: 120 would pass its webhook and make no sense to tc.
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) out.push(`${where} "${v}" not a percentage in [0,100]`);
}

function namespacesExplicit(where: string, s: Record<string, unknown> | undefined, out: string[]): void {
  const sel = s?.selector as { namespaces?: unknown } | undefined;
  if (!Array.isArray(sel?.namespaces) || sel.namespaces.length === 0) out.push(`${where}.selector.namespaces not explicit`);
}

export function referenceViolations(obj: ChaosObject): string[] {
  const out: string[] = [];
  const spec = obj.spec;
  if ('status' in obj) out.push('status present');
  if ('finalizers' in obj.metadata) out.push('own finalizers');
  if (obj.metadata.name.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(obj.metadata.name)) out.push('bad name');
  // Upstream allows an empty or zero duration; Chaos Mesh then runs the fault until it is deleted.
  if (typeof spec.duration !== 'string' || spec.duration === '' || /^0+(\.0+)?[a-zµ]+$/.test(spec.duration)) out.push(`bad duration ${String(spec.duration)}`);
  namespacesExplicit('spec', spec, out);
  // The webhook counts an empty list as present (direction checks), though it names no host.
  if ('externalTargets' in spec && (spec.externalTargets as unknown[]).length === 0) out.push('empty externalTargets');
  if (obj.kind === 'NetworkChaos') {
    for (const block of ['delay', 'loss', 'corrupt', 'duplicate'] as const) {
      const b = spec[block] as Record<string, unknown> | undefined;
      checkPercent(`${block}.correlation`, b?.correlation, out);
      if (block !== 'delay') checkPercent(`${block}.${block}`, b?.[block], out);
    }
    if (spec.target) namespacesExplicit('spec.target', spec.target as Record<string, unknown>, out);
  }
  if (obj.kind === 'StressChaos') {
    // Upstream's Stressor.Validate is never called: 0 workers silently disables the stressor.
    const s = spec.stressors as Record<string, { workers?: number }> | undefined;
    for (const st of Object.values(s ?? {})) if (!st.workers || st.workers < 1) out.push('workers < 1');
  }
  return out;
}
