// The series an alert rule watches, read from the rollups as dense arrays (empty buckets are 0).
import type { TrendDimension } from '@diplodesk/contracts';
import type { Executor } from '../../../platform/db/index.ts';
import { savedSearchBuckets } from '../../listening/index.ts';
import { type BucketRow, bucketSums } from '../rollups/rollups.repo.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** How far back a rule looks: eight days of hours (seven past seasons and today), or seven weeks of days. */
export const lookback = { hour: 8 * 24, day: 7 * 7 + 1 } as const;

export type WatchedSeries = {
  /** Bucket starts, oldest first; the last is the bucket containing `now`. */
  at: Date[];
  counts: number[];
  /** All items of the same units per bucket (the burst detector's denominator). */
  totals: number[];
  tone: { sum: number; count: number }[];
};

/** Bucket starts ending with the one that contains `now` (UTC hours; days from midnight UTC). */
export function bucketStarts(bucket: 'hour' | 'day', now: Date, count: number): Date[] {
  const size = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const last = Math.floor(now.getTime() / size) * size;
  return Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * size));
}

export async function watchedSeries(tx: Executor, opts: { unitIds: readonly string[]; dimension: TrendDimension; key: string | null; bucket: 'hour' | 'day'; now: Date }): Promise<WatchedSeries> {
  const at = bucketStarts(opts.bucket, opts.now, lookback[opts.bucket]);
  const from = at[0] as Date;
  const to = new Date((at.at(-1) as Date).getTime() + (opts.bucket === 'hour' ? HOUR_MS : DAY_MS));
  const index = new Map(at.map((d, i) => [d.getTime(), i]));
  const counts = at.map(() => 0);
  const totals = at.map(() => 0);
  const tone = at.map(() => ({ sum: 0, count: 0 }));
  const base = { unitIds: opts.unitIds, bucket: opts.bucket, tz: 'UTC', from, to };
  // A saved search is counted by listening from its items (ADR 0015); every other series is a rollup.
  const watched: BucketRow[] =
    opts.dimension === 'saved-search'
      ? (await savedSearchBuckets(tx, { ...base, savedSearchId: opts.key ?? '' })).map((r) => ({ ...r, key: opts.key ?? '', intensitySum: 0 }))
      : await bucketSums(tx, { ...base, dimension: opts.dimension, keys: [opts.dimension === 'all' ? '' : (opts.key ?? '')] });
  for (const row of watched) {
    const i = index.get(row.at.getTime());
    if (i === undefined) continue;
    counts[i] = (counts[i] ?? 0) + row.items;
    const t = tone[i] as { sum: number; count: number };
    t.sum += row.toneSum;
    t.count += row.toneItems;
  }
  const all = opts.dimension === 'all' ? watched : await bucketSums(tx, { ...base, dimension: 'all' });
  for (const row of all) {
    const i = index.get(row.at.getTime());
    if (i !== undefined) totals[i] = (totals[i] ?? 0) + row.items;
  }
  return { at, counts, totals, tone };
}
