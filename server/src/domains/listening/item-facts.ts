// What other domains may read of stored items for aggregates (insights): the analysis that
// decides where an item counts, never its text. Through listening's index only.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { listeningItems, listeningSources } from './listening.tables.ts';

/**
 * A GDELT event behind an item (the `gdelt` connector stores the parsed event in `raw`): its CAMEO
 * root code ("01"…"20"), its Goldstein scale (−10…10) and the country where it took place
 * (ISO 3166-1 alpha-2 of the action geography), when GDELT coded one.
 */
export type ItemEvent = { rootCode: string; goldstein: number | null; actionCountry: string | null };

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
  /** The coded event, when the item is a GDELT event; null for every other item. */
  event?: ItemEvent | null;
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
  // Read from the raw payload only for the gdelt connector: another source's raw is its own shape.
  eventRoot: sql<string | null>`case when ${listeningSources.connector} = 'gdelt' then ${listeningItems.raw}->>'eventRootCode' end`,
  goldstein: sql<string | number | null>`case when ${listeningSources.connector} = 'gdelt' and jsonb_typeof(${listeningItems.raw}->'goldsteinScale') = 'number' then (${listeningItems.raw}->>'goldsteinScale')::float8 end`,
  actionCountry: sql<string | null>`case when ${listeningSources.connector} = 'gdelt' then ${listeningItems.raw}->'actionGeo'->>'countryIso' end`,
};

type FactRow = Omit<ItemFacts, 'event'> & { eventRoot: string | null; goldstein: string | number | null; actionCountry: string | null };

function toFacts({ eventRoot, goldstein, actionCountry, ...row }: FactRow): ItemFacts {
  const rootCode = typeof eventRoot === 'string' && /^\d{2}$/.test(eventRoot) ? eventRoot : null;
  const scale = goldstein === null ? null : Number(goldstein);
  const country = typeof actionCountry === 'string' && /^[A-Z]{2}$/.test(actionCountry) ? actionCountry : null;
  return { ...row, event: rootCode ? { rootCode, goldstein: scale !== null && Number.isFinite(scale) ? scale : null, actionCountry: country } : null };
}

const selectFacts = (tx: Executor) => tx.select(columns).from(listeningItems).leftJoin(listeningSources, eq(listeningSources.id, listeningItems.sourceId));

/** The facts of these items (those that exist; an id of a removed item is left out). */
export async function itemFacts(tx: Executor, ids: readonly string[]): Promise<ItemFacts[]> {
  if (ids.length === 0) return [];
  return (await selectFacts(tx).where(inArray(listeningItems.id, [...ids]))).map(toFacts);
}

/** A page of every item's facts in id order (ids are time-ordered UUIDv7), after `afterId`. */
export async function itemFactsPage(tx: Executor, opts: { afterId: string | null; limit: number; unitIds?: readonly string[] }): Promise<ItemFacts[]> {
  const where = and(opts.afterId ? gt(listeningItems.id, opts.afterId) : undefined, opts.unitIds ? inArray(listeningItems.unitId, [...opts.unitIds]) : undefined);
  return (await selectFacts(tx).where(where).orderBy(asc(listeningItems.id)).limit(opts.limit)).map(toFacts);
}

/** How many items there are (in these units): the denominator of a rebuild's progress. */
export async function countItems(tx: Executor, unitIds?: readonly string[]): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(listeningItems)
    .where(unitIds ? inArray(listeningItems.unitId, [...unitIds]) : undefined);
  return row?.n ?? 0;
}
