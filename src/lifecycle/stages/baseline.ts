// Steady state: every `always` criterion must be met before anything is injected.
import { pollCriteria, isAlways, type Tracked } from '../sampling.js';
import { seriesNote } from '../../criteria/judge.js';
import type { RunDeps } from '../deps.js';
import type { ExperimentJournal } from '../journal.js';

/** Returns undefined when steady, else the reason it is not. */
export async function checkSteadyState(tracked: Tracked[], deps: RunDeps, ej: ExperimentJournal): Promise<string | undefined> {
  const always = tracked.filter(isAlways);
  if (always.length === 0) return undefined;
  const samples = await pollCriteria(always, 'baseline', deps, ej);
  const unmet = always
    .map((t, i) => ({ t, s: samples[i]! }))
    .filter(({ s }) => s.state !== 'met')
    .map(({ t, s }) => (s.state === 'no-data' ? `${t.planned.label}: no data${s.error ? ` (${s.error})` : ''}` : `${t.planned.label}: observed ${s.value === undefined ? '?' : Number(s.value.toPrecision(4))}${seriesNote([s], 'breached')}`));
  return unmet.length === 0 ? undefined : `not steady before injection: ${unmet.join('; ')}`;
}
