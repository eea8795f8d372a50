import type { Actor } from '../../../../platform/audit/audit.ts';
import { type Principal, requirePermission } from '../../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../../platform/context.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { auditSharing } from '../sharing.audit.ts';
import { accessOfPartner, type CollectionRow, findCollection, findCollectionByAlias, findPartner, insertCollection, setAccessRow, updateCollectionRow } from '../sharing.repo.ts';

async function checkAlias(ctx: PlatformContext, alias: string | null | undefined, except?: string): Promise<void> {
  if (!alias) return;
  const other = await findCollectionByAlias(ctx.db, alias);
  if (other && other.id !== except) throw new AppError('sharing-collection.alias-taken');
}

export async function createCollection(ctx: PlatformContext, p: Principal, input: { title: string; description: string | null; alias: string | null }, actor: Actor): Promise<CollectionRow> {
  requirePermission(p, 'integrity.manage');
  await checkAlias(ctx, input.alias);
  return inTransaction(ctx, async (tx) => {
    const row = await insertCollection(tx, input);
    await auditSharing(tx, actor, { action: 'sharing-collection.created', targetType: 'sharing-collection', targetId: row.id, summary: { title: row.title, alias: row.alias } });
    return row;
  });
}

export async function updateCollection(ctx: PlatformContext, p: Principal, id: string, patch: { title?: string | undefined; description?: string | null | undefined; alias?: string | null | undefined }, actor: Actor): Promise<CollectionRow> {
  requirePermission(p, 'integrity.manage');
  if (!(await findCollection(ctx.db, id))) throw new AppError('sharing-collection.not-found');
  await checkAlias(ctx, patch.alias, id);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return inTransaction(ctx, async (tx) => {
    const row = await updateCollectionRow(tx, id, changes);
    await auditSharing(tx, actor, { action: 'sharing-collection.updated', targetType: 'sharing-collection', targetId: id, summary: { title: row.title, alias: row.alias, changed: Object.keys(changes) } });
    return row;
  });
}

/** Gives a partner read and/or write access to a collection; neither takes it away. */
export async function setAccess(ctx: PlatformContext, p: Principal, collectionId: string, partnerId: string, rights: { canRead: boolean; canWrite: boolean }, actor: Actor): Promise<void> {
  requirePermission(p, 'integrity.manage');
  if (!(await findCollection(ctx.db, collectionId))) throw new AppError('sharing-collection.not-found');
  const partner = await findPartner(ctx.db, partnerId);
  if (!partner) throw new AppError('sharing-partner.not-found');
  await inTransaction(ctx, async (tx) => {
    const before = (await accessOfPartner(tx, partnerId)).find((a) => a.collectionId === collectionId);
    await setAccessRow(tx, { collectionId, partnerId, ...rights });
    await auditSharing(tx, actor, {
      action: 'sharing-access.changed',
      targetType: 'sharing-collection',
      targetId: collectionId,
      summary: { partnerId, partnerName: partner.name, before: { canRead: before?.canRead ?? false, canWrite: before?.canWrite ?? false }, after: rights },
    });
  });
}
