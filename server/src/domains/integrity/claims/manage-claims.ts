// Registering, changing and deleting a claim. Each change bumps the registry's version in its
// transaction (every process's matcher rebuilds before its next batch), is audited, and — when the
// words the matcher reads changed — queues the back-fill that finds the claim in stored items.
import type { createClaimRequest, updateClaimRequest } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { manageablePath } from '../integrity.policy.ts';
import { integrityClaimLinks, integrityClaims, integrityClaimTranslations, integrityNarratives } from '../integrity.tables.ts';
import { enqueueBackfill } from './backfill-claims.job.ts';
import { bumpRegistryVersion } from './claim-index.ts';
import { type ClaimRow, claimColumns, findClaim, replaceTranslations, translationsOf } from './claims.repo.ts';

type CreateInput = z.output<typeof createClaimRequest>;
type UpdateInput = z.output<typeof updateClaimRequest>;

/** What an audit entry says about a claim. */
const summaryOf = (r: Pick<ClaimRow, 'claimReviewed' | 'language' | 'url' | 'narrativeId'> & { rating: { alternateName: string } }, translations: number) => ({
  claimReviewed: r.claimReviewed.slice(0, 200),
  language: r.language,
  rating: r.rating.alternateName,
  url: r.url,
  narrativeId: r.narrativeId,
  translations,
});

export async function checkNarrative(x: Executor, narrativeId: string | null | undefined): Promise<void> {
  if (!narrativeId) return;
  const [row] = await x.select({ id: integrityNarratives.id }).from(integrityNarratives).where(eq(integrityNarratives.id, narrativeId));
  if (!row) throw new AppError('integrity-narrative.not-found');
}

/** Stores a new claim in the caller's transaction (the import writes many in one): row, translations, version. The caller queues the back-fill. */
export async function insertClaim(tx: Executor, input: CreateInput, origin: 'manual' | 'import', createdBy: string | null): Promise<ClaimRow> {
  const [row] = await tx
    .insert(integrityClaims)
    .values({ id: newIdFor(), unitId: input.unitId, ...claimColumns(input), origin, createdBy })
    .returning();
  if (!row) throw new Error('claim not stored');
  await replaceTranslations(tx, row.id, input.translations);
  await bumpRegistryVersion(tx);
  return row;
}

export async function createClaim(ctx: PlatformContext, p: Principal, input: CreateInput, actor: Actor): Promise<ClaimRow> {
  await manageablePath(ctx.db, p, input.unitId);
  await checkNarrative(ctx.db, input.narrativeId);
  return inTransaction(ctx, async (tx) => {
    const row = await insertClaim(tx, input, 'manual', p.userId);
    await enqueueBackfill(tx, { claimIds: [row.id], unitId: row.unitId });
    await appendAudit(tx, actor, { action: 'integrity-claim.created', targetType: 'integrity-claim', targetId: row.id, unitId: row.unitId, summary: summaryOf(row, input.translations.length) });
    return row;
  });
}

export async function changeClaim(ctx: PlatformContext, p: Principal, id: string, input: UpdateInput, actor: Actor): Promise<ClaimRow> {
  const existing = await findClaim(ctx.db, id);
  if (!existing) throw new AppError('integrity-claim.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  if (input.narrativeId !== undefined) await checkNarrative(ctx.db, input.narrativeId);
  return inTransaction(ctx, async (tx) => {
    const [locked] = await tx.select().from(integrityClaims).where(eq(integrityClaims.id, id)).for('update');
    if (!locked) throw new AppError('integrity-claim.not-found');
    const current = (await translationsOf(tx, [id])).get(id) ?? [];
    const merged = {
      ...claimColumns({
        claimReviewed: input.claimReviewed ?? locked.claimReviewed,
        headline: input.headline !== undefined ? input.headline : locked.headline,
        language: input.language ?? locked.language,
        itemReviewed: input.itemReviewed ?? { authorName: locked.itemAuthorName, datePublished: locked.itemDatePublished, appearanceUrls: locked.appearanceUrls },
        reviewRating: input.reviewRating ?? locked.rating,
        reviewAuthor: input.reviewAuthor !== undefined ? input.reviewAuthor : locked.reviewAuthor,
        url: input.url !== undefined ? input.url : locked.url,
        datePublished: input.datePublished !== undefined ? input.datePublished : locked.datePublished,
        outlets: input.outlets ?? locked.outlets,
        targetCountries: input.targetCountries ?? locked.targetCountries,
        summary: input.summary !== undefined ? input.summary : locked.summary,
        disproof: input.disproof !== undefined ? input.disproof : locked.disproof,
        narrativeId: input.narrativeId !== undefined ? input.narrativeId : locked.narrativeId,
      }),
    };
    const [row] = await tx
      .update(integrityClaims)
      .set({ ...merged, updatedAt: new Date() })
      .where(eq(integrityClaims.id, id))
      .returning();
    if (!row) throw new AppError('integrity-claim.not-found');
    const translations = input.translations ?? current;
    if (input.translations) await replaceTranslations(tx, id, input.translations);
    // The words the matcher reads: a change of them is a new claim to look for in history.
    const reworded =
      row.claimReviewed !== locked.claimReviewed ||
      row.headline !== locked.headline ||
      row.language !== locked.language ||
      (input.translations !== undefined && JSON.stringify(input.translations) !== JSON.stringify(current));
    await bumpRegistryVersion(tx);
    if (reworded) await enqueueBackfill(tx, { claimIds: [id], unitId: row.unitId });
    await appendAudit(tx, actor, { action: 'integrity-claim.updated', targetType: 'integrity-claim', targetId: id, unitId: row.unitId, summary: { ...summaryOf(row, translations.length), changed: Object.keys(input), reworded } });
    return row;
  });
}

/** Deletes a claim with its translations and links; its findings stay (they are the record of what was seen). */
export async function deleteClaim(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  const existing = await findClaim(ctx.db, id);
  if (!existing) throw new AppError('integrity-claim.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  await inTransaction(ctx, async (tx) => {
    const deleted = await tx.delete(integrityClaims).where(eq(integrityClaims.id, id)).returning({ id: integrityClaims.id });
    if (deleted.length === 0) throw new AppError('integrity-claim.not-found');
    await tx.delete(integrityClaimTranslations).where(eq(integrityClaimTranslations.claimId, id));
    const links = await tx.delete(integrityClaimLinks).where(eq(integrityClaimLinks.claimId, id)).returning({ id: integrityClaimLinks.id });
    await bumpRegistryVersion(tx);
    await appendAudit(tx, actor, { action: 'integrity-claim.deleted', targetType: 'integrity-claim', targetId: id, unitId: existing.unitId, summary: { ...summaryOf(existing, 0), links: links.length } });
  });
}
