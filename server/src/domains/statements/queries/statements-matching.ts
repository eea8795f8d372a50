// What other domains may read of statements by their words and tags (the cooperation finder: our
// statements on a topic, our statements naming a country). Through the index only.
import { and, desc, gte, inArray, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { statements } from '../statements.tables.ts';

export type MatchingStatement = { id: string; unitId: string; title: string; status: string; at: Date; tags: string[]; searchText: string };

/**
 * Statements of `unitIds` changed since `since` (withdrawn ones left out) whose text contains any of
 * `terms` (case-insensitive, whole text) or that carry any of `tags`, newest first, at most `limit`.
 *
 * @example statementsMatching(db, { unitIds, terms: ['japan', 'jepang'], tags: ['JP'], since, limit: 10 })
 */
export async function statementsMatching(
  x: Executor,
  q: { unitIds: readonly string[]; terms: readonly string[]; tags: readonly string[]; since: Date; limit: number },
): Promise<MatchingStatement[]> {
  const terms = q.terms.map((t) => t.trim().toLowerCase()).filter((t) => t.length >= 2);
  if (q.unitIds.length === 0 || (terms.length === 0 && q.tags.length === 0)) return [];
  const byTerm = terms.map((t) => sql`position(${t} in ${statements.searchText}) > 0`);
  const byTag = q.tags.length > 0 ? [sql`${statements.tags} ?| array[${sql.join(q.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`] : [];
  const rows = await x
    .select({ id: statements.id, unitId: statements.unitId, content: statements.content, status: statements.status, updatedAt: statements.updatedAt, publishedAt: statements.publishedAt, tags: statements.tags, searchText: statements.searchText })
    .from(statements)
    .where(and(inArray(statements.unitId, [...q.unitIds]), ne(statements.status, 'withdrawn'), gte(statements.updatedAt, q.since), or(...byTerm, ...byTag)))
    .orderBy(desc(statements.updatedAt))
    .limit(q.limit);
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unitId,
    title: r.content.texts[0]?.title ?? '',
    status: r.status,
    at: r.publishedAt ?? r.updatedAt,
    tags: r.tags,
    searchText: r.searchText,
  }));
}
