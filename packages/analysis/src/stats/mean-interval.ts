// A confidence interval for a mean from running sums (count, sum, sum of squares): what a rollup
// keeps, so an interval can be read for any bucket or group without the individual values.

/** Student's t, two-sided 95 %, for 1–10 degrees of freedom (standard tables). */
const t95Table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228] as const;
const z95 = 1.959964;

/**
 * The two-sided 95 % critical value of Student's t with `df` degrees of freedom: the table up to
 * 10, then the Cornish–Fisher expansion around the normal (within 0.001 of the exact value there).
 * @example t95(1) // 12.706; t95(30) // ≈ 2.042; t95(1e6) // ≈ 1.960
 */
export function t95(df: number): number {
  if (!(df >= 1)) throw new RangeError('t95 needs at least one degree of freedom');
  const exact = t95Table[Math.floor(df) - 1];
  if (df <= 10 && exact !== undefined) return exact;
  const z = z95;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export type MeanInterval = {
  n: number;
  /** null when n = 0. */
  mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  /** The 95 % interval's bounds, clipped to [min, max]; null when n < 2 (one value has no spread to go on). */
  low: number | null;
  high: number | null;
};

/**
 * The mean of `n` values with a 95 % interval mean ± t(n−1)·sd/√n, from their sum and the sum of
 * their squares. Bounds are clipped to the values' range (`bounds`, default −1…1 for tone).
 * @example meanInterval({ n: 4, sum: 0.4, sqSum: 0.1 }) // mean 0.1, sd ≈ 0.1155, 0.1 ± 3.182·0.0577
 */
export function meanInterval(s: { n: number; sum: number; sqSum: number }, bounds: readonly [number, number] = [-1, 1]): MeanInterval {
  const { n } = s;
  if (n <= 0) return { n: 0, mean: null, sd: null, low: null, high: null };
  const mean = s.sum / n;
  if (n < 2) return { n, mean, sd: null, low: null, high: null };
  // Sums of many floats subtract to a tiny negative instead of zero when every value is equal.
  const variance = Math.max(0, (s.sqSum - (s.sum * s.sum) / n) / (n - 1));
  const sd = Math.sqrt(variance);
  const half = (t95(n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, low: Math.max(bounds[0], mean - half), high: Math.min(bounds[1], mean + half) };
}
