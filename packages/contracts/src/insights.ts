import { z } from 'zod';
import { isoDateTime, timeZone, uuid } from './common.ts';

/**
 * What a trend can be split by: the analysis each item carries, a saved search of listening (its
 * key is the saved search's id; counted from listening's items when asked, see ADR 0015), or
 * nothing (all items).
 */
export const trendDimensions = ['all', 'topic', 'country', 'language', 'source', 'saved-search'] as const;
export type TrendDimension = (typeof trendDimensions)[number];

/** Bucket sizes of a trend; days and weeks begin at midnight (weeks on Monday) in the asked zone. */
export const trendBuckets = ['hour', 'day', 'week'] as const;
export type TrendBucket = (typeof trendBuckets)[number];

/** Longest period a trend may span per bucket size (hours: 31 days, days: 2 years, weeks: 10 years). */
export const trendMaxSpanDays: Readonly<Record<TrendBucket, number>> = { hour: 31, day: 732, week: 3660 };

const keyList = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().min(1).max(200)).max(50));

export const trendQuery = z.object({
  dimension: z.enum(trendDimensions).default('all'),
  bucket: z.enum(trendBuckets).default('day'),
  from: isoDateTime,
  to: isoDateTime,
  /** IANA zone the buckets begin in (the user's zone). */
  tz: timeZone.default('UTC'),
  /** One unit's subtree; default every unit the caller may read. */
  unitId: uuid.optional(),
  /** Only these keys of the dimension (topic ids, ISO country codes, language codes, source ids, saved search ids). */
  keys: keyList.optional(),
  /** The largest series by items over the period; the rest are summed into `others`. */
  top: z.coerce.number().int().min(1).max(50).default(10),
});
export type TrendQuery = z.output<typeof trendQuery>;

export const trendPoint = z.object({
  /** Start of the bucket (an instant; the bucket began at midnight/the hour in `tz`). */
  at: isoDateTime,
  items: z.number().int(),
  /** Mean tone (−1…1) of the items that have one; null when none has. */
  tone: z.number().nullable(),
  /** Items with a tone (the mean's weight). */
  toneItems: z.number().int(),
});
export type TrendPoint = z.output<typeof trendPoint>;

export const trendSeries = z.object({
  /** The dimension's key ('' for `all`, `others` for the rest beyond `top`). */
  key: z.string(),
  total: z.number().int(),
  points: z.array(trendPoint),
});
export type TrendSeries = z.output<typeof trendSeries>;

export const trendResponse = z.object({
  dimension: z.enum(trendDimensions),
  bucket: z.enum(trendBuckets),
  tz: z.string(),
  from: isoDateTime,
  to: isoDateTime,
  /** Every bucket start of the period, in order (the points of each series line up with these). */
  buckets: z.array(isoDateTime),
  series: z.array(trendSeries),
  /** All items of the period in the chosen units, whatever the dimension (share of voice divides by it). */
  totals: z.array(trendPoint),
});
export type TrendResponse = z.output<typeof trendResponse>;

/** A rebuild of the rollups from listening's history. */
export const rollupRebuildDto = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});
export type RollupRebuildDto = z.output<typeof rollupRebuildDto>;
