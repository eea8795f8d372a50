// How fast near-duplicate clusters spread, for insights' "cluster growing faster than N accounts
// per hour" alerts (ADR 0015): distinct accounts per cluster and UTC hour, never the items' text.
import { and, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { listeningItems } from '../listening.tables.ts';

export type ClusterHour = { clusterId: string; at: Date; accounts: number; items: number };

/**
 * Who posted it: the author's id, handle or name; an item without an author (a news feed) counts
 * as its source, so a feed repeating one story is one account, not many.
 */
const accountOf = sql`coalesce(${listeningItems.author}->>'id', ${listeningItems.author}->>'handle', ${listeningItems.author}->>'name', 'source:' || ${listeningItems.sourceId}::text)`;

/**
 * Distinct accounts and items per near-duplicate cluster and UTC hour, for the items of `unitIds`
 * published in [from, to). With `minAccounts`, only the (cluster, hour) pairs reaching it; with
 * `clusterIds`, only those clusters. Oldest hour first.
 */
export async function clusterAccountsPerHour(
  tx: Executor,
  q: { unitIds: readonly string[]; from: Date; to: Date; minAccounts?: number; clusterIds?: readonly string[] },
): Promise<ClusterHour[]> {
  if (q.unitIds.length === 0 || q.clusterIds?.length === 0) return [];
  const where = and(
    inArray(listeningItems.unitId, [...q.unitIds]),
    isNotNull(listeningItems.clusterId),
    gte(listeningItems.publishedAt, q.from),
    lt(listeningItems.publishedAt, q.to),
    q.clusterIds ? inArray(listeningItems.clusterId, [...q.clusterIds]) : undefined,
  );
  const having = q.minAccounts ? sql`having count(distinct ${accountOf}) >= ${q.minAccounts}` : sql``;
  const rows = await queryRows<{ cluster_id: string; at: string | Date; accounts: number; items: number }>(
    tx,
    sql`select ${listeningItems.clusterId} as cluster_id, date_trunc('hour', ${listeningItems.publishedAt} at time zone 'UTC') at time zone 'UTC' as at,
        count(distinct ${accountOf})::int as accounts, count(*)::int as items
      from ${listeningItems} where ${where} group by 1, 2 ${having} order by 2, 1`,
  );
  return rows.map((r) => ({ clusterId: r.cluster_id, at: new Date(r.at), accounts: Number(r.accounts), items: Number(r.items) }));
}
