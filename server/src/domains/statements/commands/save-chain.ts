import { roleGrants, type SaveClearanceChainRequest } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can, isWithin } from '../../../platform/authz/principal.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { membershipsOf, type UnitRow } from '../../identity/index.ts';
import { requireUnit } from '../statement-access.ts';
import { auditStatement } from '../statements.audit.ts';
import { type ChainRow, deleteChain, findChain, listChains, upsertChain } from '../statements.repo.ts';

/**
 * Four eyes starts with the chain: a step may name only people who can approve at the unit (the
 * request schema already limits roles to approver and admin), or an editor would clear a text.
 */
async function requireApprovers(x: Executor, unit: UnitRow, steps: SaveClearanceChainRequest['steps']): Promise<void> {
  const named = [...new Set(steps.flatMap((s) => s.approvers.flatMap((a) => (a.kind === 'user' ? [a.userId] : []))))];
  if (named.length === 0) return;
  const ms = await membershipsOf(x, named);
  const able = new Set(ms.filter((m) => roleGrants(m.role, 'statement.approve') && isWithin(unit.path, m.unitPath)).map((m) => m.userId));
  const unable = named.filter((id) => !able.has(id));
  if (unable.length > 0) throw new AppError('clearance-chain.approver-cannot-approve', undefined, { userIds: unable });
}

/** Clearance chains are set up by whoever administers the unit. Statements in clearance keep the chain they were submitted with. */
export async function saveChain(ctx: PlatformContext, p: Principal, id: string | null, input: SaveClearanceChainRequest, actor: Actor): Promise<ChainRow> {
  const unit = await requireUnit(ctx.db, input.unitId);
  if (!can(p, 'unit.update', unit.path)) throw new AppError('authz.forbidden');
  return inTransaction(ctx, async (tx) => {
    if (id) {
      const existing = await findChain(tx, id);
      if (!existing || existing.unitId !== unit.id) throw new AppError('clearance-chain.not-found');
    }
    await requireApprovers(tx, unit, input.steps);
    const clash = (await listChains(tx, [unit.id])).find((c) => c.id !== id && c.kind === input.kind && c.fastTrack === input.fastTrack);
    if (clash) throw new AppError('clearance-chain.exists');
    const chain = await upsertChain(tx, { ...(id ? { id } : {}), unitId: unit.id, kind: input.kind, name: input.name, fastTrack: input.fastTrack, steps: input.steps });
    await auditStatement(tx, actor, {
      action: 'clearance-chain.saved',
      targetType: 'clearance-chain',
      targetId: chain.id,
      unitId: unit.id,
      summary: { name: chain.name, kind: chain.kind, fastTrack: chain.fastTrack, steps: chain.steps.length },
    });
    return chain;
  });
}

export async function removeChain(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  const chain = await findChain(ctx.db, id);
  if (!chain) throw new AppError('clearance-chain.not-found');
  const unit = await requireUnit(ctx.db, chain.unitId);
  if (!can(p, 'unit.update', unit.path)) throw new AppError('authz.forbidden');
  await inTransaction(ctx, async (tx) => {
    await deleteChain(tx, id);
    await auditStatement(tx, actor, { action: 'clearance-chain.deleted', targetType: 'clearance-chain', targetId: id, unitId: unit.id, summary: { name: chain.name } });
  });
}
