// The most-covered stories of a period, for other domains' digests (insights' daily brief): items
// grouped by near-duplicate cluster (an item without one is its own story), biggest first, each
// shown by its earliest item in the period. Titles and links only; never the full text.
import { and, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { queryRows } from '../../platform/db/index.ts';
import { listeningItems } from './listening.tables.ts';

export type TopStory = {
  /** The cluster's id (its first item's), or the item's own id. */
  storyId: string;
  /** The earliest item of the story in the period: what the story is shown and linked by. */
  itemId: string;
  /** The item's title, or the start of its text when it has none. */
  headline: string;
  url: string | null;
  language: string;
  /** Items of the story in the period, and the distinct sources they came from. */
  items: number;
  sources: number;
  firstAt: Date;
};

export type TopStories = { totalItems: number; stories: TopStory[] };

const HEADLINE_CHARS = 160;

/**
 * The `limit` biggest stories among the items of `unitIds` published in [from, to), and how many
 * items the period had in all.
 * @example const { totalItems, stories } = await topStories(db, { unitIds: [unitId], from, to, limit: 10 });
 */
export async function topStories(x: Executor, q: { unitIds: readonly string[]; from: Date; to: Date; limit: number }): Promise<TopStories> {
  if (q.unitIds.length === 0) return { totalItems: 0, stories: [] };
  const where = and(inArray(listeningItems.unitId, [...q.unitIds]), gte(listeningItems.publishedAt, q.from), lt(listeningItems.publishedAt, q.to));
  const story = sql`coalesce(${listeningItems.clusterId}, ${listeningItems.id})`;
  const [total] = await x.select({ n: sql<number>`count(*)::int` }).from(listeningItems).where(where);
  const groups = await x
    .select({ storyId: sql<string>`${story}`, items: sql<number>`count(*)::int`, sources: sql<number>`count(distinct ${listeningItems.sourceId})::int`, firstAt: sql<Date>`min(${listeningItems.publishedAt})` })
    .from(listeningItems)
    .where(where)
    .groupBy(story)
    .orderBy(sql`count(*) desc`, sql`count(distinct ${listeningItems.sourceId}) desc`, sql`min(${listeningItems.publishedAt})`, story)
    .limit(q.limit);
  if (groups.length === 0) return { totalItems: total?.n ?? 0, stories: [] };
  const ids = groups.map((g) => g.storyId);
  // The earliest item of each story within the period (distinct on: one row per story).
  const firsts = await queryRows<{ story_id: string; id: string; title: string | null; text: string; url: string | null; language: string }>(
    x,
    sql`select distinct on (coalesce(cluster_id, id)) coalesce(cluster_id, id) as story_id, id, title, left(text, ${HEADLINE_CHARS * 2}) as text, url, language
        from listening_items
        where unit_id in (${sql.join(q.unitIds.map((u) => sql`${u}::uuid`), sql`, `)})
          and published_at >= ${q.from.toISOString()}::timestamptz and published_at < ${q.to.toISOString()}::timestamptz
          and coalesce(cluster_id, id) in (${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})
        order by coalesce(cluster_id, id), published_at, id`,
  );
  const byStory = new Map(firsts.map((f) => [f.story_id, f]));
  const stories = groups.flatMap((g): TopStory[] => {
    const first = byStory.get(g.storyId);
    if (!first) return [];
    return [{ storyId: g.storyId, itemId: first.id, headline: headlineOf(first.title, first.text), url: first.url, language: first.language, items: g.items, sources: g.sources, firstAt: new Date(g.firstAt) }];
  });
  return { totalItems: total?.n ?? 0, stories };
}

function headlineOf(title: string | null, text: string): string {
  const base = (title?.trim() || text.trim()).replace(/\s+/g, ' ');
  return base.length > HEADLINE_CHARS ? `${base.slice(0, HEADLINE_CHARS - 1).trimEnd()}…` : base;
}
