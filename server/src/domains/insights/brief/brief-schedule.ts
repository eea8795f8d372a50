// A unit's daily brief schedule: read by anyone who reads the unit's insights, changed by
// insight.manage at the unit, audited. Recipients who are people get the brief in their language.
import type { BriefScheduleDto, briefScheduleRequest } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findUnit, type UnitRow } from '../../identity/index.ts';
import { dueBrief } from './brief-period.ts';
import { type BriefScheduleRow, insightsBriefSchedules } from './brief.tables.ts';

type Input = z.output<typeof briefScheduleRequest>;

export async function findSchedule(x: Executor, unitId: string): Promise<BriefScheduleRow | undefined> {
  const [row] = await x.select().from(insightsBriefSchedules).where(eq(insightsBriefSchedules.unitId, unitId));
  return row;
}

/** The stored schedule, or the defaults (off, 07:00 in the unit's zone) when none was saved. */
export function presentSchedule(unit: UnitRow, row: BriefScheduleRow | undefined, canManage: boolean): BriefScheduleDto {
  return {
    unitId: unit.id,
    saved: row !== undefined,
    enabled: row?.enabled ?? false,
    timeOfDay: row?.timeOfDay ?? '07:00',
    timeZone: row?.timeZone ?? unit.timeZone,
    language: row?.language ?? 'en',
    userIds: row?.userIds ?? [],
    addresses: row?.addresses ?? [],
    updatedAt: row?.updatedAt.toISOString() ?? null,
    policies: { update: canManage },
  };
}

export async function saveBriefSchedule(ctx: PlatformContext, p: Principal, input: Input, actor: Actor, now: Date = new Date()): Promise<BriefScheduleDto> {
  const unit = await findUnit(ctx.db, input.unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'insight.manage', unit.path)) throw new AppError('authz.forbidden');
  const { unitId, ...fields } = input;
  const addresses = [...new Set(fields.addresses.map((a) => a.toLowerCase()))];
  const userIds = [...new Set(fields.userIds)];
  // A time already past today starts tomorrow: saving never sends at once.
  const lastPlannedDay = dueBrief(now, fields)?.sendDay ?? null;
  const row = await inTransaction(ctx, async (tx) => {
    const values = { ...fields, addresses, userIds, lastPlannedDay, updatedBy: p.userId, updatedAt: now };
    const [saved] = await tx.insert(insightsBriefSchedules).values({ unitId, ...values }).onConflictDoUpdate({ target: insightsBriefSchedules.unitId, set: values }).returning();
    if (!saved) throw new Error('brief schedule not stored');
    await appendAudit(tx, actor, {
      action: 'insights-brief-schedule.updated',
      targetType: 'insights-brief-schedule',
      targetId: unitId,
      unitId,
      summary: { enabled: saved.enabled, timeOfDay: saved.timeOfDay, timeZone: saved.timeZone, language: saved.language, people: userIds.length, addresses },
    });
    return saved;
  });
  return presentSchedule(unit, row, true);
}
