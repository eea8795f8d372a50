import { type BucketHit, type Detection, mergeHits } from './detection.ts';
import { median, robustScale } from './stats.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type SpikeOptions = {
  /** Width of one bucket in milliseconds (the caller's grid: 5 min, 1 h, 1 day …). */
  bucketMs: number;
  /** Robust z-score on the log scale that makes a hit. */
  z?: number;
  /** A bucket with fewer items never fires. */
  minCount?: number;
  /** Past seasons whose same phase forms the expected value, and how many must exist before anything fires. */
  seasons?: number;
  minSeasons?: number;
  /** Hits less than this long after the previous hit belong to the same alert. */
  coolDownMs?: number;
};

/** The shipped defaults; the same for every series (nothing is tuned per series). */
export const SPIKE_DEFAULTS = { z: 4, minCount: 5, seasons: 7, minSeasons: 3, coolDownMs: 12 * HOUR } as const;

/**
 * The seasonal period in buckets: a day for sub-daily buckets (news and social volume follow the
 * clock), a week for daily buckets, none for coarser ones.
 */
export function seasonalPeriod(bucketMs: number): number {
  if (bucketMs < DAY) return Math.max(1, Math.round(DAY / bucketMs));
  if (bucketMs < 7 * DAY) return Math.max(1, Math.round((7 * DAY) / bucketMs));
  return 1;
}

/**
 * The default spike detector. Each bucket's count is compared, on a log scale, with the median of
 * the same phase over the previous `seasons` seasons (same hour on the previous 7 days for hourly
 * buckets): a seasonal, outlier-proof expectation that a past spike cannot drag up. The residual is
 * divided by a robust scale — the MAD of the past residuals over the same span, never below the
 * Poisson noise of a count of that size — so a quiet series and a busy one share one threshold.
 * A bucket fires at robust z ≥ `z` with at least `minCount` items; hits within the cool-down are one
 * alert (a story is one alert, with the buckets it fired in counted).
 *
 * @example detectSpikes(hourlyCounts, { bucketMs: 3_600_000 })
 */
export function detectSpikes(counts: readonly number[], options: SpikeOptions): Detection[] {
  const z = options.z ?? SPIKE_DEFAULTS.z;
  const minCount = options.minCount ?? SPIKE_DEFAULTS.minCount;
  const seasons = options.seasons ?? SPIKE_DEFAULTS.seasons;
  const minSeasons = options.minSeasons ?? SPIKE_DEFAULTS.minSeasons;
  const coolDown = Math.max(1, Math.round((options.coolDownMs ?? SPIKE_DEFAULTS.coolDownMs) / options.bucketMs));
  const period = seasonalPeriod(options.bucketMs);
  // With no seasonality, "the same phase" is every bucket: take that many recent buckets instead.
  const lags = period > 1 ? Array.from({ length: seasons }, (_, j) => (j + 1) * period) : Array.from({ length: seasons * 4 }, (_, j) => j + 1);
  const needed = period > 1 ? minSeasons : minSeasons * 4;
  const logs = counts.map((c) => Math.log1p(Math.max(0, c)));
  const expected = logs.map((_, t) => {
    const past = lags.filter((lag) => t - lag >= 0).map((lag) => logs[t - lag]!);
    return past.length >= needed ? median(past) : Number.NaN;
  });
  const residuals = logs.map((y, t) => y - expected[t]!);
  const span = lags.at(-1)!;

  const hits: BucketHit[] = [];
  for (let t = 0; t < counts.length; t++) {
    const e = expected[t]!;
    if (Number.isNaN(e) || counts[t]! < minCount) continue;
    const past = residuals.slice(Math.max(0, t - span), t).filter((r) => !Number.isNaN(r));
    if (past.length < period) continue;
    const mu = Math.expm1(e);
    // sd of log(1 + X) for X ~ Poisson(μ) is about √μ / (1 + μ) (delta method).
    const poisson = Math.sqrt(Math.max(mu, 1)) / (1 + Math.max(mu, 1));
    const scale = Math.max(robustScale(past), poisson);
    const score = residuals[t]! / scale;
    if (score < z) continue;
    // `sd` is reported in counts (the width of one robust σ around the expectation) for the chart.
    hits.push({ index: t, observed: counts[t]!, expected: mu, sd: Math.expm1(e + scale) - mu, score, threshold: z });
  }
  return mergeHits('spike', hits, coolDown);
}
