import { type BucketHit, type Detection, mergeHits } from './detection.ts';
import { mean, standardDeviation } from './stats.ts';

export type RollingZScoreOptions = {
  /** Trailing buckets that form the baseline (168 = a week of hours). */
  window?: number;
  /** Buckets of history needed before anything can fire (defaults to the whole window). */
  minHistory?: number;
  /** Standard deviations above the baseline mean that make a hit. */
  k?: number;
  /** A bucket with fewer than this many items never fires (small counts are noise). */
  minCount?: number;
  /** Hits within this many buckets of each other are one detection. */
  coolDown?: number;
};

/**
 * The classic spike rule of monitoring tools: a bucket fires when it exceeds the mean of the
 * trailing `window` buckets by `k` standard deviations. Runs of hits are merged into one detection.
 *
 * @example rollingZScore(hourlyCounts, { window: 168, k: 3 })
 */
export function rollingZScore(counts: readonly number[], options: RollingZScoreOptions = {}): Detection[] {
  const window = options.window ?? 168;
  const minHistory = options.minHistory ?? window;
  const k = options.k ?? 3;
  const minCount = options.minCount ?? 1;
  const hits: BucketHit[] = [];
  for (let t = minHistory; t < counts.length; t++) {
    const history = counts.slice(Math.max(0, t - window), t);
    const m = mean(history);
    const sd = standardDeviation(history);
    const observed = counts[t]!;
    if (observed < minCount || sd === 0) continue;
    const score = (observed - m) / sd;
    if (score >= k) hits.push({ index: t, observed, expected: m, sd, score, threshold: k });
  }
  return mergeHits('rolling-zscore', hits, options.coolDown ?? 1);
}
