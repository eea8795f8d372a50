// What insights may learn of saved searches (ADR 0015): which ones a person can see, and how many
// items match one per bucket. The counts are computed here, from listening's own tables, when they
// are asked for: insights stores nothing per saved search, so a replayed or re-analysed item, a
// changed or deleted saved search can never leave a stale or doubled count behind.
import { uuid } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { isWithin, type Principal } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { listUnits } from '../../identity/index.ts';
import { findSavedSearch } from '../listening-search.repo.ts';
import { itemConditions } from '../listening.repo.ts';
import { listeningItems } from '../listening.tables.ts';
import { listSavedSearches, visibleSavedSearch } from './manage-saved-searches.ts';
import { parseStoredQuery, toItemQuery } from './saved-query.ts';

/** A saved search as insights shows it: its id, name, unit and search parameters (for the drill-down). */
export type SavedSearchRef = { id: string; name: string; unitId: string; query: Record<string, string> };

/** The saved searches this person can see (their own, and those shared in units they read). */
export async function savedSearchesVisibleTo(ctx: Pick<PlatformContext, 'db'>, p: Principal): Promise<SavedSearchRef[]> {
  return (await listSavedSearches(ctx, p)).map((s) => ({ id: s.id, name: s.name, unitId: s.unitId, query: s.query }));
}

/** One saved search this person can see; `listening-saved-search.not-found` otherwise. */
export async function savedSearchVisibleTo(ctx: Pick<PlatformContext, 'db'>, p: Principal, id: string): Promise<SavedSearchRef> {
  const row = await visibleSavedSearch(ctx, p, id);
  return { id: row.id, name: row.name, unitId: row.unitId, query: Object.fromEntries(Object.entries(row.query).filter((e): e is [string, string] => typeof e[1] === 'string')) };
}

export type SavedSearchBucket = { at: Date; items: number; toneSum: number; toneSqSum: number; toneItems: number };

/**
 * Items matching a saved search per bucket (hours, days or weeks beginning in `tz`), among the
 * items of `unitIds` published in [from, to). The search's own unit and period narrow further. A
 * saved search that no longer exists, or whose stored filters no longer validate, matches nothing.
 */
export async function savedSearchBuckets(
  tx: Executor,
  q: { savedSearchId: string; unitIds: readonly string[]; bucket: 'hour' | 'day' | 'week'; tz: string; from: Date; to: Date },
): Promise<SavedSearchBucket[]> {
  const row = uuid.safeParse(q.savedSearchId).success ? await findSavedSearch(tx, q.savedSearchId) : undefined;
  if (!row || q.unitIds.length === 0) return [];
  let query: ReturnType<typeof parseStoredQuery>;
  try {
    query = parseStoredQuery(row.query);
  } catch {
    return [];
  }
  let unitIds = [...q.unitIds];
  if (query.unitId) {
    const units = await listUnits(tx);
    const root = units.find((u) => u.id === query.unitId);
    const within = new Set(root ? units.filter((u) => isWithin(u.path, root.path)).map((u) => u.id) : []);
    unitIds = unitIds.filter((id) => within.has(id));
    if (unitIds.length === 0) return [];
  }
  const itemQuery = toItemQuery(query, unitIds, 1);
  const from = itemQuery.from && itemQuery.from > q.from ? itemQuery.from : q.from;
  const to = itemQuery.to && itemQuery.to < q.to ? itemQuery.to : q.to;
  if (!(from < to)) return [];
  const where = itemConditions({ ...itemQuery, from, to });
  const unit = sql.raw(`'${q.bucket}'`);
  const rows = await queryRows<{ at: string | Date; items: number; tone_sum: number | null; tone_sq_sum: number | null; tone_items: number }>(
    tx,
    sql`select (date_trunc(${unit}, ${listeningItems.publishedAt} at time zone ${q.tz}) at time zone ${q.tz}) as at,
        count(*)::int as items, coalesce(sum(${listeningItems.sentiment}), 0)::float8 as tone_sum,
        coalesce(sum(${listeningItems.sentiment} * ${listeningItems.sentiment}), 0)::float8 as tone_sq_sum, count(${listeningItems.sentiment})::int as tone_items
      from ${listeningItems} where ${where} group by 1 order by 1`,
  );
  return rows.map((r) => ({ at: new Date(r.at), items: Number(r.items), toneSum: Number(r.tone_sum ?? 0), toneSqSum: Number(r.tone_sq_sum ?? 0), toneItems: Number(r.tone_items) }));
}
