// A ClaimReview JSON-LD file into the registry of one unit, all or nothing: every entry is checked
// first, and a file with any bad entry is refused with each entry's index and reason. A review
// already registered at the unit (same review URL and claim) is updated rather than doubled, so the
// same file twice changes nothing. Narratives named by `isPartOf` are found by name or created.
// Polled ClaimReview feeds (claim-feeds/poll-claim-feed.job.ts) call `importClaimReviews` with the good entries of each poll.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { manageablePath } from '../integrity.policy.ts';
import { integrityClaims, integrityNarratives } from '../integrity.tables.ts';
import { enqueueBackfill } from './backfill-claims.job.ts';
import { bumpRegistryVersion } from './claim-index.ts';
import { type ClaimReviewEntry, claimReviewDocument, type ExportableClaim, readClaimReviews } from './claim-review.ts';
import { claimColumns, replaceTranslations, translationsOf } from './claims.repo.ts';
import { insertClaim } from './manage-claims.ts';

async function narrativeIdFor(tx: Executor, unitId: string, name: string | null, createdBy: string | null, cache: Map<string, string>): Promise<string | null> {
  if (!name) return null;
  const known = cache.get(name);
  if (known) return known;
  const [row] = await tx
    .select({ id: integrityNarratives.id })
    .from(integrityNarratives)
    .where(and(eq(integrityNarratives.unitId, unitId), eq(integrityNarratives.name, name)));
  const id = row?.id ?? newIdFor();
  if (!row) await tx.insert(integrityNarratives).values({ id, unitId, name, createdBy });
  cache.set(name, id);
  return id;
}

/** Writes checked reviews into the unit's registry in the caller's transaction. */
export async function importClaimReviews(tx: Executor, unitId: string, entries: readonly ClaimReviewEntry[], createdBy: string | null): Promise<{ created: number; updated: number; ids: string[] }> {
  const narratives = new Map<string, string>();
  const ids: string[] = [];
  const fresh: string[] = [];
  let updated = 0;
  for (const entry of entries) {
    const narrativeId = await narrativeIdFor(tx, unitId, entry.narrativeName, createdBy, narratives);
    const input = { ...entry.claim, unitId, narrativeId };
    const [existing] = await tx
      .select({ id: integrityClaims.id })
      .from(integrityClaims)
      .where(and(eq(integrityClaims.unitId, unitId), input.url === null ? isNull(integrityClaims.url) : eq(integrityClaims.url, input.url), eq(integrityClaims.claimReviewed, input.claimReviewed)));
    if (existing) {
      await tx
        .update(integrityClaims)
        .set({ ...claimColumns(input), updatedAt: new Date() })
        .where(eq(integrityClaims.id, existing.id));
      await replaceTranslations(tx, existing.id, input.translations);
      ids.push(existing.id);
      updated++;
    } else {
      const row = await insertClaim(tx, input, 'import', createdBy);
      ids.push(row.id);
      fresh.push(row.id);
    }
  }
  await bumpRegistryVersion(tx);
  // One back-fill for every new claim of the file (an updated review keeps its links; its words rarely change).
  await enqueueBackfill(tx, { claimIds: fresh, unitId });
  return { created: fresh.length, updated, ids };
}

/** The import route's command: `integrity.manage` at the unit, the whole file checked before anything is written. */
export async function importClaimFile(ctx: PlatformContext, p: Principal, unitId: string, doc: unknown, actor: Actor): Promise<{ created: number; updated: number; ids: string[] }> {
  await manageablePath(ctx.db, p, unitId);
  const read = readClaimReviews(doc);
  if ('problems' in read) throw new AppError('integrity-claims.invalid-file', undefined, { problems: read.problems.slice(0, 200), count: read.problems.length });
  return inTransaction(ctx, async (tx) => {
    const result = await importClaimReviews(tx, unitId, read.entries, p.userId);
    await appendAudit(tx, actor, { action: 'integrity-claims.imported', targetType: 'integrity-claim', targetId: null, unitId, summary: { reviews: read.entries.length, created: result.created, updated: result.updated } });
    return result;
  });
}

/** The claims of these units as a ClaimReview JSON-LD document. */
export async function exportClaims(x: Executor, opts: { unitIds: readonly string[]; narrativeId?: string | undefined; rebuttals?: ((claimIds: string[]) => Promise<Record<string, unknown>[]>) | undefined }): Promise<Record<string, unknown>> {
  if (opts.unitIds.length === 0) return claimReviewDocument([]);
  const rows = await x
    .select()
    .from(integrityClaims)
    .where(and(inArray(integrityClaims.unitId, [...opts.unitIds]), opts.narrativeId ? eq(integrityClaims.narrativeId, opts.narrativeId) : undefined))
    .orderBy(integrityClaims.id);
  const translations = await translationsOf(
    x,
    rows.map((r) => r.id),
  );
  const narrativeIds = [...new Set(rows.map((r) => r.narrativeId).filter((n): n is string => n !== null))];
  const names = new Map(
    narrativeIds.length === 0 ? [] : (await x.select({ id: integrityNarratives.id, name: integrityNarratives.name }).from(integrityNarratives).where(inArray(integrityNarratives.id, narrativeIds))).map((n) => [n.id, n.name]),
  );
  const claims: ExportableClaim[] = rows.map((r) => ({
    unitId: r.unitId,
    claimReviewed: r.claimReviewed,
    headline: r.headline,
    language: r.language,
    itemReviewed: { authorName: r.itemAuthorName, datePublished: r.itemDatePublished, appearanceUrls: r.appearanceUrls },
    reviewRating: r.rating,
    reviewAuthor: r.reviewAuthor,
    url: r.url,
    datePublished: r.datePublished,
    outlets: r.outlets,
    targetCountries: r.targetCountries,
    summary: r.summary,
    disproof: r.disproof,
    narrativeId: r.narrativeId,
    translations: translations.get(r.id) ?? [],
    narrativeName: r.narrativeId ? (names.get(r.narrativeId) ?? null) : null,
  }));
  const doc = claimReviewDocument(claims);
  // The ministry's own rebuttals follow the registry's reviews, each as its newsroom page has it.
  if (opts.rebuttals && rows.length > 0) doc['@graph'] = [...(doc['@graph'] as unknown[]), ...(await opts.rebuttals(rows.map((r) => r.id)))];
  return doc;
}
