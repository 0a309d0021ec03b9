// The seeded generator (test/support/rng.ts) with the helpers the experiment generators draw with.
import { rng } from '../support/rng.js';

export interface Rand {
  next: () => number;
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  maybe: (p?: number) => boolean;
  some: <T>(xs: readonly T[], max: number) => T[];
}

export function makeRand(seed: number): Rand {
  const next = rng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const some = <T>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: int(1, max) }, () => pick(xs)))];
  return { next, int, pick, maybe: (p = 0.5) => next() < p, some };
}
