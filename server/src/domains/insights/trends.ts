// Trend series from the rollups: the buckets of a period in the user's zone, one series per key
// of a dimension (the largest `top`, the rest summed as `others`), and the period's totals.
import type { TrendPoint, TrendQuery, TrendResponse, TrendSeries } from '@diplodesk/contracts';
import { trendMaxSpanDays } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { savedSearchBuckets } from '../listening/index.ts';
import { type BucketRow, bucketSums } from './rollups/rollups.repo.ts';

const DAY_MS = 86_400_000;

/** Every bucket start between `from` and `to` in `tz` (the first bucket contains `from`). */
async function bucketStarts(tx: Executor, q: Pick<TrendQuery, 'bucket' | 'tz'>, from: Date, to: Date): Promise<Date[]> {
  const unit = sql.raw(`'${q.bucket}'`);
  const step = sql.raw(`'1 ${q.bucket}'`);
  const rows = await queryRows<{ at: string | Date }>(
    tx,
    sql`select (g at time zone ${q.tz}) as at from generate_series(
      date_trunc(${unit}, ${from.toISOString()}::timestamptz at time zone ${q.tz}),
      date_trunc(${unit}, (${to.toISOString()}::timestamptz - interval '1 microsecond') at time zone ${q.tz}),
      ${step}::interval) as g`,
  );
  return rows.map((r) => new Date(r.at));
}

function point(at: Date, row: Pick<BucketRow, 'items' | 'toneSum' | 'toneItems'> | undefined): TrendPoint {
  const items = row?.items ?? 0;
  const toneItems = row?.toneItems ?? 0;
  return { at: at.toISOString(), items, toneItems, tone: toneItems > 0 ? Number(((row?.toneSum ?? 0) / toneItems).toFixed(4)) : null };
}

/** Sums rows into one point per bucket start. */
function pointsOf(buckets: Date[], rows: readonly BucketRow[]): TrendPoint[] {
  const byAt = new Map<number, { items: number; toneSum: number; toneItems: number }>();
  for (const r of rows) {
    const sum = byAt.get(r.at.getTime()) ?? { items: 0, toneSum: 0, toneItems: 0 };
    sum.items += r.items;
    sum.toneSum += r.toneSum;
    sum.toneItems += r.toneItems;
    byAt.set(r.at.getTime(), sum);
  }
  return buckets.map((b) => point(b, byAt.get(b.getTime())));
}

/**
 * A period widened to whole buckets in `tz`: every bucket start, and the period's exact start and
 * end. A span longer than the bucket size allows is refused with a clear error.
 */
export async function wholeBuckets(tx: Executor, q: Pick<TrendQuery, 'bucket' | 'tz' | 'from' | 'to'>): Promise<{ buckets: Date[]; start: Date; until: Date }> {
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (!(from < to)) throw new AppError('request.invalid', 'The period must end after it begins.', { field: 'to' });
  if (to.getTime() - from.getTime() > trendMaxSpanDays[q.bucket] * DAY_MS) {
    throw new AppError('request.invalid', `A trend by ${q.bucket} may span at most ${trendMaxSpanDays[q.bucket]} days: choose a larger bucket or a shorter period.`, { field: 'bucket' });
  }
  const buckets = await bucketStarts(tx, q, from, to);
  const start = buckets[0] ?? from;
  const end = new Date(Math.max(to.getTime(), start.getTime()));
  // Whole buckets: up to the start of the bucket after the last one.
  const [after] = await queryRows<{ at: string | Date }>(tx, sql`select ((${(buckets.at(-1) ?? start).toISOString()}::timestamptz at time zone ${q.tz}) + ${sql.raw(`'1 ${q.bucket}'`)}::interval) at time zone ${q.tz} as at`);
  return { buckets, start, until: after ? new Date(after.at) : end };
}

/**
 * The trend a user asked for, over the units they may read. The period is widened to whole
 * buckets; a span longer than the bucket size allows is refused with a clear error.
 */
export async function trendOf(tx: Executor, q: TrendQuery, unitIds: readonly string[], opts: { savedSearchIds?: readonly string[] } = {}): Promise<TrendResponse> {
  const { buckets, start, until } = await wholeBuckets(tx, q);
  const base = { unitIds, bucket: q.bucket, tz: q.tz, from: start, to: until };
  const totalsRows = await bucketSums(tx, { ...base, dimension: 'all' });
  const totals = pointsOf(buckets, totalsRows);
  let series: TrendSeries[];
  if (q.dimension === 'all') {
    series = [{ key: '', total: totals.reduce((n, p) => n + p.items, 0), points: totals }];
  } else if (q.dimension === 'saved-search') {
    // Counted by listening from its items, one query per saved search the caller chose or may see (ADR 0015).
    const ids = opts.savedSearchIds ?? [];
    const rows: BucketRow[] = [];
    for (const id of ids) for (const r of await savedSearchBuckets(tx, { ...base, savedSearchId: id })) rows.push({ ...r, key: id, intensitySum: 0 });
    series = rankSeries(buckets, rows, q.keys ? q.keys.length : q.top, false);
  } else {
    const rows = await bucketSums(tx, { ...base, dimension: q.dimension, keys: q.keys });
    series = rankSeries(buckets, rows, q.keys ? q.keys.length : q.top, !q.keys);
  }
  return { dimension: q.dimension, bucket: q.bucket, tz: q.tz, from: start.toISOString(), to: until.toISOString(), buckets: buckets.map((b) => b.toISOString()), series, totals };
}

/** One series per key, largest first; past `top`, the rest summed as `others` when `withOthers`. */
function rankSeries(buckets: Date[], rows: readonly BucketRow[], top: number, withOthers: boolean): TrendSeries[] {
  const byKey = new Map<string, BucketRow[]>();
  for (const r of rows) {
    const list = byKey.get(r.key) ?? [];
    list.push(r);
    byKey.set(r.key, list);
  }
  const ranked = [...byKey.entries()].map(([key, list]) => ({ key, list, total: list.reduce((n, r) => n + r.items, 0) })).sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  const kept = ranked.slice(0, top).map(({ key, list, total }) => ({ key, total, points: pointsOf(buckets, list) }));
  const rest = ranked.slice(top);
  if (!withOthers || rest.length === 0) return kept;
  const list = rest.flatMap((r) => r.list);
  return [...kept, { key: 'others', total: rest.reduce((n, r) => n + r.total, 0), points: pointsOf(buckets, list) }];
}
