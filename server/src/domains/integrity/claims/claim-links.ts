// Item ↔ claim links as people see them (with the claim's debunk), a claim's spread, and a person's
// decision on a link: confirming raises (or adds to) the claim's finding as an automatic link does;
// rejecting keeps the link as rejected, so the matcher never suggests it again.
import { and, asc, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { storedItems } from '../../listening/index.ts';
import { linkPolicies, manageablePath } from '../integrity.policy.ts';
import { integrityClaimLinks, integrityClaims } from '../integrity.tables.ts';
import type { ClaimLinkState } from '@diplodesk/contracts';
import { accountKeyOf, raiseClaimFindings } from './match-items.ts';

export type LinkRow = typeof integrityClaimLinks.$inferSelect;

export async function findLink(x: Executor, id: string): Promise<LinkRow | undefined> {
  const [row] = await x.select().from(integrityClaimLinks).where(eq(integrityClaimLinks.id, id));
  return row;
}

/** Links with their claims, presented for the caller (`paths`: the units they read, id → path). */
export async function presentLinks(x: Executor, p: Principal, paths: ReadonlyMap<string, string>, rows: readonly LinkRow[]) {
  const claimIds = [...new Set(rows.map((r) => r.claimId))];
  const claims = claimIds.length === 0 ? [] : await x.select().from(integrityClaims).where(inArray(integrityClaims.id, claimIds));
  const byId = new Map(claims.map((c) => [c.id, c]));
  return rows.flatMap((r) => {
    const c = byId.get(r.claimId);
    if (!c) return [];
    return [
      {
        id: r.id,
        itemId: r.itemId,
        claimId: r.claimId,
        unitId: r.unitId,
        score: r.score,
        state: r.state,
        decidedBy: r.decidedBy,
        decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
        createdAt: r.createdAt.toISOString(),
        claim: { claimReviewed: c.claimReviewed, rating: c.rating.alternateName, url: c.url, reviewAuthor: c.reviewAuthor, disproof: c.disproof },
        policies: linkPolicies(p, paths.get(r.unitId), r.state),
      },
    ];
  });
}

export async function linksOfItem(x: Executor, itemId: string): Promise<LinkRow[]> {
  return x.select().from(integrityClaimLinks).where(eq(integrityClaimLinks.itemId, itemId)).orderBy(desc(integrityClaimLinks.score));
}

export async function linksOfClaim(x: Executor, claimId: string, unitIds: readonly string[], opts: { state?: ClaimLinkState | undefined; limit: number; offset: number }): Promise<{ rows: LinkRow[]; total: number }> {
  if (unitIds.length === 0) return { rows: [], total: 0 };
  const where = and(eq(integrityClaimLinks.claimId, claimId), inArray(integrityClaimLinks.unitId, [...unitIds]), opts.state ? eq(integrityClaimLinks.state, opts.state) : undefined);
  const rows = await x.select().from(integrityClaimLinks).where(where).orderBy(desc(integrityClaimLinks.createdAt), asc(integrityClaimLinks.id)).limit(opts.limit).offset(opts.offset);
  const [total] = await x.select({ n: count() }).from(integrityClaimLinks).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Links counted in a spread: at most this many items are read (the newest). */
const spreadItems = 10_000;

/** How far a claim spread among the items of these units: items, distinct accounts, countries mentioned, items per day. */
export async function claimSpread(x: Executor, claimId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) return { claimId, items: 0, accounts: 0, countries: [], perDay: [] };
  const links = await x
    .select({ itemId: integrityClaimLinks.itemId })
    .from(integrityClaimLinks)
    .where(and(eq(integrityClaimLinks.claimId, claimId), inArray(integrityClaimLinks.unitId, [...unitIds]), ne(integrityClaimLinks.state, 'rejected'), ne(integrityClaimLinks.state, 'suggested')))
    .orderBy(desc(integrityClaimLinks.createdAt))
    .limit(spreadItems);
  const items = await storedItems(
    x,
    links.map((l) => l.itemId),
  );
  const accounts = new Set(items.map(accountKeyOf).filter((a) => a !== null));
  const countries = new Map<string, number>();
  const days = new Map<string, number>();
  for (const item of items) {
    for (const c of new Set(item.countries)) countries.set(c, (countries.get(c) ?? 0) + 1);
    const day = item.publishedAt.toISOString().slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  return {
    claimId,
    items: items.length,
    accounts: accounts.size,
    countries: [...countries].map(([country, n]) => ({ country, items: n })).sort((a, b) => b.items - a.items || a.country.localeCompare(b.country)),
    perDay: [...days].map(([day, n]) => ({ day, items: n })).sort((a, b) => a.day.localeCompare(b.day)),
  };
}

/** A person confirms or rejects a link (integrity.manage at the item's unit). */
export async function decideLink(ctx: PlatformContext, p: Principal, id: string, decision: 'confirmed' | 'rejected', actor: Actor): Promise<LinkRow> {
  const existing = await findLink(ctx.db, id);
  if (!existing) throw new AppError('integrity-claim-link.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  return inTransaction(ctx, async (tx) => {
    const [link] = await tx.select().from(integrityClaimLinks).where(eq(integrityClaimLinks.id, id)).for('update');
    if (!link) throw new AppError('integrity-claim-link.not-found');
    if (link.state === decision || (decision === 'confirmed' && link.state === 'auto')) throw new AppError('integrity-claim-link.already-decided');
    const [row] = await tx.update(integrityClaimLinks).set({ state: decision, decidedBy: p.userId, decidedAt: new Date() }).where(eq(integrityClaimLinks.id, id)).returning();
    if (!row) throw new AppError('integrity-claim-link.not-found');
    if (decision === 'confirmed') {
      const [item] = await storedItems(tx, [row.itemId]);
      const [claim] = await tx.select({ text: integrityClaims.claimReviewed }).from(integrityClaims).where(eq(integrityClaims.id, row.claimId));
      if (item && claim) await raiseClaimFindings(tx, new Map([[row.claimId, claim.text]]), [{ item, claimId: row.claimId, score: row.score }]);
    }
    await appendAudit(tx, actor, {
      action: decision === 'confirmed' ? 'integrity-claim-link.confirmed' : 'integrity-claim-link.rejected',
      targetType: 'integrity-claim-link',
      targetId: id,
      unitId: row.unitId,
      summary: { itemId: row.itemId, claimId: row.claimId, from: link.state, score: row.score },
    });
    return row;
  });
}
