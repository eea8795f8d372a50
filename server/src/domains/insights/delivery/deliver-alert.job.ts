// Delivers one alert over one channel to one recipient, as an effect job (platform/jobs/effect.ts):
// claim the delivery row and commit, call the SMTP relay or the webhook with no transaction open,
// record the outcome with the job's completion. The row's id is the e-mail's Message-ID and the
// webhook's `webhook-id` on every attempt: a repeat after a crash mid-call (the outcome unknown)
// carries the same id, which receivers use to drop the copy (Standard Webhooks asks them to).
import { type AlertKind, alertWebhookType } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { defineEffectJob, type EffectOutcome, enqueueJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import { MailError, type MailMessage, readSmtpSettings, type SmtpConnection, sendMail, smtpConnectionOf } from '../../../platform/mail/index.ts';
import type { Outbound } from '../../../platform/outbound/index.ts';
import { insightsAlertRules, insightsAlerts, insightsMonitors } from '../insights.tables.ts';
import { composeAlertMail } from './alert-message.ts';
import { type DeliveryFailure, DELIVERY_ATTEMPTS, nextAfterFailure, webhookStatusFailure } from './delivery-outcome.ts';
import { type DeliveryRow, insightsAlertDeliveries, insightsWebhooks } from './delivery.tables.ts';
import { webhookHeaders } from './webhook-signature.ts';

export const webhookSecretContext = (webhookId: string) => `insights-webhook-secret:${webhookId}`;

const payload = z.object({ deliveryId: z.uuid() });
// Each crash mid-call costs a job attempt; the delivery's own attempts are counted on its row.
const JOB_ATTEMPTS = 100;
const WEBHOOK_TIMEOUT_MS = 15_000;

export type DeliveryDeps = {
  outbound: Pick<Outbound, 'fetch' | 'pinHost'>;
  /** The `notification-secrets` box: the relay password and the webhook secrets. */
  secretBox: SecretBox;
  /** The staff app's origin, for the link in the message. */
  staffUrl: string;
};

/** Name, payload and budget, for enqueueing where the handler's dependencies are not at hand. */
export const deliverAlertJobSpec: JobDefinition<typeof payload> = {
  name: 'insights.deliver-alert@1',
  payload,
  maxAttempts: JOB_ATTEMPTS,
  async handler() {
    throw new Error('insights.deliver-alert@1: enqueue-only spec; the runner holds the definition from deliverAlertJob()');
  },
};

type Plan =
  | { channel: 'email'; deliveryId: string; smtp: SmtpConnection; message: MailMessage }
  | { channel: 'webhook'; deliveryId: string; url: string; secret: string; body: string };
type Result = { ok: true } | { ok: false; failure: DeliveryFailure };

async function lockDelivery(tx: Tx, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await tx.select().from(insightsAlertDeliveries).where(eq(insightsAlertDeliveries.id, id)).for('update');
  return row;
}

const update = (tx: Tx, id: string, patch: Partial<DeliveryRow>) => tx.update(insightsAlertDeliveries).set({ ...patch, updatedAt: new Date() }).where(eq(insightsAlertDeliveries.id, id));

async function alertFacts(tx: Tx, alertId: string) {
  const [row] = await tx
    .select({
      alert: insightsAlerts,
      rule: { name: insightsAlertRules.name, kind: insightsAlertRules.kind, dimension: insightsAlertRules.dimension, key: insightsAlertRules.key, timeZone: insightsAlertRules.timeZone },
      monitor: { name: insightsMonitors.name, labels: insightsMonitors.labels, topicIds: insightsMonitors.topicIds, countries: insightsMonitors.countries },
    })
    .from(insightsAlerts)
    .leftJoin(insightsAlertRules, eq(insightsAlertRules.id, insightsAlerts.ruleId))
    .leftJoin(insightsMonitors, eq(insightsMonitors.id, insightsAlerts.monitorId))
    .where(eq(insightsAlerts.id, alertId));
  return row;
}
type Facts = NonNullable<Awaited<ReturnType<typeof alertFacts>>>;

/** What a webhook receives: the alert, why, and what raised it (a rule's series, or a monitor's topics and countries). */
function webhookBody(facts: Facts, kind: AlertKind, ruleName: string, link: string): string {
  const { alert, rule, monitor } = facts;
  const { bucket, observed, expected, score, threshold, band } = alert.why;
  return JSON.stringify({
    type: alertWebhookType,
    timestamp: alert.firstFiredAt.toISOString(),
    data: {
      alertId: alert.id,
      ruleId: alert.ruleId,
      ruleName,
      monitorId: alert.monitorId,
      unitId: alert.unitId,
      kind,
      dimension: rule?.dimension ?? null,
      key: rule?.key ?? null,
      ...(monitor ? { monitor: { name: monitor.name, labels: monitor.labels, topicIds: monitor.topicIds, countries: monitor.countries } } : {}),
      firedAt: alert.firstFiredAt.toISOString(),
      from: alert.fromAt.toISOString(),
      to: alert.toAt.toISOString(),
      why: { bucket, observed, expected, score, threshold, ...(band ? { band } : {}) },
      link,
    },
  });
}

/** What the message says, or why there is nothing to send (a permanent failure). */
async function planOf(tx: Tx, deps: DeliveryDeps, row: DeliveryRow): Promise<Plan | string> {
  const facts = await alertFacts(tx, row.alertId);
  if (!facts) return 'The alert no longer exists.';
  const { alert, rule, monitor } = facts;
  const kind = (rule?.kind ?? alert.why.method) as AlertKind;
  const ruleName = rule?.name ?? monitor?.name ?? '—';
  // A monitor's warning links to the monitor (its band and the days that left it).
  const link = alert.monitorId ? `${deps.staffUrl}/insights/monitors/${alert.monitorId}` : `${deps.staffUrl}/insights/alerts`;
  if (row.channel === 'email') {
    const settings = await readSmtpSettings(tx);
    if (!settings) return 'No mail server is configured.';
    const mail = composeAlertMail({ ruleName, labels: monitor?.labels ?? null, kind, why: alert.why, from: alert.fromAt, to: alert.toAt, timeZone: rule?.timeZone ?? 'UTC', link }, row.locale);
    const domain = settings.fromAddress.split('@')[1] ?? 'diplodesk.invalid';
    return { channel: 'email', deliveryId: row.id, smtp: smtpConnectionOf(settings, deps.secretBox), message: { to: row.target, ...mail, messageId: `<${row.id}@${domain}>`, language: row.locale } };
  }
  const [hook] = await tx.select().from(insightsWebhooks).where(eq(insightsWebhooks.id, row.target));
  if (!hook) return 'The webhook was deleted.';
  if (!hook.enabled) return 'The webhook was turned off.';
  const body = webhookBody(facts, kind, ruleName, link);
  return { channel: 'webhook', deliveryId: row.id, url: hook.url, secret: deps.secretBox.open(hook.secretSealed, webhookSecretContext(hook.id)), body };
}

async function callWebhook(deps: DeliveryDeps, plan: Extract<Plan, { channel: 'webhook' }>, signal: AbortSignal): Promise<Result> {
  // The timestamp is the attempt's (receivers refuse old ones); the id stays the delivery's.
  const headers = webhookHeaders(plan.secret, plan.deliveryId, Math.floor(Date.now() / 1000), plan.body);
  try {
    const res = await deps.outbound.fetch(plan.url, { method: 'POST', headers, body: plan.body, redirect: 'manual', timeoutMs: WEBHOOK_TIMEOUT_MS, maxBytes: 64 * 1024, signal });
    await res.body?.cancel();
    const failure = webhookStatusFailure(res.status);
    return failure ? { ok: false, failure } : { ok: true };
  } catch (error) {
    const kind = (error as { kind?: string }).kind;
    // The guard says `transient` when nothing left this server; anything else may have arrived.
    return { ok: false, failure: { kind: kind === 'transient' ? 'transient' : 'unknown-outcome', message: error instanceof Error ? error.message : 'The receiver could not be reached.' } };
  }
}

async function sendEmail(deps: DeliveryDeps, plan: Extract<Plan, { channel: 'email' }>): Promise<Result> {
  try {
    await sendMail(deps.outbound, plan.smtp, plan.message);
    return { ok: true };
  } catch (error) {
    const e = error instanceof MailError ? error : new MailError('unknown-outcome', 'The mail server could not be reached.');
    return { ok: false, failure: { kind: e.kind, message: e.message } };
  }
}

const asResult = (outcome: EffectOutcome<Result>): Result => (outcome.ok ? outcome.value : { ok: false, failure: { kind: 'unknown-outcome', message: 'The delivery stopped unexpectedly.' } });

export function deliverAlertJob(deps: DeliveryDeps) {
  return defineEffectJob({
    name: deliverAlertJobSpec.name,
    payload,
    maxAttempts: JOB_ATTEMPTS,
    async prepare({ deliveryId }, ctx): Promise<Plan | null> {
      const row = await lockDelivery(ctx.tx, deliveryId);
      if (!row || row.jobId !== ctx.jobId) return null;
      // `sending` here means this job's earlier run died mid-call: repeated with the same id.
      if (row.state !== 'pending' && row.state !== 'retrying' && row.state !== 'sending') return null;
      const plan = await planOf(ctx.tx, deps, row);
      if (typeof plan === 'string') {
        await update(ctx.tx, row.id, { state: 'failed', jobId: null, lastError: plan, nextAttemptAt: null });
        return null;
      }
      await update(ctx.tx, row.id, { state: 'sending', attempts: row.attempts + 1, nextAttemptAt: null, lastUnknown: row.lastUnknown || row.state === 'sending' });
      return plan;
    },
    perform: (plan, ctx) => (plan.channel === 'email' ? sendEmail(deps, plan) : callWebhook(deps, plan, ctx.signal)),
    async record({ deliveryId }, _plan, outcome, ctx) {
      const row = await lockDelivery(ctx.tx, deliveryId);
      if (!row || row.jobId !== ctx.jobId || row.state !== 'sending') return;
      const result = asResult(outcome);
      if (result.ok) {
        await update(ctx.tx, row.id, { state: 'sent', jobId: null, sentAt: new Date(), lastError: null });
        return;
      }
      const mayHaveArrived = row.lastUnknown || result.failure.kind === 'unknown-outcome';
      const next = nextAfterFailure(result.failure, row.attempts, mayHaveArrived, DELIVERY_ATTEMPTS);
      if (next.state !== 'retrying') {
        await update(ctx.tx, row.id, { state: next.state, jobId: null, lastError: result.failure.message, lastUnknown: mayHaveArrived });
        return;
      }
      const runAt = new Date(Date.now() + next.delayMs);
      const jobId = await enqueueJob(ctx.tx, deliverAlertJobSpec, { deliveryId }, { runAt, idempotencyKey: `${deliverAlertJobSpec.name}:${row.id}:${row.attempts + 1}` });
      await update(ctx.tx, row.id, { state: 'retrying', jobId, lastError: result.failure.message, lastUnknown: mayHaveArrived, nextAttemptAt: runAt });
    },
  });
}
