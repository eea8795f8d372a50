// Narratives group claims; adding or renaming one is audited.
import type { narrativeRequest, updateNarrativeRequest } from '@diplodesk/contracts';
import { count, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { manageablePath } from '../integrity.policy.ts';
import { integrityClaims, integrityNarratives } from '../integrity.tables.ts';

export type NarrativeRow = typeof integrityNarratives.$inferSelect;

export async function findNarrative(x: Executor, id: string): Promise<NarrativeRow | undefined> {
  const [row] = await x.select().from(integrityNarratives).where(eq(integrityNarratives.id, id));
  return row;
}

export async function listNarratives(x: Executor, unitIds: readonly string[]): Promise<(NarrativeRow & { claims: number })[]> {
  if (unitIds.length === 0) return [];
  const rows = await x.select().from(integrityNarratives).where(inArray(integrityNarratives.unitId, [...unitIds])).orderBy(desc(integrityNarratives.createdAt));
  const counts = rows.length === 0 ? [] : await x.select({ id: integrityClaims.narrativeId, n: count() }).from(integrityClaims).where(inArray(integrityClaims.narrativeId, rows.map((r) => r.id))).groupBy(integrityClaims.narrativeId);
  const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return rows.map((r) => ({ ...r, claims: byId.get(r.id) ?? 0 }));
}

export async function createNarrative(ctx: PlatformContext, p: Principal, input: z.output<typeof narrativeRequest>, actor: Actor): Promise<NarrativeRow> {
  await manageablePath(ctx.db, p, input.unitId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.insert(integrityNarratives).values({ id: newIdFor(), ...input, createdBy: p.userId }).returning();
    if (!row) throw new Error('narrative not stored');
    await appendAudit(tx, actor, { action: 'integrity-narrative.created', targetType: 'integrity-narrative', targetId: row.id, unitId: row.unitId, summary: { name: row.name } });
    return row;
  });
}

export async function changeNarrative(ctx: PlatformContext, p: Principal, id: string, input: z.output<typeof updateNarrativeRequest>, actor: Actor): Promise<NarrativeRow> {
  const existing = await findNarrative(ctx.db, id);
  if (!existing) throw new AppError('integrity-narrative.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.update(integrityNarratives).set({ ...input, updatedAt: new Date() }).where(eq(integrityNarratives.id, id)).returning();
    if (!row) throw new AppError('integrity-narrative.not-found');
    await appendAudit(tx, actor, { action: 'integrity-narrative.updated', targetType: 'integrity-narrative', targetId: id, unitId: row.unitId, summary: { name: row.name, changed: Object.keys(input) } });
    return row;
  });
}
