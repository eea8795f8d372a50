// Queries of the listening domain. Takes the executor; holds no rules.
import type { IngestItem } from '@diplodesk/connector-sdk';
import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { newIdFor } from '../../platform/db/index.ts';
import type { ItemAnalysis } from './analyse-item.ts';
import { type ItemAuthor, itemBands, listeningItems, listeningSources, searchConfigName } from './listening.tables.ts';

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

/**
 * A source made for an imported file (the web import names the file's hash, the command line its
 * path): it holds the file's items but is never polled, so it is listed with imports, not sources.
 */
const isFileImport = sql`(${listeningSources.connector} = 'import' and (${listeningSources.config}->>'sha256' is not null or ${listeningSources.config}->>'path' is not null))`;

export function listSources(x: Executor, unitIds: string[], opts: { fileImports: boolean } = { fileImports: true }): Promise<SourceRow[]> {
  if (unitIds.length === 0) return Promise.resolve([]);
  const inUnits = inArray(listeningSources.unitId, unitIds);
  return x
    .select()
    .from(listeningSources)
    .where(opts.fileImports ? inUnits : and(inUnits, sql`not ${isFileImport}`))
    .orderBy(listeningSources.name);
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

/** Items by id, in the order given (unknown ids left out); only those of these units. */
export async function findItemsIn(x: Executor, ids: readonly string[], unitIds: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0 || unitIds.length === 0) return [];
  const rows = await x.select().from(listeningItems).where(and(inArray(listeningItems.id, [...ids]), inArray(listeningItems.unitId, [...unitIds])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
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
export type InsertedItem = { id: string; text: string; title: string | null; language: string; published_at: string | Date; author: ItemAuthor | null; countries: string[]; url: string | null };

export async function insertItems(x: Executor, source: Pick<SourceRow, 'id' | 'unitId'>, items: { item: IngestItem; analysis: ItemAnalysis; title?: string | null }[]): Promise<InsertedItem[]> {
  if (items.length === 0) return [];
  const rows = items.map(({ item, analysis, title }) => {
    const id = newIdFor();
    return {
      id,
      external_id: item.remoteId,
      content_hash: analysis.contentHash,
      url: item.url ?? null,
      author: item.author ? { id: item.author.remoteAccountId, handle: item.author.handle, ...(item.author.displayName ? { name: item.author.displayName } : {}), ...(item.author.url ? { url: item.author.url } : {}) } : null,
      title: title ?? null,
      text: analysis.text,
      language: analysis.language,
      language_confidence: analysis.languageConfidence,
      published_at: new Date(item.publishedAt).toISOString(),
      countries: analysis.countries,
      topics: analysis.topics,
      topic_ids: analysis.topicIds,
      sentiment: analysis.sentiment,
      sentiment_method: analysis.sentimentMethod,
      hashtags: analysis.hashtags,
      mentions: analysis.mentions,
      urls: analysis.urls,
      raw: item.raw ?? null,
      // Its own cluster until clustering finds an earlier near-duplicate.
      cluster_id: id,
      search_config: searchConfigName(analysis.language),
    };
  });
  // The batch travels as one JSON parameter: building a statement with 25 parameters per row
  // costs more than running it. The search vector uses each item's own language configuration.
  const result = await x.execute(sql`
    insert into ${listeningItems} (id, source_id, unit_id, external_id, content_hash, url, author, title, text, language, language_confidence,
      published_at, countries, topics, topic_ids, sentiment, sentiment_method, hashtags, mentions, urls, raw, cluster_id, search)
    select r.id, ${source.id}::uuid, ${source.unitId}::uuid, r.external_id, r.content_hash, r.url, r.author, r.title, r.text, r.language,
      r.language_confidence, r.published_at, r.countries, r.topics, r.topic_ids, r.sentiment, r.sentiment_method, r.hashtags, r.mentions,
      r.urls, r.raw, r.cluster_id, to_tsvector(r.search_config::regconfig, coalesce(r.title, '') || ' ' || r.text)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, external_id text, content_hash text, url text, author jsonb, title text,
      text text, language text, language_confidence real, published_at timestamptz, countries jsonb, topics jsonb, topic_ids jsonb,
      sentiment real, sentiment_method text, hashtags jsonb, mentions jsonb, urls jsonb, raw jsonb, cluster_id uuid, search_config text)
    on conflict do nothing
    returning id, text, title, language, published_at, author, countries, url`);
  return (result as unknown as { rows: InsertedItem[] }).rows;
}

/** Stored items per band key (keys are `band:base36`, safe in an array literal) (the most recent few per key — enough to find a story's cluster), with their text. */
export async function bandCandidatesFor(x: Executor, keys: string[], perKey = 8): Promise<Map<string, { itemId: string; clusterId: string; text: string }[]>> {
  const out = new Map<string, { itemId: string; clusterId: string; text: string }[]>();
  if (keys.length === 0) return out;
  const result = await x.execute(sql`
    select b.band_key, b.item_id, b.cluster_id, i.text
    from (
      select band_key, item_id, cluster_id, row_number() over (partition by band_key order by item_id desc) as n
      from ${itemBands} where band_key = any(${`{${keys.join(',')}}`}::text[])
    ) b join ${listeningItems} i on i.id = b.item_id
    where b.n <= ${perKey}`);
  for (const r of (result as unknown as { rows: { band_key: string; item_id: string; cluster_id: string; text: string }[] }).rows) {
    const list = out.get(r.band_key) ?? [];
    list.push({ itemId: r.item_id, clusterId: r.cluster_id, text: r.text });
    out.set(r.band_key, list);
  }
  return out;
}

/** Records each item's cluster and its band keys (items start as their own cluster; only joiners are updated). */
export async function assignClusters(x: Executor, items: { itemId: string; clusterId: string; keys: string[] }[]): Promise<void> {
  const joiners = items.filter((i) => i.clusterId !== i.itemId);
  if (joiners.length > 0) {
    const values = sql.join(joiners.map((j) => sql`(${j.itemId}::uuid, ${j.clusterId}::uuid)`), sql`, `);
    await x.execute(sql`update ${listeningItems} set cluster_id = v.cluster_id from (values ${values}) as v(id, cluster_id) where ${listeningItems.id} = v.id`);
  }
  // One JSON parameter instead of three per row: building a 10,000-row insert statement costs more than running it.
  const bands = items.flatMap((i) => i.keys.map((k) => [k, i.itemId, i.clusterId]));
  if (bands.length === 0) return;
  await x.execute(sql`
    insert into ${itemBands} (band_key, item_id, cluster_id)
    select b->>0, (b->>1)::uuid, (b->>2)::uuid from jsonb_array_elements(${JSON.stringify(bands)}::jsonb) b
    on conflict do nothing`);
}

/** Moves every member (and band key) of each `from` cluster to its `to` cluster. */
export async function mergeClusters(x: Executor, merges: { from: string; to: string }[]): Promise<void> {
  const values = sql.join(merges.map((m) => sql`(${m.from}::uuid, ${m.to}::uuid)`), sql`, `);
  await x.execute(sql`update ${listeningItems} set cluster_id = m.to_id from (values ${values}) as m(from_id, to_id) where ${listeningItems.clusterId} = m.from_id`);
  await x.execute(sql`update ${itemBands} set cluster_id = m.to_id from (values ${values}) as m(from_id, to_id) where ${itemBands.clusterId} = m.from_id`);
}

export type ItemQuery = {
  unitIds: string[];
  q?: string | undefined;
  /** How `q` matches: stemmed words (default) or a case-insensitive substring of the text. */
  match?: 'words' | 'contains' | undefined;
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

/**
 * `q` anywhere in the text, ignoring case: partial words, names, and scripts written without spaces
 * (Chinese, Thai, Japanese). `%`, `_` and `\` in the query are literal; the trigram index serves it.
 */
function containsMatch(q: string): SQL {
  const pattern = `%${q.trim().replace(/[\\%_]/g, '\\$&')}%`;
  return sql`${listeningItems.text} ilike ${pattern} escape '\\'`;
}

export function itemConditions(query: ItemQuery): SQL | undefined {
  const c: (SQL | undefined)[] = [inArray(listeningItems.unitId, query.unitIds.length ? query.unitIds : ['00000000-0000-0000-0000-000000000000'])];
  if (query.q?.trim()) c.push(query.match === 'contains' ? containsMatch(query.q) : textMatch(query.q));
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

/** Below this many matches a text search is "sparse": its matches are read from the text index, then sorted. */
export const SPARSE_MATCHES = 2_000;

/**
 * Runs `fn` with only bitmap index scans allowed (the text and trigram indexes, the btree indexes
 * combined with them): for the text searches below, the planner's other choices are the slow ones.
 * It cannot know how rare a word is, or that two common words never meet (it estimates an OR of
 * three configurations' queries at ~1.5 % of any table), so it may walk the whole date index, or the
 * whole table, for one hit. The settings are put back before the savepoint ends.
 */
async function withBitmapScans<T>(x: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return x.transaction(async (tx) => {
    const before = await tx.execute(sql`select current_setting('enable_seqscan') as seq, current_setting('enable_indexscan') as idx`);
    const prev = (before as unknown as { rows: { seq: string; idx: string }[] }).rows[0] ?? { seq: 'on', idx: 'on' };
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
    const result = await fn(tx);
    await tx.execute(sql`select set_config('enable_seqscan', ${prev.seq}, true), set_config('enable_indexscan', ${prev.idx}, true)`);
    return result;
  });
}

/** Whether fewer than {@link SPARSE_MATCHES} items match: one bounded count through the indexes. */
async function isSparse(tx: Executor, where: SQL | undefined): Promise<boolean> {
  const result = await tx.execute(sql`select count(*)::int as n from (select 1 from ${listeningItems} where ${where} limit ${SPARSE_MATCHES}) s`);
  return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) < SPARSE_MATCHES;
}

/**
 * A page of matches, newest first. Sparse text matches are collected through the text index and
 * sorted; dense matches (and searches without text) walk the date index and stop at the page.
 */
export async function searchItems(x: Executor, query: ItemQuery): Promise<ItemRow[]> {
  const where = itemConditions(query);
  const sparseIds = query.q?.trim()
    ? await withBitmapScans(x, async (tx) => {
        if (!(await isSparse(tx, where))) return null;
        const result = await tx.execute(sql`
          select ${listeningItems.id} as id from ${listeningItems} where ${where}
          order by ${listeningItems.publishedAt} desc, ${listeningItems.id} desc limit ${query.limit}`);
        return (result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
      })
    : null;
  if (sparseIds === null) return x.select().from(listeningItems).where(where).orderBy(desc(listeningItems.publishedAt), desc(listeningItems.id)).limit(query.limit);
  if (sparseIds.length === 0) return [];
  const rows = await x.select().from(listeningItems).where(inArray(listeningItems.id, sparseIds));
  const order = new Map(sparseIds.map((id, i) => [id, i]));
  return rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** How many of the newest matches the facet counts read at most (see {@link facetSummary}). */
export const FACET_SAMPLE = 20_000;

export type FacetName = 'language' | 'source' | 'country' | 'topic';
export type FacetSummary = Record<FacetName, { value: string; count: number }[]> & { sampled: number | null };

/**
 * Counts per language, source, country and topic for the same query, in one pass over the newest
 * `sample` matches: a word found in half of a million items would otherwise make every search wait
 * seconds for its counts. `sampled` says when the counts describe only those newest matches.
 */
export async function facetSummary(x: Executor, query: ItemQuery, opts: { sample?: number; limit?: number } = {}): Promise<FacetSummary> {
  const sample = opts.sample ?? FACET_SAMPLE;
  const limit = opts.limit ?? 20;
  const where = itemConditions({ ...query, before: undefined });
  const columns = sql`${listeningItems.language} as language, ${listeningItems.sourceId} as source_id, ${listeningItems.countries} as countries, ${listeningItems.topicIds} as topic_ids`;
  const counts = (matches: SQL) => sql`
    with m as materialized (${matches})
    select 'total' as facet, '' as value, count(*)::int as count from m
    union all select 'language', language, count(*)::int from m group by language
    union all select 'source', source_id::text, count(*)::int from m group by source_id
    union all select 'country', c, count(*)::int from m, jsonb_array_elements_text(m.countries) c group by c
    union all select 'topic', t, count(*)::int from m, jsonb_array_elements_text(m.topic_ids) t group by t`;
  // Few text matches: all of them, through the text index (see withBitmapScans); else the newest `sample`.
  const sparse = query.q?.trim() && sample >= SPARSE_MATCHES ? await withBitmapScans(x, async (tx) => ((await isSparse(tx, where)) ? tx.execute(counts(sql`select ${columns} from ${listeningItems} where ${where}`)) : null)) : null;
  const result = sparse ?? (await x.execute(counts(sql`select ${columns} from ${listeningItems} where ${where} order by ${listeningItems.publishedAt} desc, ${listeningItems.id} desc limit ${sample}`)));
  const rows = (result as unknown as { rows: { facet: FacetName | 'total'; value: string; count: number }[] }).rows ?? [];
  const summary: FacetSummary = { language: [], source: [], country: [], topic: [], sampled: null };
  for (const r of rows) {
    if (r.facet === 'total') summary.sampled = Number(r.count) >= sample ? sample : null;
    else summary[r.facet].push({ value: r.value, count: Number(r.count) });
  }
  for (const name of ['language', 'source', 'country', 'topic'] as const) {
    summary[name] = summary[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
  }
  return summary;
}
