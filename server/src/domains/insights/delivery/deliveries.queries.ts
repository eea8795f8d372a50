import type { AlertDeliveryDto } from '@diplodesk/contracts';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { insightsAlertRules, insightsAlerts, insightsMonitors } from '../insights.tables.ts';
import { insightsAlertDeliveries } from './delivery.tables.ts';

/** The delivery log of the given units, newest first (of one alert when `alertId` is given). */
export async function listDeliveries(x: Executor, unitIds: readonly string[], q: { alertId?: string | undefined; limit: number }): Promise<AlertDeliveryDto[]> {
  if (unitIds.length === 0) return [];
  const rows = await x
    .select({ d: insightsAlertDeliveries, ruleName: insightsAlertRules.name, monitorName: insightsMonitors.name, monitorLabels: insightsMonitors.labels })
    .from(insightsAlertDeliveries)
    .innerJoin(insightsAlerts, eq(insightsAlerts.id, insightsAlertDeliveries.alertId))
    .leftJoin(insightsAlertRules, eq(insightsAlertRules.id, insightsAlerts.ruleId))
    .leftJoin(insightsMonitors, eq(insightsMonitors.id, insightsAlerts.monitorId))
    .where(and(inArray(insightsAlertDeliveries.unitId, [...unitIds]), q.alertId ? eq(insightsAlertDeliveries.alertId, q.alertId) : undefined))
    .orderBy(desc(insightsAlertDeliveries.createdAt), desc(insightsAlertDeliveries.id))
    .limit(q.limit);
  return rows.map(({ d, ruleName, monitorName, monitorLabels }) => ({
    id: d.id,
    alertId: d.alertId,
    ruleName: ruleName ?? monitorName ?? '—',
    ruleLabels: monitorLabels,
    channel: d.channel,
    target: d.targetLabel,
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
  }));
}
