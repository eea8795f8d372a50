import { describe, expect, it } from 'vitest';
import { fitEts, forecastEts, leavesBand } from './ets.ts';
import { normalQuantile, quantile, spearman } from './stats.ts';

/** Seeded standard normal draws (mulberry32 + Box–Muller). */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

/** Hourly counts: a slow random-walk level, a daily cycle, multiplicative noise (σ 0.15 on the log scale). */
function seasonalSeries(hours: number, seed: number): number[] {
  const z = normals(seed);
  let level = Math.log(200);
  return Array.from({ length: hours }, (_, t) => {
    level += 0.01 * z();
    return Math.round(Math.exp(level + 0.7 * Math.sin((2 * Math.PI * t) / 24) + 0.15 * z()));
  });
}

describe('stats used by the forecast', () => {
  it('normalQuantile inverts the normal CDF', () => {
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
  it('quantile interpolates and spearman ranks ties', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(spearman([1, 2, 2, 3], [10, 20, 20, 30])).toBeCloseTo(1, 9);
  });
});

describe('fitEts / forecastEts', () => {
  it('80 % intervals cover about 80 % of a seasonal series, and the forecast beats same-hour-yesterday', () => {
    let covered = 0;
    let points = 0;
    let absModel = 0;
    let absNaive = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const series = seasonalSeries(24 * 30, seed);
      for (let origin = 24 * 14; origin + 24 <= series.length; origin += 48) {
        const f = forecastEts(fitEts(series.slice(0, origin), { period: 24 }), 24, 0.8);
        for (let h = 0; h < 24; h++) {
          const actual = series[origin + h]!;
          if (actual >= f.lower[h]! && actual <= f.upper[h]!) covered++;
          absModel += Math.abs(actual - f.mean[h]!);
          absNaive += Math.abs(actual - series[origin + h - 24]!);
          points++;
        }
      }
    }
    expect(covered / points).toBeGreaterThan(0.72);
    expect(covered / points).toBeLessThan(0.9);
    expect(absModel / absNaive).toBeLessThan(0.9);
  });
  it('intervals widen with the horizon and stay ordered', () => {
    const f = forecastEts(fitEts(seasonalSeries(24 * 10, 9), { period: 24 }), 48);
    for (let h = 0; h < 48; h++) expect(f.lower[h]!).toBeLessThanOrEqual(f.mean[h]!);
    const width = (h: number) => Math.log1p(f.upper[h]!) - Math.log1p(f.lower[h]!);
    expect(width(47)).toBeGreaterThan(width(0));
  });
  it('refuses a series shorter than two seasons', () => {
    expect(() => fitEts([1, 2, 3], { period: 24 })).toThrow(RangeError);
  });
});

describe('leavesBand', () => {
  it('reports the points above and below the band', () => {
    const band = { lower: [1, 1, 1], upper: [5, 5, 5] };
    expect(leavesBand([3, 9, 0], band)).toEqual([
      { index: 1, observed: 9, lower: 1, upper: 5, side: 'above' },
      { index: 2, observed: 0, lower: 1, upper: 5, side: 'below' },
    ]);
  });
});
