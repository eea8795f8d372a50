import type { UnitKind } from '@diplodesk/contracts';
import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { identityTransaction } from '../identity-transaction.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { auditIdentity } from '../identity.audit.ts';
import { findUnit, findUnitByCode, insertUnit, type UnitRow } from '../identity.repo.ts';

export type CreateUnitInput = {
  parentId: string;
  kind: Exclude<UnitKind, 'ministry'>;
  name: string;
  code: string;
  timeZone: string;
  countryCode: string | null;
  city: string | null;
};

export async function createUnit(ctx: PlatformContext, p: Principal, input: CreateUnitInput, actor: Actor): Promise<UnitRow> {
  const parent = await findUnit(ctx.db, input.parentId);
  if (!parent) throw new AppError('unit.not-found', 'The parent unit does not exist.');
  if (!can(p, 'unit.create', parent.path)) throw new AppError('authz.forbidden');
  return identityTransaction(ctx, null, async (tx) => {
    if (await findUnitByCode(tx, input.code)) throw new AppError('unit.code-taken');
    const id = newIdFor();
    const unit = await insertUnit(tx, { ...input, id, path: `${parent.path}${id}/` });
    await auditIdentity(tx, actor, {
      action: 'unit.created',
      targetType: 'unit',
      targetId: unit.id,
      unitId: unit.id,
      summary: { after: { kind: unit.kind, name: unit.name, code: unit.code, timeZone: unit.timeZone, countryCode: unit.countryCode, city: unit.city, parentId: unit.parentId } },
    });
    await appendEvents(tx, [{ type: 'unit.created', unitId: unit.id, data: { id: unit.id, name: unit.name, parentId: unit.parentId } }]);
    return unit;
  });
}
