// The ClaimReviews the newsroom publishes (ADR 0028), for integrity's export: each live language
// version of a rebuttal, exactly as its page embeds it. Through statements' index only.
import { and, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Config } from '../../../platform/config/config.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { findRootUnit } from '../../identity/index.ts';
import { statements } from '../statements.tables.ts';
import { claimReviewOf } from './claim-review-ld.ts';
import { newsroomEntries } from './newsroom.tables.ts';
import { entryUrl } from './record-signed-statement.ts';

export type PublishedClaimReview = { claimId: string; statementId: string; review: Record<string, unknown> };

/**
 * The public, not withdrawn, ClaimReviews of rebuttals of these registry claims, oldest first.
 *
 * @example publishedClaimReviews(db, config, claimIds)
 */
export async function publishedClaimReviews(x: Executor, config: Pick<Config, 'publicUrl' | 'orgName'>, claimIds: readonly string[]): Promise<PublishedClaimReview[]> {
  if (claimIds.length === 0) return [];
  const rebuttals = await x
    .select({ id: statements.id, claimId: sql<string>`${statements.respondsTo}->'review'->>'claimId'` })
    .from(statements)
    .where(inArray(sql<string>`${statements.respondsTo}->'review'->>'claimId'`, [...claimIds]));
  if (rebuttals.length === 0) return [];
  const claimOf = new Map(rebuttals.map((r) => [r.id, r.claimId]));
  const entries = await x
    .select()
    .from(newsroomEntries)
    .where(and(inArray(newsroomEntries.statementId, [...claimOf.keys()]), isNull(newsroomEntries.withdrawnAt), lte(newsroomEntries.publishedAt, sql`now()`)))
    .orderBy(newsroomEntries.publishedAt, newsroomEntries.id);
  const organisation = (await findRootUnit(x))?.name ?? config.orgName;
  return entries.flatMap((e) => {
    const review = claimReviewOf(e, { url: entryUrl(config, e), organisation, publicUrl: config.publicUrl });
    const claimId = claimOf.get(e.statementId);
    return review && claimId ? [{ claimId, statementId: e.statementId, review }] : [];
  });
}
