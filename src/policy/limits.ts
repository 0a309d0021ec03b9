// Blast radius: how many pods a target hits, and whether policy.maxPods / maxPercentage allow it.
// Static checks (a percentage, mode all) run at validate; the rest needs the matched count (preflight).
import type { Policy } from '../config/model.js';
import type { Target } from '../experiment/model.js';

/** Pods Chaos Mesh will hit out of `matched` (pkg/selector/generic/mode.go: fixed caps, fixed-percent rounds up). */
export function podsHit(target: Pick<Target, 'mode' | 'value'>, matched: number): number {
  const n = Number(target.value ?? 0);
  switch (target.mode) {
    case 'one':
      return Math.min(1, matched);
    case 'all':
      return matched;
    case 'fixed':
      return Math.min(n, matched);
    case 'fixed-percent':
      return Math.ceil((matched * n) / 100);
  }
}

/** The share the target asks for whatever matches: a percentage, 100 for mode all, undefined when it depends on the count. */
function statedPercentage(target: Pick<Target, 'mode' | 'value'>): number | undefined {
  if (target.mode === 'fixed-percent') return Number(target.value);
  if (target.mode === 'all') return 100;
  return undefined;
}

/** Validate-time: a percentage (or mode all) above policy.maxPercentage. */
export function percentageRefusal(target: Pick<Target, 'mode' | 'value'>, policy: Policy): string | undefined {
  const pct = statedPercentage(target);
  if (pct === undefined || pct <= policy.maxPercentage) return undefined;
  const asked = target.mode === 'all' ? 'hits every matching pod (no percentage or count: mode all, 100%)' : `hits ${pct}% of the matching pods`;
  return `${asked}, above policy.maxPercentage (${policy.maxPercentage}%): set target.percentage to at most ${policy.maxPercentage}, or target.count`;
}

/**
 * Preflight: the pods actually hit out of those matched, against policy.maxPods and policy.maxPercentage.
 * What counts is the number hit (all matched for mode all, the rounded-up share for a percentage, the count
 * capped at the match for fixed, 1 for one), since that is what Chaos Mesh will inject into.
 */
export function blastRadiusRefusal(target: Pick<Target, 'mode' | 'value'>, matched: number, policy: Policy): string | undefined {
  const hit = podsHit(target, matched);
  const how = `${hit} of the ${matched} matching pod${matched === 1 ? '' : 's'} (mode ${target.mode}${target.value !== undefined ? ` ${target.value}` : ''})`;
  if (policy.maxPods !== undefined && hit > policy.maxPods) {
    return `the fault would hit ${how}, more than policy.maxPods (${policy.maxPods})`;
  }
  const share = matched === 0 ? 0 : (hit / matched) * 100;
  if (share > policy.maxPercentage) {
    return `the fault would hit ${how} = ${Math.round(share)}%, above policy.maxPercentage (${policy.maxPercentage}%)`;
  }
  return undefined;
}
