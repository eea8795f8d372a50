// The registry of official accounts: rows added here by a person, and the connected publishing
// channels (statements' door), which are official without being copied. Every change is audited.
import type { officialAccountRequest, updateOfficialAccountRequest } from '@diplodesk/contracts';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { officialChannelAccounts } from '../../statements/index.ts';
import { manageablePath } from '../integrity.policy.ts';
import { integrityOfficialAccounts } from '../integrity.tables.ts';

export type OfficialAccountRow = typeof integrityOfficialAccounts.$inferSelect;

/** One official account as the detector and the list see it. */
export type OfficialAccount = {
  id: string;
  unitId: string;
  platform: string;
  handle: string;
  displayName: string | null;
  remoteAccountId: string | null;
  origin: 'manual' | 'channel';
  createdAt: Date;
};

const lowerHandle = (h: string) => h.replace(/^@/, '').toLowerCase();

/** The registry's rows and the connected channels (a channel also registered by hand is listed once, as the registry row). */
export async function officialAccounts(x: Executor, unitIds?: readonly string[]): Promise<OfficialAccount[]> {
  if (unitIds && unitIds.length === 0) return [];
  const rows = await x.select().from(integrityOfficialAccounts).where(unitIds ? inArray(integrityOfficialAccounts.unitId, [...unitIds]) : undefined);
  const manual: OfficialAccount[] = rows.map((r) => ({ ...r, origin: 'manual' }));
  const known = new Set(manual.map((a) => `${a.platform}\u0000${lowerHandle(a.handle)}`));
  const within = unitIds ? new Set(unitIds) : undefined;
  const channels: OfficialAccount[] = (await officialChannelAccounts(x))
    .filter((c) => (!within || within.has(c.unitId)) && !known.has(`${c.platform}\u0000${lowerHandle(c.handle)}`))
    .map((c) => ({ id: c.id, unitId: c.unitId, platform: c.platform, handle: c.handle.replace(/^@/, ''), displayName: c.displayName, remoteAccountId: c.remoteAccountId, origin: 'channel', createdAt: c.createdAt }));
  return [...manual, ...channels].sort((a, b) => a.platform.localeCompare(b.platform) || a.handle.localeCompare(b.handle));
}

export async function findOfficialAccount(x: Executor, id: string): Promise<OfficialAccountRow | undefined> {
  const [row] = await x.select().from(integrityOfficialAccounts).where(eq(integrityOfficialAccounts.id, id));
  return row;
}

async function refuseDuplicate(x: Executor, platform: string, handle: string, exceptId?: string): Promise<void> {
  const [dup] = await x
    .select({ id: integrityOfficialAccounts.id })
    .from(integrityOfficialAccounts)
    .where(and(eq(integrityOfficialAccounts.platform, platform), sql`lower(${integrityOfficialAccounts.handle}) = ${lowerHandle(handle)}`, exceptId ? ne(integrityOfficialAccounts.id, exceptId) : undefined));
  if (dup) throw new AppError('integrity-official-account.exists');
}

export async function createOfficialAccount(ctx: PlatformContext, p: Principal, input: z.output<typeof officialAccountRequest>, actor: Actor): Promise<OfficialAccountRow> {
  await manageablePath(ctx.db, p, input.unitId);
  return inTransaction(ctx, async (tx) => {
    await refuseDuplicate(tx, input.platform, input.handle);
    const [row] = await tx.insert(integrityOfficialAccounts).values({ id: newIdFor(), ...input, createdBy: p.userId }).onConflictDoNothing().returning();
    if (!row) throw new AppError('integrity-official-account.exists');
    await appendAudit(tx, actor, { action: 'integrity-official-account.created', targetType: 'integrity-official-account', targetId: row.id, unitId: row.unitId, summary: { platform: row.platform, handle: row.handle } });
    return row;
  });
}

export async function changeOfficialAccount(ctx: PlatformContext, p: Principal, id: string, input: z.output<typeof updateOfficialAccountRequest>, actor: Actor): Promise<OfficialAccountRow> {
  const existing = await findOfficialAccount(ctx.db, id);
  if (!existing) throw new AppError('integrity-official-account.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  return inTransaction(ctx, async (tx) => {
    if (input.handle !== undefined) await refuseDuplicate(tx, existing.platform, input.handle, id);
    const [row] = await tx.update(integrityOfficialAccounts).set({ ...input, updatedAt: new Date() }).where(eq(integrityOfficialAccounts.id, id)).returning();
    if (!row) throw new AppError('integrity-official-account.not-found');
    await appendAudit(tx, actor, { action: 'integrity-official-account.updated', targetType: 'integrity-official-account', targetId: id, unitId: row.unitId, summary: { platform: row.platform, handle: row.handle, changed: Object.keys(input) } });
    return row;
  });
}

export async function removeOfficialAccount(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  const existing = await findOfficialAccount(ctx.db, id);
  if (!existing) throw new AppError('integrity-official-account.not-found');
  await manageablePath(ctx.db, p, existing.unitId);
  await inTransaction(ctx, async (tx) => {
    const [row] = await tx.delete(integrityOfficialAccounts).where(eq(integrityOfficialAccounts.id, id)).returning();
    if (!row) throw new AppError('integrity-official-account.not-found');
    await appendAudit(tx, actor, { action: 'integrity-official-account.removed', targetType: 'integrity-official-account', targetId: id, unitId: row.unitId, summary: { platform: row.platform, handle: row.handle } });
  });
}
