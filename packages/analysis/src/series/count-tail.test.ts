import { describe, expect, it } from 'vitest';
import { countSurprise, fitWandering, poissonUpperTail } from './count-tail.ts';
import { seededRandom } from '../stats/seeded-random.ts';

const uniforms = seededRandom;

describe('poissonUpperTail', () => {
  it('matches exact values on both sides of the mean', () => {
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 3)).toBeCloseTo(1 - Math.exp(-3), 8);
    expect(poissonUpperTail(5, 3)).toBeCloseTo(0.184737, 6);
    expect(poissonUpperTail(20, 10)).toBeCloseTo(0.0034543, 6);
    expect(poissonUpperTail(2, 10)).toBeCloseTo(1 - 11 * Math.exp(-10), 8);
  });
});

describe('countSurprise', () => {
  it('grows with the count and shrinks with the spread', () => {
    expect(countSurprise(3, 3, 0.3).z).toBe(0);
    expect(countSurprise(20, 3, 0.3).z).toBeGreaterThan(countSurprise(10, 3, 0.3).z);
    expect(countSurprise(20, 3, 0.3).z).toBeGreaterThan(countSurprise(20, 3, 1).z);
  });
  it('at large counts the log-normal part dominates: e^{2σ} times the median is about z 2', () => {
    expect(countSurprise(Math.round(10_000 * Math.exp(0.6)), 10_000, 0.3).z).toBeCloseTo(2, 1);
  });
});

describe('fitWandering', () => {
  it('recovers the log-normal spread of Poisson–log-normal counts, small and large', () => {
    for (const [median, sigma] of [
      [4, 0.5],
      [300, 0.3],
    ] as const) {
      const u = uniforms(Math.round(median));
      const counts = Array.from({ length: 400 }, () => {
        const eps = Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
        const lambda = median * Math.exp(sigma * eps);
        // Poisson draw by inversion (normal approximation above 100).
        if (lambda > 100) return Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u()));
        let k = 0;
        let p = Math.exp(-lambda);
        let s = p;
        const v = u();
        while (v > s) {
          k++;
          p *= lambda / k;
          s += p;
        }
        return k;
      });
      const medians = new Array(counts.length).fill(median);
      expect(fitWandering(counts, medians)).toBeCloseTo(sigma, 1);
      // 4 % of the buckets turned into ten-fold spikes move it by at most a grid step or two.
      const spiked = counts.map((c, i) => (i % 25 === 0 ? 10 * c + 10 : c));
      expect(fitWandering(spiked, medians)).toBeLessThan(sigma * 1.35);
    }
  });
});
