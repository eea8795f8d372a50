// Queries of the listening domain. Takes the executor; holds no rules.
import type { IngestItem } from '@diplodesk/connector-sdk';
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { newIdFor } from '../../platform/db/index.ts';
import type { ItemAnalysis } from './analyse-item.ts';
import { itemBands, listeningItems, listeningSources, searchConfigFor } from './listening.tables.ts';

export type SourceRow = typeof listeningSources.$inferSelect;
export type ItemRow = typeof listeningItems.$inferSelect;

export async function insertSource(x: Executor, row: typeof listeningSources.$inferInsert): Promise<SourceRow> {
  const [created] = await x.insert(listeningSources).values(row).returning();
  return created as SourceRow;
}

export async function updateSource(x: Executor, id: string, patch: Partial<typeof listeningSources.$inferInsert>): Promise<SourceRow> {
  const [row] = await x
    .update(listeningSources)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(listeningSources.id, id))
    .returning();
  return row as SourceRow;
}

export function listSources(x: Executor, unitIds: string[]): Promise<SourceRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  return x.select().from(listeningSources).where(inArray(listeningSources.unitId, unitIds)).orderBy(listeningSources.name);
}

/** Items per source: all time and in the last hour (the health view). */
export async function itemCounts(x: Executor, sourceIds: string[]): Promise<Map<string, { total: number; lastHour: number }>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await x
    .select({
      sourceId: listeningItems.sourceId,
      total: sql<number>`count(*)::int`,
      lastHour: sql<number>`count(*) filter (where ${listeningItems.collectedAt} > now() - interval '1 hour')::int`,
    })
    .from(listeningItems)
    .where(inArray(listeningItems.sourceId, sourceIds))
    .groupBy(listeningItems.sourceId);
  return new Map(rows.map((r) => [r.sourceId, { total: Number(r.total), lastHour: Number(r.lastHour) }]));
}

/** The import source of a unit for a file (a re-import of the same file reuses it, so nothing is doubled). */
export async function findImportSource(x: Executor, unitId: string, filePath: string): Promise<SourceRow | undefined> {
  const [row] = await x
    .select()
    .from(listeningSources)
    .where(and(eq(listeningSources.unitId, unitId), eq(listeningSources.connector, 'import'), sql`${listeningSources.config}->>'path' = ${filePath}`));
  return row;
}

export async function findItem(x: Executor, id: string): Promise<ItemRow | undefined> {
  const [row] = await x.select().from(listeningItems).where(eq(listeningItems.id, id));
  return row;
}

export async function findSource(x: Executor, id: string): Promise<SourceRow | undefined> {
  const [row] = await x.select().from(listeningSources).where(eq(listeningSources.id, id));
  return row;
}

/**
 * Stores analysed items; an item already stored for this source (same external id, or the same
 * normalised text) is skipped by the unique indexes, so replays and retries add nothing.
 * Returns the ids actually inserted.
 */
export async function insertItems(x: Executor, source: Pick<SourceRow, 'id' | 'unitId'>, items: { item: IngestItem; analysis: ItemAnalysis; title?: string | null }[]): Promise<{ id: string; text: string }[]> {
  if (items.length === 0) return [];
  const rows = items.map(({ item, analysis, title }) => ({
    id: newIdFor(),
    sourceId: source.id,
    unitId: source.unitId,
    externalId: item.remoteId,
    contentHash: analysis.contentHash,
    url: item.url ?? null,
    author: item.author ? { id: item.author.remoteAccountId, handle: item.author.handle, ...(item.author.displayName ? { name: item.author.displayName } : {}), ...(item.author.url ? { url: item.author.url } : {}) } : null,
    title: title ?? null,
    text: analysis.text,
    language: analysis.language,
    languageConfidence: analysis.languageConfidence,
    publishedAt: new Date(item.publishedAt),
    countries: analysis.countries,
    topics: analysis.topics,
    topicIds: analysis.topicIds,
    sentiment: analysis.sentiment,
    sentimentMethod: analysis.sentimentMethod,
    hashtags: analysis.hashtags,
    mentions: analysis.mentions,
    urls: analysis.urls,
    raw: (item.raw ?? null) as never,
    search: sql`to_tsvector(${searchConfigFor(analysis.language)}, ${`${title ?? ''} ${analysis.text}`})` as unknown as string,
  }));
  return x.insert(listeningItems).values(rows).onConflictDoNothing().returning({ id: listeningItems.id, text: listeningItems.text });
}

/** Items sharing a band key with these keys (candidates), with their text and cluster. */
export async function bandCandidates(x: Executor, keys: string[], exceptId: string): Promise<{ itemId: string; clusterId: string; text: string }[]> {
  if (keys.length === 0) return [];
  const rows = await x
    .selectDistinct({ itemId: itemBands.itemId, clusterId: itemBands.clusterId, text: listeningItems.text })
    .from(itemBands)
    .innerJoin(listeningItems, eq(listeningItems.id, itemBands.itemId))
    .where(and(inArray(itemBands.bandKey, keys), sql`${itemBands.itemId} <> ${exceptId}`))
    .limit(50);
  return rows;
}

export async function assignCluster(x: Executor, itemId: string, clusterId: string, keys: string[]): Promise<void> {
  await x.update(listeningItems).set({ clusterId }).where(eq(listeningItems.id, itemId));
  if (keys.length) await x.insert(itemBands).values(keys.map((bandKey) => ({ bandKey, itemId, clusterId }))).onConflictDoNothing();
}

export type ItemQuery = {
  unitIds: string[];
  q?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  sourceIds?: string[] | undefined;
  languages?: string[] | undefined;
  countries?: string[] | undefined;
  topics?: string[] | undefined;
  /** Tone between these bounds (−1…1). */
  sentimentMin?: number | undefined;
  sentimentMax?: number | undefined;
  clusterId?: string | undefined;
  limit: number;
  /** Items published before this (publishedAt, id) — keyset paging, newest first. */
  before?: { publishedAt: Date; id: string } | undefined;
};

/** The query words matched in the three configurations items are indexed with (a query has no language). */
function textMatch(q: string): SQL {
  return sql`${listeningItems.search} @@ (websearch_to_tsquery('simple', ${q}) || websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('indonesian', ${q}))`;
}

export function itemConditions(query: ItemQuery): SQL | undefined {
  const c: (SQL | undefined)[] = [inArray(listeningItems.unitId, query.unitIds.length ? query.unitIds : ['00000000-0000-0000-0000-000000000000'])];
  if (query.q?.trim()) c.push(textMatch(query.q));
  if (query.from) c.push(gte(listeningItems.publishedAt, query.from));
  if (query.to) c.push(lt(listeningItems.publishedAt, query.to));
  if (query.sourceIds?.length) c.push(inArray(listeningItems.sourceId, query.sourceIds));
  if (query.languages?.length) c.push(inArray(listeningItems.language, query.languages));
  if (query.countries?.length) c.push(sql`${listeningItems.countries} ?| array[${sql.join(query.countries.map((x) => sql`${x}`), sql`, `)}]::text[]`);
  if (query.topics?.length) c.push(sql`${listeningItems.topicIds} ?| array[${sql.join(query.topics.map((x) => sql`${x}`), sql`, `)}]::text[]`);
  if (query.sentimentMin !== undefined) c.push(gte(listeningItems.sentiment, query.sentimentMin));
  if (query.sentimentMax !== undefined) c.push(sql`${listeningItems.sentiment} <= ${query.sentimentMax}`);
  if (query.clusterId) c.push(eq(listeningItems.clusterId, query.clusterId));
  if (query.before) {
    const { publishedAt, id } = query.before;
    c.push(or(lt(listeningItems.publishedAt, publishedAt), and(eq(listeningItems.publishedAt, publishedAt), lt(listeningItems.id, id))));
  }
  return and(...c);
}

export function searchItems(x: Executor, query: ItemQuery): Promise<ItemRow[]> {
  return x.select().from(listeningItems).where(itemConditions(query)).orderBy(desc(listeningItems.publishedAt), desc(listeningItems.id)).limit(query.limit);
}

/** Counts per value of a facet for the same query (language, source, country, topic). */
export async function facetCounts(x: Executor, query: ItemQuery, facet: 'language' | 'source' | 'country' | 'topic', limit = 20): Promise<{ value: string; count: number }[]> {
  const where = itemConditions(query);
  const value =
    facet === 'language'
      ? sql`${listeningItems.language}`
      : facet === 'source'
        ? sql`${listeningItems.sourceId}::text`
        : facet === 'country'
          ? sql`jsonb_array_elements_text(${listeningItems.countries})`
          : sql`jsonb_array_elements_text(${listeningItems.topicIds})`;
  const rows = await x.execute(sql`select v as value, count(*)::int as count from (select ${value} as v from ${listeningItems} where ${where}) f group by v order by count desc, v limit ${limit}`);
  return ((rows as unknown as { rows: { value: string; count: number }[] }).rows ?? []).map((r) => ({ value: r.value, count: Number(r.count) }));
}
