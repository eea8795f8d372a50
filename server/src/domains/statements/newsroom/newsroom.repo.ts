import { and, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { statements } from '../statements.tables.ts';
import { type NewsroomEntryRow, newsroomEntries } from './newsroom.tables.ts';

// All queries of the newsroom; "public" always means published_at <= now() in the database's clock.
const isPublic = lte(newsroomEntries.publishedAt, sql`now()`);

export async function findEntryByStatementLanguage(x: Executor, statementId: string, language: string): Promise<NewsroomEntryRow | undefined> {
  const [row] = await x
    .select()
    .from(newsroomEntries)
    .where(and(eq(newsroomEntries.statementId, statementId), eq(newsroomEntries.language, language)))
    .for('update');
  return row;
}

export async function insertEntry(x: Executor, row: typeof newsroomEntries.$inferInsert & { id: string }): Promise<void> {
  await x.insert(newsroomEntries).values(row);
}

export async function replaceEntry(x: Executor, id: string, values: Partial<typeof newsroomEntries.$inferInsert>): Promise<void> {
  await x.update(newsroomEntries).set(values).where(eq(newsroomEntries.id, id));
}

export async function markWithdrawn(x: Executor, id: string, values: { reason: string; at: Date; canonical: string; jws: string }): Promise<void> {
  await x
    .update(newsroomEntries)
    .set({ withdrawnAt: values.at, withdrawReason: values.reason, withdrawalCanonical: values.canonical, withdrawalJws: values.jws })
    .where(and(eq(newsroomEntries.id, id), isNull(newsroomEntries.withdrawnAt)));
}

export async function deleteUnpublished(x: Executor, statementId: string): Promise<void> {
  await x.delete(newsroomEntries).where(and(eq(newsroomEntries.statementId, statementId), gt(newsroomEntries.publishedAt, sql`now()`)));
}

export async function entriesOfStatement(x: Executor, statementId: string): Promise<NewsroomEntryRow[]> {
  return x.select().from(newsroomEntries).where(eq(newsroomEntries.statementId, statementId)).orderBy(newsroomEntries.language);
}

/** The language versions of several statements (language and slug only: enough for a link). */
export async function entriesOfStatements(x: Executor, statementIds: readonly string[]): Promise<Pick<NewsroomEntryRow, 'statementId' | 'language' | 'slug'>[]> {
  if (statementIds.length === 0) return [];
  return x.select({ statementId: newsroomEntries.statementId, language: newsroomEntries.language, slug: newsroomEntries.slug }).from(newsroomEntries).where(inArray(newsroomEntries.statementId, [...statementIds]));
}

export async function findPublicEntry(x: Executor, id: string): Promise<NewsroomEntryRow | undefined> {
  const [row] = await x
    .select()
    .from(newsroomEntries)
    .where(and(eq(newsroomEntries.id, id), isPublic));
  return row;
}

export async function findPublicEntryBySlug(x: Executor, language: string, slug: string): Promise<NewsroomEntryRow | undefined> {
  const [row] = await x
    .select()
    .from(newsroomEntries)
    .where(and(eq(newsroomEntries.language, language), eq(newsroomEntries.slug, slug), isPublic));
  return row;
}

/** Public language versions of the same statement, for the "also available in" links. */
export async function publicSiblings(x: Executor, statementId: string, exceptId: string): Promise<Pick<NewsroomEntryRow, 'id' | 'language' | 'slug' | 'title'>[]> {
  return x
    .select({ id: newsroomEntries.id, language: newsroomEntries.language, slug: newsroomEntries.slug, title: newsroomEntries.title })
    .from(newsroomEntries)
    .where(and(eq(newsroomEntries.statementId, statementId), isPublic, sql`${newsroomEntries.id} <> ${exceptId}`))
    .orderBy(newsroomEntries.language);
}

export type EntryCursor = { publishedAt: Date; id: string };

/** Newest public entries first, keyset-paged (stable while new statements arrive). */
export async function listPublicEntries(x: Executor, opts: { language?: string; before?: EntryCursor; limit: number }): Promise<NewsroomEntryRow[]> {
  const before = opts.before
    ? or(lt(newsroomEntries.publishedAt, opts.before.publishedAt), and(eq(newsroomEntries.publishedAt, opts.before.publishedAt), lt(newsroomEntries.id, opts.before.id)))
    : undefined;
  return x
    .select()
    .from(newsroomEntries)
    .where(and(isPublic, opts.language ? eq(newsroomEntries.language, opts.language) : undefined, before))
    .orderBy(desc(newsroomEntries.publishedAt), desc(newsroomEntries.id))
    .limit(opts.limit);
}

/** Public entries not withdrawn: what the newsroom has out (NodeInfo's local posts). */
export async function countLivePublicEntries(x: Executor): Promise<number> {
  const [row] = await x.select({ n: sql<number>`count(*)::int` }).from(newsroomEntries).where(and(isPublic, isNull(newsroomEntries.withdrawnAt)));
  return row?.n ?? 0;
}

export async function publicLanguages(x: Executor): Promise<string[]> {
  const rows = await x.selectDistinct({ language: newsroomEntries.language }).from(newsroomEntries).where(isPublic).orderBy(newsroomEntries.language);
  return rows.map((r) => r.language);
}

export async function publicEntriesByContentHash(x: Executor, hashes: string[]): Promise<NewsroomEntryRow[]> {
  if (hashes.length === 0) return [];
  return x
    .select()
    .from(newsroomEntries)
    .where(and(inArray(newsroomEntries.contentSha256, hashes), isPublic))
    .orderBy(desc(newsroomEntries.publishedAt))
    .limit(20);
}

/**
 * Candidates for a fuzzy match: public entries sharing words with the text, best full-text rank
 * first. Uses the GIN index on to_tsvector('simple', body), built in on PGlite and PostgreSQL.
 */
export async function publicEntriesSharingWords(x: Executor, terms: string[], limit: number): Promise<NewsroomEntryRow[]> {
  if (terms.length === 0) return [];
  const query = sql`to_tsquery('simple', ${terms.join(' | ')})`;
  const vector = sql`to_tsvector('simple', ${newsroomEntries.body})`;
  return x
    .select()
    .from(newsroomEntries)
    .where(and(isPublic, sql`${vector} @@ ${query}`))
    .orderBy(sql`ts_rank(${vector}, ${query}) desc`, desc(newsroomEntries.publishedAt))
    .limit(limit);
}

/** The audience time zone of each statement: newsroom dates are told in it, not in UTC. */
export async function audienceZones(x: Executor, statementIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(statementIds)];
  if (ids.length === 0) return new Map();
  const rows = await x.select({ id: statements.id, zone: statements.audienceTimeZone }).from(statements).where(inArray(statements.id, ids));
  return new Map(rows.map((r) => [r.id, r.zone]));
}
