import { type BucketHit, type Detection, mergeHits } from './detection.ts';

/** Tone per bucket as the rollups keep it: the sum of item tones, their count, and optionally the sum of squares. */
export type ToneBucket = { sum: number; count: number; sumSquares?: number };

export type ToneDropOptions = {
  /** Buckets in the recent window and in the baseline right before it. */
  recent?: number;
  baseline?: number;
  /** Minimum drop of the mean tone (in tone units) … */
  minDrop?: number;
  /** … that is also this many standard errors below the baseline mean. */
  k?: number;
  /** Items needed in the recent window, so that a handful of sour posts does not fire. */
  minCount?: number;
  coolDown?: number;
};

type Pooled = { n: number; mean: number; variance: number };

/** Item-weighted mean and variance of a run of buckets (Σsum/Σcount, not a mean of means). */
function pool(buckets: readonly ToneBucket[]): Pooled {
  let n = 0;
  let sum = 0;
  let squares = 0;
  let haveSquares = true;
  for (const b of buckets) {
    n += b.count;
    sum += b.sum;
    if (b.sumSquares === undefined) haveSquares = false;
    else squares += b.sumSquares;
  }
  const m = n > 0 ? sum / n : Number.NaN;
  if (haveSquares && n > 1) return { n, mean: m, variance: Math.max(0, (squares - n * m * m) / (n - 1)) };
  // Without sums of squares, estimate the item variance from how the bucket means scatter:
  // Var(bucket mean) ≈ σ² / count, so σ² ≈ mean over buckets of count · (mean_b − mean)².
  let acc = 0;
  let used = 0;
  for (const b of buckets) {
    if (b.count === 0) continue;
    acc += b.count * (b.sum / b.count - m) ** 2;
    used++;
  }
  return { n, mean: m, variance: used > 1 ? acc / (used - 1) : 0 };
}

/**
 * Tone drop: the item-weighted mean tone of the recent window against the baseline before it.
 * A bucket fires when the drop is at least `minDrop` and `k` standard errors (Welch) — so a small
 * window, whose mean is noisy, needs a much larger drop than a busy one.
 *
 * @example toneDrop(hourlyTone, { recent: 6, baseline: 168, minDrop: 1, k: 3, minCount: 20 })
 */
export function toneDrop(buckets: readonly ToneBucket[], options: ToneDropOptions = {}): Detection[] {
  const recent = options.recent ?? 6;
  const baseline = options.baseline ?? 168;
  const minDrop = options.minDrop ?? 1;
  const k = options.k ?? 3;
  const minCount = options.minCount ?? 20;
  const hits: BucketHit[] = [];
  for (let end = recent + baseline - 1; end < buckets.length; end++) {
    const now = pool(buckets.slice(end - recent + 1, end + 1));
    const before = pool(buckets.slice(end - recent - baseline + 1, end - recent + 1));
    if (now.n < minCount || before.n < minCount) continue;
    const drop = before.mean - now.mean;
    const se = Math.sqrt(now.variance / now.n + before.variance / before.n);
    // Identical tones everywhere give se 0; a tiny floor keeps the score finite (stored as JSON).
    const score = drop / Math.max(se, 1e-6);
    if (drop >= minDrop && score >= k) {
      hits.push({ index: end, observed: now.mean, expected: before.mean, sd: Math.sqrt(before.variance), score, threshold: k });
    }
  }
  return mergeHits('tone-drop', hits, options.coolDown ?? 1);
}
