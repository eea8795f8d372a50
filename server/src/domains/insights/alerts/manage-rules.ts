import type { AlertRuleInput } from '@diplodesk/contracts';
import { createAlertRuleRequest, type updateAlertRuleRequest } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import { can, isWithin, type Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findUnit, mailContactsOf } from '../../identity/index.ts';
import { savedSearchVisibleTo } from '../../listening/index.ts';
import { insightsAlertRules } from '../insights.tables.ts';

export type AlertRuleRow = typeof insightsAlertRules.$inferSelect;
type CreateInput = z.output<typeof createAlertRuleRequest>;
type UpdateInput = z.output<typeof updateAlertRuleRequest>;

/** The unit's path when the caller may manage alert rules there. */
async function manageablePath(ctx: PlatformContext, p: Principal, unitId: string): Promise<string> {
  const unit = await findUnit(ctx.db, unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'insight.manage', unit.path)) throw new AppError('authz.forbidden');
  return unit.path;
}

/** E-mail recipients chosen by id must be active people with a role at the unit or above it. */
async function checkRecipients(ctx: PlatformContext, unitPath: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const contacts = await mailContactsOf(ctx.db, userIds);
  const reaching = new Set(contacts.filter((c) => c.isActive && c.unitPaths.some((p) => isWithin(unitPath, p))).map((c) => c.id));
  const outside = userIds.filter((id) => !reaching.has(id));
  if (outside.length > 0) throw new AppError('request.invalid', 'Every e-mail recipient must be an active member of this unit or of a unit above it.', { issues: [{ path: 'emailUserIds', message: 'not a member of this unit' }], userIds: outside });
}

/** A rule over a saved search may only watch one its author can see (their own, or shared in a unit they read). */
async function checkWatched(ctx: PlatformContext, p: Principal, rule: { dimension: string; key: string | null }): Promise<void> {
  if (rule.dimension === 'saved-search' && rule.key) await savedSearchVisibleTo(ctx, p, rule.key);
}

export async function findRule(ctx: Pick<PlatformContext, 'db'>, id: string): Promise<AlertRuleRow | undefined> {
  const [row] = await ctx.db.select().from(insightsAlertRules).where(eq(insightsAlertRules.id, id));
  return row;
}

/** What an audit entry says about a rule: its settings, nothing more. */
const summaryOf = (r: Pick<AlertRuleRow, 'name' | 'kind' | 'dimension' | 'key' | 'enabled' | 'emailUserIds' | 'emailAddresses' | 'notifyWebhooks'>) => ({
  name: r.name,
  kind: r.kind,
  dimension: r.dimension,
  key: r.key,
  enabled: r.enabled,
  emailRecipients: r.emailUserIds.length + r.emailAddresses.length,
  notifyWebhooks: r.notifyWebhooks,
});

export async function createAlertRule(ctx: PlatformContext, p: Principal, input: CreateInput, actor: Actor): Promise<AlertRuleRow> {
  const path = await manageablePath(ctx, p, input.unitId);
  await checkRecipients(ctx, path, input.emailUserIds);
  await checkWatched(ctx, p, input);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .insert(insightsAlertRules)
      .values({ id: newIdFor(), ...input, key: input.dimension === 'all' ? null : input.key, createdBy: p.userId })
      .returning();
    if (!row) throw new Error('alert rule not stored');
    await appendAudit(tx, actor, { action: 'insights-alert-rule.created', targetType: 'insights-alert-rule', targetId: row.id, unitId: row.unitId, summary: summaryOf(row) });
    return row;
  });
}

export async function changeAlertRule(ctx: PlatformContext, p: Principal, id: string, input: UpdateInput, actor: Actor): Promise<AlertRuleRow> {
  const existing = await findRule(ctx, id);
  if (!existing) throw new AppError('insights-alert-rule.not-found');
  const path = await manageablePath(ctx, p, existing.unitId);
  if (input.emailUserIds) await checkRecipients(ctx, path, input.emailUserIds);
  const next = { ...existing, ...input } as AlertRuleInput;
  const checked = createAlertRuleRequest.safeParse(next);
  if (!checked.success) throw new AppError('request.invalid', checked.error.issues[0]?.message ?? 'The rule is not valid.', { issues: checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  if (input.dimension !== undefined || input.key !== undefined) await checkWatched(ctx, p, checked.data);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .update(insightsAlertRules)
      .set({ ...input, key: checked.data.dimension === 'all' ? null : checked.data.key, updatedAt: new Date() })
      .where(eq(insightsAlertRules.id, id))
      .returning();
    if (!row) throw new AppError('insights-alert-rule.not-found');
    await appendAudit(tx, actor, { action: 'insights-alert-rule.updated', targetType: 'insights-alert-rule', targetId: id, unitId: row.unitId, summary: { ...summaryOf(row), changed: Object.keys(input) } });
    return row;
  });
}

/** Deletes a rule; its alerts stay in the inbox (they happened). */
export async function deleteAlertRule(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  const existing = await findRule(ctx, id);
  if (!existing) throw new AppError('insights-alert-rule.not-found');
  await manageablePath(ctx, p, existing.unitId);
  await inTransaction(ctx, async (tx) => {
    await tx.delete(insightsAlertRules).where(eq(insightsAlertRules.id, id));
    await appendAudit(tx, actor, { action: 'insights-alert-rule.deleted', targetType: 'insights-alert-rule', targetId: id, unitId: existing.unitId, summary: summaryOf(existing) });
  });
}
