import type { Actor } from '../../../platform/audit/audit.ts';
import { type Principal, can } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { requireUnit } from '../statement-access.ts';
import { lockStatement, type StatementRow } from '../statements.repo.ts';
import { signAndSchedule } from './sign-and-schedule.ts';

/** "Publish now" (null) or "schedule" a cleared statement. */
export async function scheduleStatement(ctx: PlatformContext, p: Principal, id: string, input: { scheduledAt: string | null }, actor: Actor): Promise<StatementRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await lockStatement(tx, id);
    if (!row) throw new AppError('statement.not-found');
    const unit = await requireUnit(tx, row.unitId);
    if (!can(p, 'statement.read', unit.path)) throw new AppError('statement.not-found');
    if (!can(p, 'statement.draft', unit.path)) throw new AppError('authz.forbidden');
    if (row.status !== 'cleared') throw new AppError('statement.invalid-state');
    const at = input.scheduledAt ? new Date(input.scheduledAt) : new Date();
    if (input.scheduledAt && at.getTime() <= Date.now()) throw new AppError('statement.schedule-past');
    return signAndSchedule(tx, ctx, row, unit, at, actor);
  });
}
