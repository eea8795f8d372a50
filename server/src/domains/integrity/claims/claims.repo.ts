import type { CreateClaimRequest } from '@diplodesk/contracts';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { integrityClaimLinks, integrityClaims, integrityClaimTranslations } from '../integrity.tables.ts';

export type ClaimRow = typeof integrityClaims.$inferSelect;
export type ClaimTranslationRow = { language: string; text: string };
export type LinkCounts = { auto: number; suggested: number; confirmed: number; rejected: number };
/** A claim as written by a command: the contract's input with its defaults applied. */
export type ClaimValues = Required<Omit<CreateClaimRequest, 'unitId' | 'translations'>> & { translations: ClaimTranslationRow[] };

export async function findClaim(x: Executor, id: string): Promise<ClaimRow | undefined> {
  const [row] = await x.select().from(integrityClaims).where(eq(integrityClaims.id, id));
  return row;
}

export async function translationsOf(x: Executor, claimIds: readonly string[]): Promise<Map<string, ClaimTranslationRow[]>> {
  const out = new Map<string, ClaimTranslationRow[]>();
  if (claimIds.length === 0) return out;
  const rows = await x
    .select()
    .from(integrityClaimTranslations)
    .where(inArray(integrityClaimTranslations.claimId, [...claimIds]))
    .orderBy(asc(integrityClaimTranslations.language));
  for (const r of rows) out.set(r.claimId, [...(out.get(r.claimId) ?? []), { language: r.language, text: r.text }]);
  return out;
}

export async function linkCountsOf(x: Executor, claimIds: readonly string[]): Promise<Map<string, LinkCounts>> {
  const out = new Map<string, LinkCounts>();
  if (claimIds.length === 0) return out;
  const rows = await x
    .select({ claimId: integrityClaimLinks.claimId, state: integrityClaimLinks.state, n: count() })
    .from(integrityClaimLinks)
    .where(inArray(integrityClaimLinks.claimId, [...claimIds]))
    .groupBy(integrityClaimLinks.claimId, integrityClaimLinks.state);
  for (const r of rows) {
    const c = out.get(r.claimId) ?? { auto: 0, suggested: 0, confirmed: 0, rejected: 0 };
    c[r.state] = Number(r.n);
    out.set(r.claimId, c);
  }
  return out;
}

export async function listClaims(x: Executor, opts: { unitIds: readonly string[]; narrativeId?: string | undefined; q?: string | undefined; limit: number; offset: number }): Promise<{ rows: ClaimRow[]; total: number }> {
  if (opts.unitIds.length === 0) return { rows: [], total: 0 };
  const conditions: (SQL | undefined)[] = [inArray(integrityClaims.unitId, [...opts.unitIds])];
  if (opts.narrativeId) conditions.push(eq(integrityClaims.narrativeId, opts.narrativeId));
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(integrityClaims.claimReviewed, like), ilike(integrityClaims.headline, like)));
  }
  const where = and(...conditions);
  const rows = await x.select().from(integrityClaims).where(where).orderBy(desc(integrityClaims.createdAt), desc(integrityClaims.id)).limit(opts.limit).offset(opts.offset);
  const [total] = await x.select({ n: count() }).from(integrityClaims).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The table's columns for a claim's values. */
export function claimColumns(v: Omit<ClaimValues, 'translations'>) {
  return {
    claimReviewed: v.claimReviewed,
    headline: v.headline,
    language: v.language,
    itemAuthorName: v.itemReviewed.authorName ?? null,
    itemDatePublished: v.itemReviewed.datePublished ?? null,
    appearanceUrls: v.itemReviewed.appearanceUrls ?? [],
    rating: { alternateName: v.reviewRating.alternateName, ratingValue: v.reviewRating.ratingValue ?? null, bestRating: v.reviewRating.bestRating ?? null, worstRating: v.reviewRating.worstRating ?? null },
    reviewAuthor: v.reviewAuthor,
    url: v.url,
    datePublished: v.datePublished,
    outlets: v.outlets,
    targetCountries: v.targetCountries,
    summary: v.summary,
    disproof: v.disproof,
    narrativeId: v.narrativeId,
  };
}

/** Replaces a claim's translations (one per language; the last given wins). */
export async function replaceTranslations(x: Executor, claimId: string, translations: readonly ClaimTranslationRow[]): Promise<void> {
  await x.delete(integrityClaimTranslations).where(eq(integrityClaimTranslations.claimId, claimId));
  const byLanguage = new Map(translations.map((t) => [t.language, t.text]));
  if (byLanguage.size > 0) await x.insert(integrityClaimTranslations).values([...byLanguage].map(([language, text]) => ({ claimId, language, text })));
}
