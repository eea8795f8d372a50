import type { AlertRuleInput } from '@diplodesk/contracts';
import { createAlertRuleRequest, type updateAlertRuleRequest } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError, invalidRequest } from '../../../platform/errors/app-error.ts';
import { savedSearchVisibleTo } from '../../listening/index.ts';
import { checkRecipients, manageablePath, notifySummary } from '../insights.policy.ts';
import { insightsAlertRules } from '../insights.tables.ts';

export type AlertRuleRow = typeof insightsAlertRules.$inferSelect;
type CreateInput = z.output<typeof createAlertRuleRequest>;
type UpdateInput = z.output<typeof updateAlertRuleRequest>;

/** A rule over a saved search may only watch one its author can see (their own, or shared in a unit they read). */
async function checkWatched(ctx: PlatformContext, p: Principal, rule: { dimension: string; key: string | null }): Promise<void> {
  if (rule.dimension === 'saved-search' && rule.key) await savedSearchVisibleTo(ctx, p, rule.key);
}

export async function findRule(ctx: Pick<PlatformContext, 'db'>, id: string): Promise<AlertRuleRow | undefined> {
  const [row] = await ctx.db.select().from(insightsAlertRules).where(eq(insightsAlertRules.id, id));
  return row;
}

/** What an audit entry says about a rule: its settings, nothing more. */
const summaryOf = (r: AlertRuleRow) => ({ name: r.name, kind: r.kind, dimension: r.dimension, key: r.key, enabled: r.enabled, ...notifySummary(r) });

export async function createAlertRule(ctx: PlatformContext, p: Principal, input: CreateInput, actor: Actor): Promise<AlertRuleRow> {
  const path = await manageablePath(ctx.db, p, input.unitId);
  await checkRecipients(ctx.db, path, input.emailUserIds);
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
  const path = await manageablePath(ctx.db, p, existing.unitId);
  if (input.emailUserIds) await checkRecipients(ctx.db, path, input.emailUserIds);
  const next = { ...existing, ...input } as AlertRuleInput;
  const checked = createAlertRuleRequest.safeParse(next);
  if (!checked.success) throw invalidRequest(checked.error.issues, 'The rule is not valid.');
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
  await manageablePath(ctx.db, p, existing.unitId);
  await inTransaction(ctx, async (tx) => {
    await tx.delete(insightsAlertRules).where(eq(insightsAlertRules.id, id));
    await appendAudit(tx, actor, { action: 'insights-alert-rule.deleted', targetType: 'insights-alert-rule', targetId: id, unitId: existing.unitId, summary: summaryOf(existing) });
  });
}
