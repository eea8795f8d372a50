import type { AlertDto, AlertRuleDto } from '@diplodesk/contracts';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { insightsAlertRules, insightsAlerts, insightsMonitors } from '../insights.tables.ts';
import { alertChanged } from './raise-alert.ts';
import type { AlertRuleRow } from './manage-rules.ts';

export function presentRule(r: AlertRuleRow, canManage: boolean): AlertRuleDto {
  return {
    id: r.id,
    unitId: r.unitId,
    name: r.name,
    kind: r.kind,
    dimension: r.dimension,
    key: r.key,
    threshold: r.threshold,
    bucket: r.bucket,
    coolDownMinutes: r.coolDownMinutes,
    quietFrom: r.quietFrom,
    quietTo: r.quietTo,
    timeZone: r.timeZone,
    notifyInApp: r.notifyInApp,
    emailUserIds: r.emailUserIds,
    emailAddresses: r.emailAddresses,
    notifyWebhooks: r.notifyWebhooks,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    lastEvaluatedAt: r.lastEvaluatedAt?.toISOString() ?? null,
    policies: { update: canManage, delete: canManage },
  };
}

export async function listRules(x: Executor, unitIds: readonly string[]): Promise<AlertRuleRow[]> {
  if (unitIds.length === 0) return [];
  return x
    .select()
    .from(insightsAlertRules)
    .where(inArray(insightsAlertRules.unitId, [...unitIds]))
    .orderBy(insightsAlertRules.name);
}

const alertColumns = {
  alert: insightsAlerts,
  rule: { name: insightsAlertRules.name, kind: insightsAlertRules.kind, dimension: insightsAlertRules.dimension, key: insightsAlertRules.key },
  monitor: { name: insightsMonitors.name, labels: insightsMonitors.labels },
};
type AlertJoined = {
  alert: typeof insightsAlerts.$inferSelect;
  rule: { name: string; kind: AlertDto['kind']; dimension: AlertDto['dimension']; key: string | null } | null;
  monitor: { name: string; labels: { en: string; id: string } | null } | null;
};

function presentAlert({ alert, rule, monitor }: AlertJoined): AlertDto {
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: rule?.name ?? monitor?.name ?? '',
    ruleLabels: monitor?.labels ?? null,
    monitorId: alert.monitorId,
    unitId: alert.unitId,
    kind: rule?.kind ?? (alert.why.method as AlertDto['kind']),
    dimension: rule?.dimension ?? 'all',
    key: rule?.key ?? null,
    firstFiredAt: alert.firstFiredAt.toISOString(),
    lastFiredAt: alert.lastFiredAt.toISOString(),
    repeats: alert.repeats,
    notified: alert.notified,
    state: alert.state,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    why: alert.why,
    from: alert.fromAt.toISOString(),
    to: alert.toAt.toISOString(),
    response: alert.responseStatementId
      ? {
          statementId: alert.responseStatementId,
          draftedAt: alert.responseDraftedAt?.toISOString() ?? null,
          publishedAt: alert.responsePublishedAt?.toISOString() ?? null,
          minutesToPublish: alert.responsePublishedAt ? Math.max(0, Math.round((alert.responsePublishedAt.getTime() - alert.firstFiredAt.getTime()) / 60_000)) : null,
        }
      : null,
  };
}

/** The newest alerts of these units (a deleted rule's alerts keep their evidence, without a name). */
export async function listAlerts(x: Executor, unitIds: readonly string[], opts: { state: 'open' | 'acknowledged' | 'all'; limit: number }): Promise<{ items: AlertDto[]; open: number }> {
  if (unitIds.length === 0) return { items: [], open: 0 };
  const inUnits = inArray(insightsAlerts.unitId, [...unitIds]);
  const rows = await x
    .select(alertColumns)
    .from(insightsAlerts)
    .leftJoin(insightsAlertRules, eq(insightsAlertRules.id, insightsAlerts.ruleId))
    .leftJoin(insightsMonitors, eq(insightsMonitors.id, insightsAlerts.monitorId))
    .where(opts.state === 'all' ? inUnits : and(inUnits, eq(insightsAlerts.state, opts.state)))
    .orderBy(desc(insightsAlerts.lastFiredAt))
    .limit(opts.limit);
  const [open] = await x
    .select({ n: count() })
    .from(insightsAlerts)
    .where(and(inUnits, eq(insightsAlerts.state, 'open')));
  return { items: rows.map((r) => presentAlert(r as AlertJoined)), open: Number(open?.n ?? 0) };
}

export async function findAlert(x: Executor, id: string): Promise<AlertDto | undefined> {
  const [row] = await x.select(alertColumns).from(insightsAlerts).leftJoin(insightsAlertRules, eq(insightsAlertRules.id, insightsAlerts.ruleId))
    .leftJoin(insightsMonitors, eq(insightsMonitors.id, insightsAlerts.monitorId))
    .where(eq(insightsAlerts.id, id));
  return row ? presentAlert(row as AlertJoined) : undefined;
}

/** Marks an alert as seen to; everyone in its unit then sees it acknowledged. */
export async function acknowledgeAlert(ctx: PlatformContext, alert: AlertDto, userId: string, actor: Actor): Promise<AlertDto> {
  if (alert.state === 'acknowledged') return alert;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .update(insightsAlerts)
      .set({ state: 'acknowledged', acknowledgedBy: userId, acknowledgedAt: new Date() })
      .where(and(eq(insightsAlerts.id, alert.id), eq(insightsAlerts.state, 'open')))
      .returning({ id: insightsAlerts.id });
    if (row) {
      await appendAudit(tx, actor, { action: 'insights-alert.acknowledged', targetType: 'insights-alert', targetId: alert.id, unitId: alert.unitId, summary: { rule: alert.ruleName, repeats: alert.repeats } });
      await appendEvents(tx, [{ type: alertChanged, unitId: alert.unitId, data: { alertId: alert.id, ruleId: alert.ruleId, state: 'acknowledged' } }]);
    }
    const fresh = await findAlert(tx, alert.id);
    if (!fresh) throw new AppError('insights-alert.not-found');
    return fresh;
  });
}
