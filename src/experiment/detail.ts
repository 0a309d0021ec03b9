// The heavy parts of parsing, loaded only for input that needs them: zod (≈40 ms of start-up) to say what
// is wrong with invalid input, and `yaml` for YAML beyond the fast parser's subset (SPEC §8). Parsers stay
// synchronous and pure: one that meets such input throws DetailNeeded; withDetail loads both and parses again.
import type { fullSource } from './yaml/full.js';
import type { explainProblems } from './schema/zod-schemas.js';

export interface Detail {
  explain: typeof explainProblems;
  fullSource: typeof fullSource;
}

let loaded: Detail | undefined;

/** Input that needs zod's explanations or the full YAML parser, met before they were loaded. */
export class DetailNeeded extends Error {}

export function detail(): Detail {
  if (loaded === undefined) throw new DetailNeeded('this input needs the full YAML parser or zod');
  return loaded;
}

/** Runs a pure parse; when it meets input that needs the heavy parts, loads them and runs it again. */
export async function withDetail<T>(parse: () => T): Promise<T> {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof DetailNeeded)) throw e;
  }
  await loadDetail();
  return parse();
}

export async function loadDetail(): Promise<void> {
  if (loaded !== undefined) return;
  const [zod, yaml] = await Promise.all([import('./schema/zod-schemas.js'), import('./yaml/full.js')]);
  loaded = { explain: zod.explainProblems, fullSource: yaml.fullSource };
}
