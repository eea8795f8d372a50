import { seededRandom } from '../src/stats/seeded-random.ts';
export const prng = seededRandom;

/** One element of a non-empty list, uniformly. */
export function pick<T>(items: readonly T[], rand: () => number): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** An integer in [lo, hi], uniformly. */
export function between(lo: number, hi: number, rand: () => number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}
