// Small read-outs of stored items for other domains' summaries (insights' image index, the home
// dashboard): which items stand out in a period, and where sources are. Through listening's index only.
import { and, asc, desc, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { listeningItems, listeningSources } from './listening.tables.ts';

/** An item as a summary shows it: a headline (the title, or the start of the text), never the whole text. */
export type ItemHighlight = {
  id: string;
  sourceId: string;
  sourceName: string;
  publishedAt: Date;
  language: string;
  url: string | null;
  headline: string;
  sentiment: number | null;
};

const HEADLINE_CHARS = 200;

const highlightColumns = {
  id: listeningItems.id,
  sourceId: listeningItems.sourceId,
  sourceName: listeningSources.name,
  publishedAt: listeningItems.publishedAt,
  language: listeningItems.language,
  url: listeningItems.url,
  headline: sql<string>`coalesce(nullif(${listeningItems.title}, ''), left(${listeningItems.text}, ${HEADLINE_CHARS}))`,
  sentiment: listeningItems.sentiment,
};

const noUnit = '00000000-0000-0000-0000-000000000000';
const inUnits = (unitIds: readonly string[]) => inArray(listeningItems.unitId, unitIds.length ? [...unitIds] : [noUnit]);
const anyOf = (column: typeof listeningItems.countries | typeof listeningItems.topicIds, values: readonly string[]) =>
  sql`${column} ?| array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

export type ToneExtremesQuery = {
  unitIds: readonly string[];
  /** Items that mention this country (ISO 3166-1 alpha-2). */
  country: string;
  from: Date;
  to: Date;
  languages?: readonly string[] | undefined;
  topicIds?: readonly string[] | undefined;
  sourceIds?: readonly string[] | undefined;
  /** Items above this tone pull up, below it pull down (the period's mean tone). */
  around: number;
  limit: number;
};

/**
 * The scored items about a country in a period furthest above and below a tone (the period's
 * mean): each item weighs the same in the mean, so these are the ones that pull it up and down the
 * most. Ties go to the newest.
 */
export async function toneExtremes(x: Executor, q: ToneExtremesQuery): Promise<{ up: ItemHighlight[]; down: ItemHighlight[] }> {
  const where = and(
    inUnits(q.unitIds),
    gte(listeningItems.publishedAt, q.from),
    lt(listeningItems.publishedAt, q.to),
    isNotNull(listeningItems.sentiment),
    anyOf(listeningItems.countries, [q.country]),
    q.languages?.length ? inArray(listeningItems.language, [...q.languages]) : undefined,
    q.topicIds?.length ? anyOf(listeningItems.topicIds, q.topicIds) : undefined,
    q.sourceIds?.length ? inArray(listeningItems.sourceId, [...q.sourceIds]) : undefined,
  );
  const page = (order: 'up' | 'down') =>
    x
      .select(highlightColumns)
      .from(listeningItems)
      .innerJoin(listeningSources, sql`${listeningSources.id} = ${listeningItems.sourceId}`)
      .where(order === 'up' ? and(where, sql`${listeningItems.sentiment} > ${q.around}`) : and(where, sql`${listeningItems.sentiment} < ${q.around}`))
      .orderBy(order === 'up' ? desc(listeningItems.sentiment) : asc(listeningItems.sentiment), desc(listeningItems.publishedAt), desc(listeningItems.id))
      .limit(q.limit);
  const [up, down] = [await page('up'), await page('down')];
  return { up, down };
}

export type TopStory = ItemHighlight & { clusterId: string; items: number; sources: number };

/**
 * The most covered stories of a period: near-duplicate clusters by how many items of the period
 * they hold (then by how many sources), each shown by its earliest item of the period.
 */
export async function topStories(x: Executor, q: { unitIds: readonly string[]; from: Date; to: Date; limit: number }): Promise<TopStory[]> {
  const where = and(inUnits(q.unitIds), gte(listeningItems.publishedAt, q.from), lt(listeningItems.publishedAt, q.to));
  const clusters = await x
    .select({
      clusterId: sql<string>`coalesce(${listeningItems.clusterId}, ${listeningItems.id})`,
      items: sql<number>`count(*)::int`,
      sources: sql<number>`count(distinct ${listeningItems.sourceId})::int`,
      first: sql<string>`(array_agg(${listeningItems.id} order by ${listeningItems.publishedAt}, ${listeningItems.id}))[1]`,
    })
    .from(listeningItems)
    .where(where)
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`, sql`3 desc`, sql`1`)
    .limit(q.limit);
  if (clusters.length === 0) return [];
  const firsts = await x
    .select(highlightColumns)
    .from(listeningItems)
    .innerJoin(listeningSources, sql`${listeningSources.id} = ${listeningItems.sourceId}`)
    .where(
      inArray(
        listeningItems.id,
        clusters.map((c) => c.first),
      ),
    );
  const byId = new Map(firsts.map((f) => [f.id, f]));
  return clusters.flatMap((c) => {
    const first = byId.get(c.first);
    return first ? [{ ...first, clusterId: c.clusterId, items: Number(c.items), sources: Number(c.sources) }] : [];
  });
}

/** Where these sources' outlets are (null: unknown or mixed), with their names. */
export async function sourceCountries(x: Executor, sourceIds: readonly string[]): Promise<{ id: string; name: string; country: string | null }[]> {
  if (sourceIds.length === 0) return [];
  return x.select({ id: listeningSources.id, name: listeningSources.name, country: listeningSources.country }).from(listeningSources).where(inArray(listeningSources.id, [...sourceIds]));
}

/** Every source of these units with the outlet's country (for a drill-down by source country). */
export async function sourcesInUnits(x: Executor, unitIds: readonly string[]): Promise<{ id: string; country: string | null }[]> {
  if (unitIds.length === 0) return [];
  return x.select({ id: listeningSources.id, country: listeningSources.country }).from(listeningSources).where(inArray(listeningSources.unitId, [...unitIds]));
}
