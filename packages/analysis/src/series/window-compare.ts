import { type BucketHit, type Detection, mergeHits } from './detection.ts';
import { mean, standardDeviation } from './stats.ts';

export type WindowCompareOptions = {
  /** Buckets in the recent window (1 = the last bucket). */
  recent: number;
  /** Buckets right before it that form the comparison window. */
  history: number;
  /** How far above the comparison window the recent mean must be, in its standard deviations. */
  k?: number;
  /** …and at least this many times its mean (guards against a flat history with a tiny SD). */
  minRatio?: number;
  /**
   * Second check against noise: the recent window must also exceed the same window this many
   * buckets earlier (24 = same hour yesterday, 168 = same hour last week, for hourly buckets) by
   * `confirmRatio`. A lag with no data yet is skipped.
   */
  confirmLags?: readonly number[];
  confirmRatio?: number;
  /** The recent window's mean must be at least this many items per bucket. */
  minCount?: number;
  coolDown?: number;
};

/** Media-monitoring presets: the last hour vs the previous 12 h (hourly buckets), a day vs the previous 14 days (daily buckets). */
export const WINDOW_PRESETS = {
  lastHourVsTwelve: { recent: 1, history: 12, confirmLags: [24, 168] },
  dayVsFourteen: { recent: 1, history: 14, confirmLags: [7] },
} as const satisfies Record<string, WindowCompareOptions>;

/**
 * Window comparison as media-monitoring tools define spikes (Meltwater: social searches compare the
 * last hour with the past 12 h, news a day with the past 14 days, then confirm against the previous
 * day and week). A bucket fires when the recent window ending there passes both checks.
 *
 * @example windowCompare(hourly, WINDOW_PRESETS.lastHourVsTwelve)
 */
export function windowCompare(counts: readonly number[], options: WindowCompareOptions): Detection[] {
  const { recent, history } = options;
  const k = options.k ?? 3;
  const minRatio = options.minRatio ?? 1.5;
  const confirmRatio = options.confirmRatio ?? 1.5;
  const minCount = options.minCount ?? 1;
  const hits: BucketHit[] = [];
  for (let end = recent + history - 1; end < counts.length; end++) {
    const now = mean(counts.slice(end - recent + 1, end + 1));
    const before = counts.slice(end - recent - history + 1, end - recent + 1);
    const m = mean(before);
    const sd = standardDeviation(before);
    if (now < minCount || now < m * minRatio) continue;
    // A flat history has SD 0; counting noise (Poisson, for the recent window's mean) is the floor,
    // which also keeps the score finite for the JSON the server stores.
    const spread = Math.max(sd, Math.sqrt(Math.max(m, 1) / recent));
    const score = (now - m) / spread;
    if (score < k) continue;
    const confirmed = (options.confirmLags ?? []).every((lag) => {
      const from = end - recent + 1 - lag;
      if (from < 0) return true;
      return now >= confirmRatio * mean(counts.slice(from, from + recent));
    });
    if (confirmed) hits.push({ index: end, observed: now, expected: m, sd: spread, score, threshold: k });
  }
  return mergeHits('window-compare', hits, options.coolDown ?? 1);
}
