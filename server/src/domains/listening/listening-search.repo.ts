// Queries behind saved searches, the live stream, an item's spread and "did you mean".
// Takes the executor; holds no rules.
import { and, asc, desc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/index.ts';
import { type ItemQuery, type ItemRow, itemConditions } from './listening.repo.ts';
import { listeningItems, savedSearches } from './listening.tables.ts';

export type SavedSearchRow = typeof savedSearches.$inferSelect;

export async function insertSavedSearch(x: Executor, row: typeof savedSearches.$inferInsert): Promise<SavedSearchRow> {
  const [created] = await x.insert(savedSearches).values(row).returning();
  return created as SavedSearchRow;
}

export async function updateSavedSearch(x: Executor, id: string, patch: Partial<Pick<SavedSearchRow, 'name' | 'query' | 'shared'>>): Promise<SavedSearchRow> {
  const [row] = await x
    .update(savedSearches)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(savedSearches.id, id))
    .returning();
  return row as SavedSearchRow;
}

export async function deleteSavedSearch(x: Executor, id: string): Promise<void> {
  await x.delete(savedSearches).where(eq(savedSearches.id, id));
}

export async function findSavedSearch(x: Executor, id: string): Promise<SavedSearchRow | undefined> {
  const [row] = await x.select().from(savedSearches).where(eq(savedSearches.id, id));
  return row;
}

/** The caller's own saved searches, and those shared in units whose items the caller may read. */
export function listVisibleSavedSearches(x: Executor, userId: string, readableUnitIds: string[]): Promise<SavedSearchRow[]> {
  const shared = readableUnitIds.length > 0 ? and(eq(savedSearches.shared, true), inArray(savedSearches.unitId, readableUnitIds)) : undefined;
  return x
    .select()
    .from(savedSearches)
    .where(or(eq(savedSearches.ownerId, userId), shared))
    .orderBy(asc(sql`lower(${savedSearches.name})`), asc(savedSearches.id))
    .limit(500);
}

const newestFirst = [desc(listeningItems.publishedAt), desc(listeningItems.id)];

/** Which of these just-stored items match a query (the live stream's one query per event and subscription). */
export function itemsAmong(x: Executor, query: ItemQuery, ids: string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return x
    .select()
    .from(listeningItems)
    .where(and(itemConditions({ ...query, before: undefined }), inArray(listeningItems.id, ids)))
    .orderBy(...newestFirst);
}

/** Matching items collected at or after a moment (a live client's catch-up after a reconnect), newest first. */
export function itemsCollectedSince(x: Executor, query: ItemQuery, since: Date, limit: number): Promise<ItemRow[]> {
  return x
    .select()
    .from(listeningItems)
    .where(and(itemConditions({ ...query, before: undefined }), gte(listeningItems.collectedAt, since)))
    .orderBy(desc(listeningItems.collectedAt), ...newestFirst)
    .limit(limit);
}

/** The database's clock (items' `collectedAt` comes from it, so catch-up points are taken from it too). */
export async function databaseNow(x: Executor): Promise<Date> {
  const [row] = await queryRows<{ now: Date | string }>(x, sql`select now() as now`);
  return new Date(row?.now ?? Date.now());
}

export type ClusterStats = { size: number; sources: number; authors: number; firstSeen: Date; latestSeen: Date };

function clusterMembers(clusterId: string, unitIds: string[]): SQL | undefined {
  return and(eq(listeningItems.clusterId, clusterId), inArray(listeningItems.unitId, unitIds.length ? unitIds : ['00000000-0000-0000-0000-000000000000']));
}

/** Size, distinct sources and authors, first and latest publication of the members the caller may read. */
export async function clusterStats(x: Executor, clusterId: string, unitIds: string[]): Promise<ClusterStats | null> {
  const [row] = await x
    .select({
      size: sql<number>`count(*)::int`,
      sources: sql<number>`count(distinct ${listeningItems.sourceId})::int`,
      authors: sql<number>`count(distinct coalesce(${listeningItems.author}->>'id', ${listeningItems.author}->>'handle', ${listeningItems.author}->>'name'))::int`,
      firstSeen: sql<Date | null>`min(${listeningItems.publishedAt})`.mapWith(listeningItems.publishedAt),
      latestSeen: sql<Date | null>`max(${listeningItems.publishedAt})`.mapWith(listeningItems.publishedAt),
    })
    .from(listeningItems)
    .where(clusterMembers(clusterId, unitIds));
  if (!row || Number(row.size) === 0 || !row.firstSeen || !row.latestSeen) return null;
  return { size: Number(row.size), sources: Number(row.sources), authors: Number(row.authors), firstSeen: row.firstSeen, latestSeen: row.latestSeen };
}

/** Members per bucket of `bucketSeconds` (by publication time, aligned to the epoch); only non-empty buckets. */
export async function clusterHistogram(x: Executor, clusterId: string, unitIds: string[], bucketSeconds: number): Promise<{ start: number; count: number }[]> {
  // The width is inlined (an integer of ours), so grouping and ordering name the very same expression.
  const width = sql.raw(String(Math.max(1, Math.trunc(bucketSeconds))));
  const rows = await queryRows<{ start: string | number; count: string | number }>(
    x,
    sql`select (floor(extract(epoch from ${listeningItems.publishedAt}) / ${width}) * ${width})::bigint as start, count(*)::int as count
        from ${listeningItems} where ${clusterMembers(clusterId, unitIds)} group by 1 order by 1`,
  );
  return rows.map((r) => ({ start: Number(r.start) * 1000, count: Number(r.count) }));
}

/** How many recent items feed "did you mean" (keeps the query's cost bounded whatever the archive's size). */
const suggestionWindow = 2000;
const minimumSimilarity = 0.3;

/**
 * Terms similar to each query word (trigram similarity ≥ 0.3), from the headlines, hashtags and
 * author handles of the most recent items the caller may read. Per word: whether it occurs as a
 * term itself, and its closest terms (best first, at most `perWord`).
 */
export async function similarTerms(x: Executor, unitIds: string[], words: string[], perWord = 3): Promise<{ word: string; known: boolean; similar: string[] }[]> {
  if (unitIds.length === 0 || words.length === 0) return words.map((word) => ({ word, known: false, similar: [] }));
  const rows = await queryRows<{ ord: string | number; term: string; score: number }>(
    x,
    sql`
    with recent as (
      select coalesce(${listeningItems.title}, left(${listeningItems.text}, 160)) as headline, ${listeningItems.hashtags} as hashtags, ${listeningItems.author} as author
      from ${listeningItems} where ${inArray(listeningItems.unitId, unitIds)}
      order by ${listeningItems.publishedAt} desc limit ${suggestionWindow}
    ),
    terms as (
      select distinct lower(term) as term from (
        select regexp_split_to_table(headline, ${`[\\s,.;:!?()"'“”‘’«»/|#@-]+`}) as term from recent
        union all select jsonb_array_elements_text(hashtags) from recent
        union all select author->>'handle' from recent where author->>'handle' is not null
      ) t where length(term) between 3 and 60
    ),
    words as (select w, ord from jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) with ordinality as u(w, ord))
    select words.ord, terms.term, similarity(terms.term, words.w) as score
    from words cross join terms
    where similarity(terms.term, words.w) >= ${minimumSimilarity}
    order by words.ord, score desc, terms.term
    `,
  );
  return words.map((word, i) => {
    const mine = rows.filter((r) => Number(r.ord) === i + 1);
    const lower = word.toLowerCase();
    return { word, known: mine.some((r) => r.term === lower), similar: mine.filter((r) => r.term !== lower).slice(0, perWord).map((r) => r.term) };
  });
}
