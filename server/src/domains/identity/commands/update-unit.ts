import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, isWithin, requirePermission } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { auditIdentity } from '../identity.audit.ts';
import { findUnit, findUnitByCode, rewriteSubtreePaths, type UnitRow, updateUnitRow } from '../identity.repo.ts';

export type UpdateUnitInput = Partial<Pick<UnitRow, 'name' | 'code' | 'timeZone' | 'countryCode' | 'city' | 'parentId'>>;

/** Edits a unit; moving it (new parent) needs `unit.update` at the unit and `unit.create` at the new parent. */
export async function updateUnit(ctx: PlatformContext, p: Principal, id: string, input: UpdateUnitInput, actor: Actor): Promise<UnitRow> {
  return identityTransaction(ctx, null, async (tx) => {
    const unit = await findUnit(tx, id);
    if (!unit) throw new AppError('unit.not-found');
    requirePermission(p, 'unit.update', unit.path);
    const changed = Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && v !== unit[k as keyof UnitRow])) as UpdateUnitInput;
    if (Object.keys(changed).length === 0) return unit;
    if (changed.code) {
      const other = await findUnitByCode(tx, changed.code);
      if (other && other.id !== unit.id) throw new AppError('unit.code-taken');
    }
    let path = unit.path;
    if (changed.parentId !== undefined) {
      if (unit.parentId === null) throw new AppError('unit.parent-invalid', 'The top-level unit cannot be moved.');
      const parent = changed.parentId ? await findUnit(tx, changed.parentId) : undefined;
      if (!parent) throw new AppError('unit.not-found', 'The new parent unit does not exist.');
      if (isWithin(parent.path, unit.path)) throw new AppError('unit.parent-invalid');
      requirePermission(p, 'unit.create', parent.path);
      path = `${parent.path}${unit.id}/`;
      await rewriteSubtreePaths(tx, unit.path, path);
    }
    const updated = await updateUnitRow(tx, id, { ...changed, path });
    const before = Object.fromEntries(Object.keys(changed).map((k) => [k, unit[k as keyof UnitRow]]));
    await auditIdentity(tx, actor, { action: 'unit.updated', targetType: 'unit', targetId: id, unitId: id, summary: { before, after: changed } });
    await appendEvents(tx, [{ type: 'unit.updated', unitId: id, data: { id, changed: Object.keys(changed) } }]);
    return updated;
  });
}
