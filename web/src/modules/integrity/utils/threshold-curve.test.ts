import { describe, expect, it } from 'vitest';
import { estimateAt } from './threshold-curve.ts';

const curve = [
  { threshold: 0.9, precision: 0.98, recall: 0.5 },
  { threshold: 0.5, precision: 0.8, recall: 0.9 },
  { threshold: 0.7, precision: 0.9, recall: 0.75 },
];

describe('estimateAt', () => {
  it('reads the nearest point at or below the threshold', () => {
    expect(estimateAt(curve, 0.7)).toEqual({ threshold: 0.7, precision: 0.9, recall: 0.75 });
    expect(estimateAt(curve, 0.85)).toEqual({ threshold: 0.85, precision: 0.9, recall: 0.75 });
    expect(estimateAt(curve, 0.95)?.precision).toBe(0.98);
  });
  it('uses the lowest point below the curve, and nothing without one', () => {
    expect(estimateAt(curve, 0.2)?.recall).toBe(0.9);
    expect(estimateAt([], 0.5)).toBeNull();
  });
});
