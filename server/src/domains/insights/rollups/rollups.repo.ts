// Every query on the rollup tables. Takes the transaction; holds no rules of its own.
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { insightsItemFacts, insightsRollups } from '../insights.tables.ts';
import type { Contribution } from './item-contribution.ts';

export type StoredContribution = Contribution & { itemId: string };

/** The contributions last applied for these items, locked until the transaction ends. */
export async function lockedContributions(tx: Executor, itemIds: readonly string[]): Promise<Map<string, StoredContribution>> {
  if (itemIds.length === 0) return new Map();
  // One array parameter, not one per id: a rebuild page is thousands of ids.
  const rows = await queryRows<{ item_id: string; unit_id: string; bucket: string | Date; keys: string[]; tone: number | null; intensity: number | null }>(
    tx,
    sql`select item_id, unit_id, bucket, keys, tone, intensity from ${insightsItemFacts} where item_id = any(${`{${itemIds.join(',')}}`}::uuid[]) for update`,
  );
  return new Map(
    rows.map((r) => [r.item_id, { itemId: r.item_id, unitId: r.unit_id, bucket: new Date(r.bucket), keys: r.keys, tone: r.tone === null ? null : Number(r.tone), intensity: r.intensity === null ? null : Number(r.intensity) }]),
  );
}

/** Records first contributions; returns the ids actually inserted (a concurrent writer's are skipped). */
export async function insertContributions(tx: Executor, rows: StoredContribution[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const payload = JSON.stringify(rows.map((r) => ({ item_id: r.itemId, unit_id: r.unitId, bucket: r.bucket.toISOString(), keys: r.keys, tone: r.tone, intensity: r.intensity })));
  const inserted = await queryRows<{ item_id: string }>(
    tx,
    sql`insert into ${insightsItemFacts} (item_id, unit_id, bucket, keys, tone, intensity)
      select item_id, unit_id, bucket, keys, tone, intensity
      from jsonb_to_recordset(${payload}::jsonb) as v(item_id uuid, unit_id uuid, bucket timestamptz, keys jsonb, tone real, intensity real)
      on conflict (item_id) do nothing
      returning item_id`,
  );
  return new Set(inserted.map((r) => r.item_id));
}

export async function replaceContributions(tx: Executor, rows: StoredContribution[]): Promise<void> {
  if (rows.length === 0) return;
  const payload = JSON.stringify(rows.map((r) => ({ item_id: r.itemId, unit_id: r.unitId, bucket: r.bucket.toISOString(), keys: r.keys, tone: r.tone, intensity: r.intensity })));
  await tx.execute(sql`update ${insightsItemFacts} as f set unit_id = v.unit_id, bucket = v.bucket, keys = v.keys, tone = v.tone, intensity = v.intensity, applied_at = now()
    from jsonb_to_recordset(${payload}::jsonb) as v(item_id uuid, unit_id uuid, bucket timestamptz, keys jsonb, tone real, intensity real)
    where f.item_id = v.item_id`);
}

export type RollupDelta = { unitId: string; dimension: string; key: string; bucket: Date; items: number; toneSum: number; toneItems: number; toneSqSum: number; intensitySum: number };

/**
 * Adds the deltas in one statement. Rows are written in key order, so two transactions touching
 * the same buckets lock them in the same order and cannot deadlock.
 */
export async function addToRollups(tx: Executor, deltas: RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  const ordered = [...deltas].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.dimension.localeCompare(b.dimension) || a.key.localeCompare(b.key) || a.bucket.getTime() - b.bucket.getTime());
  const payload = JSON.stringify(ordered.map((d) => ({ unit_id: d.unitId, dimension: d.dimension, key: d.key, bucket: d.bucket.toISOString(), items: d.items, tone_sum: d.toneSum, tone_items: d.toneItems, tone_sq_sum: d.toneSqSum, intensity_sum: d.intensitySum })));
  await tx.execute(sql`insert into ${insightsRollups} (unit_id, dimension, key, bucket, items, tone_sum, tone_items, tone_sq_sum, intensity_sum)
    select unit_id, dimension, key, bucket, items, tone_sum, tone_items, tone_sq_sum, intensity_sum
    from jsonb_to_recordset(${payload}::jsonb) as v(unit_id uuid, dimension text, key text, bucket timestamptz, items int, tone_sum float8, tone_items int, tone_sq_sum float8, intensity_sum float8)
    on conflict (unit_id, dimension, key, bucket) do update set
      items = ${insightsRollups}.items + excluded.items,
      tone_sum = ${insightsRollups}.tone_sum + excluded.tone_sum,
      tone_items = ${insightsRollups}.tone_items + excluded.tone_items,
      tone_sq_sum = ${insightsRollups}.tone_sq_sum + excluded.tone_sq_sum,
      intensity_sum = ${insightsRollups}.intensity_sum + excluded.intensity_sum`);
}

export type BucketRow = { at: Date; key: string; items: number; toneSum: number; toneItems: number; toneSqSum: number; intensitySum: number };

/**
 * Sums of one dimension per bucket of the asked size, buckets beginning in `tz`. Hours are UTC
 * hours; a day or week is the hours whose local start falls in it.
 */
export async function bucketSums(tx: Executor, q: { unitIds: readonly string[]; dimension: string; keys?: readonly string[] | undefined; bucket: 'hour' | 'day' | 'week'; tz: string; from: Date; to: Date }): Promise<BucketRow[]> {
  if (q.unitIds.length === 0) return [];
  const units = sql`array[${sql.join(
    q.unitIds.map((u) => sql`${u}`),
    sql`, `,
  )}]::uuid[]`;
  const keyFilter = q.keys?.length
    ? sql`and r.key = any(array[${sql.join(
        q.keys.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[])`
    : sql``;
  const unit = sql.raw(`'${q.bucket}'`);
  const rows = await queryRows<{ at: string | Date; key: string; items: number; tone_sum: number; tone_items: number; tone_sq_sum: number; intensity_sum: number }>(
    tx,
    sql`select (date_trunc(${unit}, r.bucket at time zone ${q.tz}) at time zone ${q.tz}) as at, r.key,
        sum(r.items)::int as items, sum(r.tone_sum)::float8 as tone_sum, sum(r.tone_items)::int as tone_items, sum(r.tone_sq_sum)::float8 as tone_sq_sum, sum(r.intensity_sum)::float8 as intensity_sum
      from ${insightsRollups} r
      where r.unit_id = any(${units}) and r.dimension = ${q.dimension} and r.bucket >= ${q.from.toISOString()}::timestamptz and r.bucket < ${q.to.toISOString()}::timestamptz ${keyFilter}
      group by 1, 2
      order by 1, 2`,
  );
  return rows.map((r) => ({ at: new Date(r.at), key: r.key, items: Number(r.items), toneSum: Number(r.tone_sum), toneItems: Number(r.tone_items), toneSqSum: Number(r.tone_sq_sum), intensitySum: Number(r.intensity_sum) }));
}
