// Plans an alert's deliveries in the transaction that raises it: one row and one effect job per
// (alert, channel, recipient). The row's unique key and the job's idempotency key make planning
// again a no-op, so an alert is never delivered twice by being planned twice, and never lost by
// being planned after its commit.
import { and, eq, inArray } from 'drizzle-orm';
import { isWithin } from '../../../platform/authz/principal.ts';
import { type Executor, newIdFor } from '../../../platform/db/index.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { listUnits, mailContactsOf } from '../../identity/index.ts';
import type { AlertNotifySettings } from '@diplodesk/contracts';
import { deliverAlertJobSpec } from './deliver-alert.job.ts';
import { insightsAlertDeliveries, insightsWebhooks } from './delivery.tables.ts';

/** Who an alert rule or a threat monitor names besides the inbox. */
export type AlertRecipients = Pick<AlertNotifySettings, 'emailUserIds' | 'emailAddresses' | 'notifyWebhooks'>;
type Planned = { channel: 'email' | 'webhook'; target: string; targetLabel: string; locale: 'en' | 'id' };

/** The people and addresses named, each once; users no longer active or without a role reaching the unit are left out. */
async function emailTargets(tx: Executor, recipients: AlertRecipients, unitPath: string): Promise<Planned[]> {
  const out = new Map<string, Planned>();
  for (const c of await mailContactsOf(tx, recipients.emailUserIds)) {
    // A role at the unit or above it: the people who may read the unit's insights.
    if (!c.isActive || !c.unitPaths.some((p) => isWithin(unitPath, p))) continue;
    out.set(c.email.toLowerCase(), { channel: 'email', target: c.email.toLowerCase(), targetLabel: c.email, locale: c.locale });
  }
  for (const address of recipients.emailAddresses) {
    const key = address.toLowerCase();
    if (!out.has(key)) out.set(key, { channel: 'email', target: key, targetLabel: address, locale: 'en' });
  }
  return [...out.values()];
}

/** The enabled webhooks of the unit, and of the units above it that take their sub-units' alerts. */
async function webhookTargets(tx: Executor, unitId: string, unitPath: string, paths: Map<string, string>): Promise<Planned[]> {
  const hooks = await tx.select().from(insightsWebhooks).where(eq(insightsWebhooks.enabled, true));
  return hooks
    .filter((h) => h.unitId === unitId || (h.includeSubunits && isWithin(unitPath, paths.get(h.unitId) ?? '\u0000')))
    .map((h) => ({ channel: 'webhook' as const, target: h.id, targetLabel: h.name, locale: 'en' as const }));
}

/** Plans the deliveries of a new alert to whom its rule or monitor names; returns how many. */
export async function planAlertDeliveries(tx: Executor, alert: { id: string; unitId: string }, recipients: AlertRecipients): Promise<number> {
  if (recipients.emailUserIds.length === 0 && recipients.emailAddresses.length === 0 && !recipients.notifyWebhooks) return 0;
  const paths = new Map((await listUnits(tx)).map((u) => [u.id, u.path]));
  const unitPath = paths.get(alert.unitId);
  if (unitPath === undefined) return 0;
  const planned = [...(await emailTargets(tx, recipients, unitPath)), ...(recipients.notifyWebhooks ? await webhookTargets(tx, alert.unitId, unitPath, paths) : [])];
  for (const p of planned) {
    const id = newIdFor();
    const [row] = await tx
      .insert(insightsAlertDeliveries)
      .values({ id, alertId: alert.id, unitId: alert.unitId, ...p, state: 'pending' })
      .onConflictDoNothing()
      .returning({ id: insightsAlertDeliveries.id });
    if (!row) continue;
    const jobId = await enqueueJob(tx, deliverAlertJobSpec, { deliveryId: id }, { idempotencyKey: `${deliverAlertJobSpec.name}:${id}:1` });
    await tx.update(insightsAlertDeliveries).set({ jobId }).where(and(eq(insightsAlertDeliveries.id, id), inArray(insightsAlertDeliveries.state, ['pending'])));
  }
  return planned.length;
}
