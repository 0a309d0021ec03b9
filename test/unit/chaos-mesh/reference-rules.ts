// REFERENCE §10/§13 admission rules the CRD schema does not express, re-checked on rendered output.
import type { ChaosObject } from '../../../src/chaos-mesh/types.js';

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const SINGLE_UNIT = /^[0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h)$/;
const ONE_SHOT_ACTIONS = new Set(['pod-kill', 'container-kill']);

function checkSelection(where: string, s: Record<string, unknown>, out: string[]): void {
  const { mode, value } = s;
  if (value !== undefined && typeof value !== 'string') out.push(`${where}.value is not a string`);
  if (mode === 'fixed' || mode === 'fixed-percent') {
    if (typeof value !== 'string' || !/^[0-9]+$/.test(value)) out.push(`${where}.value is not an integer string`);
    const n = Number(value);
    if (n <= 0 || (mode === 'fixed-percent' && n > 100)) out.push(`${where}.value ${String(value)} out of range`);
  }
  const sel = s.selector as { namespaces?: unknown } | undefined;
  if (!Array.isArray(sel?.namespaces) || sel.namespaces.length === 0) out.push(`${where}.selector.namespaces not explicit`);
}

function checkPercent(where: string, v: unknown, out: string[]): void {
  if (v === undefined) return;
  if (typeof v !== 'string') return void out.push(`${where} is not a string`);
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) out.push(`${where} "${v}" not a percentage in [0,100]`);
}

export function referenceViolations(obj: ChaosObject): string[] {
  const out: string[] = [];
  const spec = obj.spec;
  if ('status' in obj) out.push('status present');
  if ('finalizers' in obj.metadata) out.push('own finalizers');
  if (obj.metadata.name.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(obj.metadata.name)) out.push('bad name');
  const duration = spec.duration;
  if (typeof duration !== 'string' || !GO_DURATION.test(duration) || /^0+[a-z]+$/.test(duration)) out.push(`bad duration ${String(duration)}`);
  checkSelection('spec', spec, out);
  if ('externalTargets' in spec && (spec.externalTargets as unknown[]).length === 0) out.push('empty externalTargets');
  if (obj.kind === 'NetworkChaos') {
    const delay = spec.delay as Record<string, unknown> | undefined;
    if (delay && !SINGLE_UNIT.test(String(delay.latency))) out.push('latency pattern');
    if (delay?.jitter !== undefined && !SINGLE_UNIT.test(String(delay.jitter))) out.push('jitter pattern');
    for (const block of ['delay', 'loss', 'corrupt', 'duplicate'] as const) {
      const b = spec[block] as Record<string, unknown> | undefined;
      checkPercent(`${block}.correlation`, b?.correlation, out);
      if (block !== 'delay') checkPercent(`${block}.${block}`, b?.[block], out);
    }
    if (spec.target) checkSelection('spec.target', spec.target as Record<string, unknown>, out);
    const dir = spec.direction ?? 'to';
    if (spec.action !== 'partition' && dir !== 'to') {
      if (!spec.target) out.push(`direction ${String(dir)} without target`);
      if ('externalTargets' in spec) out.push(`direction ${String(dir)} with externalTargets`);
    }
  }
  if (obj.kind === 'PodChaos' && spec.action === 'container-kill') {
    if (!Array.isArray(spec.containerNames) || spec.containerNames.length === 0) out.push('container-kill without containerNames');
  }
  if (obj.kind === 'PodChaos' && !ONE_SHOT_ACTIONS.has(String(spec.action)) && spec.action !== 'pod-failure') out.push('unknown pod action');
  if (obj.kind === 'IOChaos') {
    const p = spec.percent;
    if (p !== undefined && (typeof p !== 'number' || p < 0 || p > 100)) out.push('io percent');
    if (spec.action === 'fault' && !spec.errno) out.push('io fault without errno');
  }
  if (obj.kind === 'StressChaos') {
    const s = spec.stressors as Record<string, { workers?: number }> | undefined;
    if (!s || (!s.cpu && !s.memory)) out.push('no stressor');
    for (const st of Object.values(s ?? {})) if (!st.workers || st.workers < 1) out.push('workers < 1');
  }
  if (obj.kind === 'HTTPChaos' && !(typeof spec.port === 'number' && spec.port > 0)) out.push('http port');
  if (obj.kind === 'TimeChaos' && !/^-?([0-9]+(\.[0-9]+)?(ns|us|ms|s|m|h))+$/.test(String(spec.timeOffset))) out.push('timeOffset');
  return out;
}
