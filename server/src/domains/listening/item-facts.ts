// What other domains may read of stored items for aggregates (insights): the analysis that
// decides where an item counts, never its text. Through listening's index only.
import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { listeningItems } from './listening.tables.ts';

export type ItemFacts = {
  id: string;
  unitId: string;
  sourceId: string;
  publishedAt: Date;
  language: string;
  countries: string[];
  topicIds: string[];
  /** −1…1, null when the item could not be scored. */
  sentiment: number | null;
};

const columns = {
  id: listeningItems.id,
  unitId: listeningItems.unitId,
  sourceId: listeningItems.sourceId,
  publishedAt: listeningItems.publishedAt,
  language: listeningItems.language,
  countries: listeningItems.countries,
  topicIds: listeningItems.topicIds,
  sentiment: listeningItems.sentiment,
};

/** The facts of these items (those that exist; an id of a removed item is left out). */
export async function itemFacts(tx: Executor, ids: readonly string[]): Promise<ItemFacts[]> {
  if (ids.length === 0) return [];
  return tx.select(columns).from(listeningItems).where(inArray(listeningItems.id, [...ids]));
}

/** A page of every item's facts in id order (ids are time-ordered UUIDv7), after `afterId`. */
export async function itemFactsPage(tx: Executor, opts: { afterId: string | null; limit: number; unitIds?: readonly string[] }): Promise<ItemFacts[]> {
  const where = and(opts.afterId ? gt(listeningItems.id, opts.afterId) : undefined, opts.unitIds ? inArray(listeningItems.unitId, [...opts.unitIds]) : undefined);
  return tx.select(columns).from(listeningItems).where(where).orderBy(asc(listeningItems.id)).limit(opts.limit);
}

/** How many items there are (in these units): the denominator of a rebuild's progress. */
export async function countItems(tx: Executor, unitIds?: readonly string[]): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(listeningItems)
    .where(unitIds ? inArray(listeningItems.unitId, [...unitIds]) : undefined);
  return row?.n ?? 0;
}
