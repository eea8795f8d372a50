// Queries of the ministry's topic taxonomy. Takes the executor; holds no rules.
import { DEFAULT_TAXONOMY, type Taxonomy } from '@diplodesk/analysis';
import { asc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { findRootUnit } from '../../identity/index.ts';
import { listeningTopics } from '../listening.tables.ts';

export type TopicRow = typeof listeningTopics.$inferSelect;

/** The organisation (root unit) whose taxonomy applies; null before the workspace exists. */
export async function findOrganisationId(x: Executor): Promise<string | null> {
  return (await findRootUnit(x))?.id ?? null;
}

type VersionedRow = { key: string; labels: { en: string; id: string }; keywords: Record<string, string[]>; archived: boolean; version: string };

/**
 * The active topics in the order the ministry set, and a version that changes whenever any
 * topic changes (a hash of every row's content, so an edit committed by a transaction that
 * started earlier is not missed the way a max(updated_at) could miss it). Before the
 * organisation's topics are seeded, the default taxonomy applies (version `default`).
 */
export async function loadTaxonomy(x: Executor, organisationId?: string): Promise<{ taxonomy: Taxonomy; version: string }> {
  const org = organisationId ?? (await findOrganisationId(x));
  if (!org) return { taxonomy: DEFAULT_TAXONOMY, version: 'default' };
  // One statement, one snapshot: the version always describes the rows returned with it.
  const rows = await queryRows<VersionedRow>(
    x,
    sql`select t.key, t.labels, t.keywords, t.archived_at is not null as archived, v.version
        from ${listeningTopics} t cross join (${versionQuery(org)}) v
        where t.organisation_id = ${org}
        order by t.position, t.key`,
  );
  if (rows.length === 0) return { taxonomy: DEFAULT_TAXONOMY, version: 'default' };
  const taxonomy = rows.filter((r) => !r.archived).map((r) => ({ id: r.key, labels: r.labels, keywords: r.keywords }));
  return { taxonomy, version: rows[0]?.version ?? 'default' };
}

/** Just the version, for a worker that checks per batch whether its analyser is still current. */
export async function taxonomyVersion(x: Executor, organisationId?: string): Promise<string> {
  const org = organisationId ?? (await findOrganisationId(x));
  if (!org) return 'default';
  const [row] = await queryRows<{ version: string | null }>(x, versionQuery(org));
  return row?.version ?? 'default';
}

function versionQuery(org: string) {
  return sql`select md5(string_agg(concat_ws('|', id::text, key, labels::text, keywords::text, position::text, coalesce(extract(epoch from archived_at)::text, '')), ';' order by id)) as version
    from ${listeningTopics} where organisation_id = ${org}`;
}

/** Every topic of the organisation, archived ones included, in the ministry's order. */
export function listTopics(x: Executor, organisationId: string): Promise<TopicRow[]> {
  return x.select().from(listeningTopics).where(eq(listeningTopics.organisationId, organisationId)).orderBy(asc(listeningTopics.position), asc(listeningTopics.key));
}

export async function findTopic(x: Executor, id: string): Promise<TopicRow | undefined> {
  const [row] = await x.select().from(listeningTopics).where(eq(listeningTopics.id, id));
  return row;
}

export async function insertTopic(x: Executor, row: typeof listeningTopics.$inferInsert): Promise<TopicRow | undefined> {
  const [created] = await x.insert(listeningTopics).values(row).onConflictDoNothing({ target: [listeningTopics.organisationId, listeningTopics.key] }).returning();
  return created;
}

export async function updateTopic(x: Executor, id: string, patch: Partial<typeof listeningTopics.$inferInsert>): Promise<TopicRow> {
  const [row] = await x
    .update(listeningTopics)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(listeningTopics.id, id))
    .returning();
  return row as TopicRow;
}

/**
 * Serialises changes to one organisation's taxonomy (keys, positions, re-apply runs) across
 * transactions and instances, until the caller's transaction ends.
 */
export async function lockTaxonomy(tx: Executor, organisationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`listening-topics:${organisationId}`}))`);
}

/** Items published since `since` per topic key (the list's "items in 30 days"). */
export async function topicItemCounts(x: Executor, since: Date): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; n: number }>(
    x,
    sql`select k as key, count(*)::int as n
        from listening_items i cross join lateral jsonb_array_elements_text(i.topic_ids) k
        where i.published_at >= ${since.toISOString()}::timestamptz
        group by k`,
  );
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}
