// Raising a new alert, for an alert rule and a threat monitor alike: the row, its e-mails and
// webhooks planned in the same transaction (none without the alert, none lost after it), and the
// live event. Inside the quiet hours the alert is only kept in the inbox: no toast, nothing sent.
import type { AlertNotifySettings } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { planAlertDeliveries } from '../delivery/plan-deliveries.ts';
import { insightsAlerts } from '../insights.tables.ts';

export const alertRaised = 'insights.alert-raised';
export const alertChanged = 'insights.alert-changed';

/** Minutes since midnight of `at` in `timeZone`. */
function minutesInZone(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** Whether `at` falls in the quiet hours (which may run over midnight, e.g. 22:00–07:00). */
export function inQuietHours(settings: Pick<AlertNotifySettings, 'quietFrom' | 'quietTo' | 'timeZone'>, at: Date): boolean {
  if (!settings.quietFrom || !settings.quietTo) return false;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const now = minutesInZone(at, settings.timeZone);
  const from = toMinutes(settings.quietFrom);
  const to = toMinutes(settings.quietTo);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}

type NewAlert = Omit<typeof insightsAlerts.$inferInsert, 'notified'> & { id: string; unitId: string };
/** What the rule or monitor says about notifying; a monitor's warnings always toast outside quiet hours. */
export type RaiseSettings = AlertNotifySettings & { notifyInApp: boolean };

/**
 * Stores a new alert raised at `now` and notifies as `settings` say; `event` is what the live
 * event (and the toast it makes) carries besides the alert's id.
 */
export async function raiseAlert(tx: Executor, alert: NewAlert, settings: RaiseSettings, now: Date, event: Record<string, unknown>): Promise<void> {
  const quiet = inQuietHours(settings, now);
  const inApp = settings.notifyInApp && !quiet;
  await tx.insert(insightsAlerts).values({ ...alert, notified: inApp });
  const delivered = quiet ? 0 : await planAlertDeliveries(tx, alert, settings);
  if (delivered > 0 && !inApp) await tx.update(insightsAlerts).set({ notified: true }).where(eq(insightsAlerts.id, alert.id));
  await appendEvents(tx, [{ type: inApp ? alertRaised : alertChanged, unitId: alert.unitId, data: { alertId: alert.id, ...event, repeats: 1 } }]);
}
