import { describe, expect, it } from 'vitest';
import { meanInterval, t95 } from './mean-interval.ts';

describe('t95', () => {
  it('matches the tables at small and large degrees of freedom', () => {
    expect(t95(1)).toBe(12.706);
    expect(t95(9)).toBe(2.262);
    // Reference values: t(0.975, 15) = 2.1314, t(0.975, 30) = 2.0423, t(0.975, 120) = 1.9799.
    expect(t95(15)).toBeCloseTo(2.1314, 3);
    expect(t95(30)).toBeCloseTo(2.0423, 3);
    expect(t95(120)).toBeCloseTo(1.9799, 3);
    expect(t95(1e7)).toBeCloseTo(1.96, 3);
  });

  it('refuses zero degrees of freedom', () => {
    expect(() => t95(0)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('gives the mean and the t interval of a hand-computed sample', () => {
    // Values 0.5, 0.1, −0.3, 0.1: mean 0.1, deviations 0.4, 0, −0.4, 0 → variance 0.32/3, sd 0.32660.
    const values = [0.5, 0.1, -0.3, 0.1];
    const r = meanInterval({ n: 4, sum: values.reduce((a, b) => a + b, 0), sqSum: values.reduce((a, b) => a + b * b, 0) });
    expect(r.mean).toBeCloseTo(0.1, 10);
    expect(r.sd).toBeCloseTo(0.326599, 5);
    const half = (3.182 * 0.326599) / 2;
    expect(r.low).toBeCloseTo(0.1 - half, 4);
    expect(r.high).toBeCloseTo(0.1 + half, 4);
  });

  it('has no band for one value and nothing for none', () => {
    expect(meanInterval({ n: 1, sum: 0.4, sqSum: 0.16 })).toEqual({ n: 1, mean: 0.4, sd: null, low: null, high: null });
    expect(meanInterval({ n: 0, sum: 0, sqSum: 0 }).mean).toBeNull();
  });

  it('clips to the scale and narrows as items grow', () => {
    const wide = meanInterval({ n: 3, sum: 2.4, sqSum: 2.1 });
    expect(wide.high).toBe(1);
    const few = meanInterval({ n: 10, sum: 1, sqSum: 2 });
    const many = meanInterval({ n: 1000, sum: 100, sqSum: 200 });
    expect((many.high ?? 0) - (many.low ?? 0)).toBeLessThan(((few.high ?? 0) - (few.low ?? 0)) / 5);
  });

  it('treats equal values as no spread despite rounding', () => {
    const r = meanInterval({ n: 3, sum: 0.3, sqSum: 0.03 });
    expect(r.sd).toBe(0);
    expect(r.low).toBeCloseTo(0.1, 10);
  });
});
