// What integrity reads of stored items: their words (to match known claims), their author, cluster,
// countries and date (to show a claim's spread). Through listening's index only; the hook type is
// how listening lets the composition root act on new items inside their own transaction (ADR 0023).
import { and, asc, gt, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { type ItemAuthor, listeningItems } from './listening.tables.ts';

/** A stored item as integrity matches and counts it. */
export type StoredItem = {
  id: string;
  unitId: string;
  sourceId: string;
  text: string;
  title: string | null;
  /** BCP 47, or `und`. */
  language: string;
  /** The near-duplicate cluster (its first item's id). */
  clusterId: string;
  publishedAt: Date;
  author: ItemAuthor | null;
  countries: string[];
  url: string | null;
};

/**
 * Called by `storeAnalysed` inside the store transaction, after the new items and their clusters
 * are written and before `listening.items-collected` is appended: whatever it writes commits with
 * the items, so nothing reading that event sees an item without it. It receives only items new to
 * the database (a redelivered batch calls it with none).
 */
export type StoredItemsHook = (tx: Executor, items: readonly StoredItem[]) => Promise<void>;

const columns = {
  id: listeningItems.id,
  unitId: listeningItems.unitId,
  sourceId: listeningItems.sourceId,
  text: listeningItems.text,
  title: listeningItems.title,
  language: listeningItems.language,
  clusterId: listeningItems.clusterId,
  publishedAt: listeningItems.publishedAt,
  author: listeningItems.author,
  countries: listeningItems.countries,
  url: listeningItems.url,
};

const toStored = (r: Omit<StoredItem, 'clusterId'> & { clusterId: string | null }): StoredItem => ({ ...r, clusterId: r.clusterId ?? r.id });

/** These items (those that exist). */
export async function storedItems(tx: Executor, ids: readonly string[]): Promise<StoredItem[]> {
  if (ids.length === 0) return [];
  return (await tx.select(columns).from(listeningItems).where(inArray(listeningItems.id, [...ids]))).map(toStored);
}

/** A page of stored items in id order (time-ordered UUIDv7) after `afterId`, of these units. */
export async function storedItemsPage(tx: Executor, opts: { afterId: string | null; limit: number; unitIds: readonly string[] }): Promise<StoredItem[]> {
  if (opts.unitIds.length === 0) return [];
  const where = and(opts.afterId ? gt(listeningItems.id, opts.afterId) : undefined, inArray(listeningItems.unitId, [...opts.unitIds]));
  return (await tx.select(columns).from(listeningItems).where(where).orderBy(asc(listeningItems.id)).limit(opts.limit)).map(toStored);
}
