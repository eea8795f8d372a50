// Rapid response: a statement drafted with "Respond" on an alert names the alert; when it is
// drafted and when it is published are kept on the alert, so the time from alert to published
// response can be shown (and improved).
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { statementResponseOf } from '../../statements/index.ts';
import { insightsAlerts } from '../insights.tables.ts';
import { alertChanged } from './raise-alert.ts';

/** Records the statement's drafting or publication on the alert it responds to, if any. Idempotent. */
export async function recordResponse(tx: Executor, statementId: string): Promise<boolean> {
  const response = await statementResponseOf(tx, statementId);
  if (response?.respondsTo?.type !== 'insights-alert') return false;
  const [alert] = await tx.select().from(insightsAlerts).where(eq(insightsAlerts.id, response.respondsTo.id)).for('update');
  if (!alert) return false;
  // The first response drafted is the one timed; a later draft does not reset the clock.
  if (alert.responseStatementId !== null && alert.responseStatementId !== statementId) return false;
  const next = { responseStatementId: statementId, responseDraftedAt: alert.responseDraftedAt ?? response.createdAt, responsePublishedAt: response.publishedAt };
  if (alert.responseStatementId === statementId && alert.responsePublishedAt?.getTime() === response.publishedAt?.getTime()) return false;
  await tx
    .update(insightsAlerts)
    .set(next)
    .where(and(eq(insightsAlerts.id, alert.id), alert.responseStatementId === null ? isNull(insightsAlerts.responseStatementId) : eq(insightsAlerts.responseStatementId, statementId)));
  await appendEvents(tx, [{ type: alertChanged, unitId: alert.unitId, data: { alertId: alert.id, ruleId: alert.ruleId, response: response.publishedAt ? 'published' : 'drafted' } }]);
  return true;
}
