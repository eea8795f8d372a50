// A unit's webhooks, managed by its administrators (system.manage at the unit). The signing
// secret is generated here, sealed at once and answered only by the request that made it.
import type { WebhookDto, createWebhookRequest, updateWebhookRequest } from '@diplodesk/contracts';
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import { can, type Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { hostNotAllowedMessage } from '../../../platform/outbound/index.ts';
import { findUnit } from '../../identity/index.ts';
import { webhookSecretContext } from './deliver-alert.job.ts';
import { insightsWebhooks, type WebhookRow } from './delivery.tables.ts';
import { generateWebhookSecret } from './webhook-signature.ts';

type CreateInput = z.output<typeof createWebhookRequest>;
type UpdateInput = z.output<typeof updateWebhookRequest>;

async function manageablePath(x: Executor, p: Principal, unitId: string): Promise<string> {
  const unit = await findUnit(x, unitId);
  if (!unit) throw new AppError('unit.not-found');
  if (!can(p, 'system.manage', unit.path)) throw new AppError('authz.forbidden');
  return unit.path;
}

export function presentWebhook(row: WebhookRow, mayManage: boolean): WebhookDto {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    url: row.url,
    enabled: row.enabled,
    includeSubunits: row.includeSubunits,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    secretCreatedAt: row.secretCreatedAt.toISOString(),
    policies: { update: mayManage, delete: mayManage, rotate: mayManage },
  };
}

/** A URL this installation may never reach is refused now, with the operator's host list named. */
function checkUrl(ctx: PlatformContext, url: string): void {
  const parsed = new URL(url);
  if (!ctx.outbound.allowsHost(parsed)) throw new AppError('outbound.host-not-allowed', hostNotAllowedMessage(parsed.hostname), { field: 'url', host: parsed.hostname });
}

export async function listWebhooks(x: Executor, unitIds: readonly string[]): Promise<WebhookRow[]> {
  if (unitIds.length === 0) return [];
  return x.select().from(insightsWebhooks).where(inArray(insightsWebhooks.unitId, [...unitIds])).orderBy(asc(insightsWebhooks.name));
}

const summaryOf = (r: Pick<WebhookRow, 'name' | 'url' | 'enabled' | 'includeSubunits'>) => ({ name: r.name, url: r.url, enabled: r.enabled, includeSubunits: r.includeSubunits });

export async function createWebhook(ctx: PlatformContext, p: Principal, input: CreateInput, actor: Actor): Promise<{ row: WebhookRow; secret: string }> {
  await manageablePath(ctx.db, p, input.unitId);
  checkUrl(ctx, input.url);
  const secret = generateWebhookSecret();
  const id = newIdFor();
  const row = await inTransaction(ctx, async (tx) => {
    const [inserted] = await tx
      .insert(insightsWebhooks)
      .values({ id, ...input, secretSealed: ctx.secretBox.for('notification-secrets').seal(secret, webhookSecretContext(id)), secretCreatedAt: new Date(), createdBy: p.userId })
      .returning();
    if (!inserted) throw new Error('webhook not stored');
    await appendAudit(tx, actor, { action: 'insights-webhook.created', targetType: 'insights-webhook', targetId: id, unitId: input.unitId, summary: summaryOf(inserted) });
    return inserted;
  });
  return { row, secret };
}

async function existing(ctx: PlatformContext, p: Principal, id: string): Promise<WebhookRow> {
  const [row] = await ctx.db.select().from(insightsWebhooks).where(eq(insightsWebhooks.id, id));
  if (!row) throw new AppError('insights-webhook.not-found');
  await manageablePath(ctx.db, p, row.unitId);
  return row;
}

export async function changeWebhook(ctx: PlatformContext, p: Principal, id: string, input: UpdateInput, actor: Actor): Promise<WebhookRow> {
  await existing(ctx, p, id);
  if (input.url) checkUrl(ctx, input.url);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.update(insightsWebhooks).set({ ...input, updatedAt: new Date() }).where(eq(insightsWebhooks.id, id)).returning();
    if (!row) throw new AppError('insights-webhook.not-found');
    await appendAudit(tx, actor, { action: 'insights-webhook.updated', targetType: 'insights-webhook', targetId: id, unitId: row.unitId, summary: { ...summaryOf(row), changed: Object.keys(input) } });
    return row;
  });
}

/** A new secret replaces the old one at once (deliveries already under way sign with the new one). */
export async function rotateWebhookSecret(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<{ row: WebhookRow; secret: string }> {
  await existing(ctx, p, id);
  const secret = generateWebhookSecret();
  const row = await inTransaction(ctx, async (tx) => {
    const [updated] = await tx
      .update(insightsWebhooks)
      .set({ secretSealed: ctx.secretBox.for('notification-secrets').seal(secret, webhookSecretContext(id)), secretCreatedAt: new Date(), updatedAt: new Date() })
      .where(eq(insightsWebhooks.id, id))
      .returning();
    if (!updated) throw new AppError('insights-webhook.not-found');
    await appendAudit(tx, actor, { action: 'insights-webhook.secret-rotated', targetType: 'insights-webhook', targetId: id, unitId: updated.unitId, summary: { name: updated.name } });
    return updated;
  });
  return { row, secret };
}

export async function deleteWebhook(ctx: PlatformContext, p: Principal, id: string, actor: Actor): Promise<void> {
  const row = await existing(ctx, p, id);
  await inTransaction(ctx, async (tx) => {
    await tx.delete(insightsWebhooks).where(eq(insightsWebhooks.id, id));
    await appendAudit(tx, actor, { action: 'insights-webhook.deleted', targetType: 'insights-webhook', targetId: id, unitId: row.unitId, summary: summaryOf(row) });
  });
}
