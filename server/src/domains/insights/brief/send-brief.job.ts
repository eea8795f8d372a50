// The daily brief by e-mail. A planner runs every minute: for each schedule whose time of day has
// come in its zone and whose send day is not yet planned, it writes one delivery row per recipient
// and one effect job each, in one transaction. The rows are unique per (unit, day, recipient) and
// the jobs' idempotency keys fixed, so a restart, a retried planner or two workers plan nothing
// twice. Each delivery then runs like an alert e-mail (see ../delivery/deliver-alert.job.ts):
// claimed and committed, sent with no transaction open, its outcome recorded; the row id is the
// Message-ID on every attempt.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isWithin } from '../../../platform/authz/principal.ts';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import { type Executor, newIdFor, type Tx } from '../../../platform/db/index.ts';
import { defineEffectJob, defineJob, type EffectOutcome, enqueueJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import { MailError, type MailMessage, readSmtpSettings, type SmtpConnection, sendMail, smtpConnectionOf } from '../../../platform/mail/index.ts';
import type { Outbound } from '../../../platform/outbound/index.ts';
import { findUnit, mailContactsOf } from '../../identity/index.ts';
import { type DeliveryFailure, DELIVERY_ATTEMPTS, nextAfterFailure } from '../delivery/delivery-outcome.ts';
import { buildBrief } from './build-brief.ts';
import { dueBrief } from './brief-period.ts';
import { renderBriefPdf } from './brief-pdf.ts';
import { type BriefLocale, briefWords, formatDay } from './brief-words.ts';
import { type BriefDeliveryRow, type BriefScheduleRow, insightsBriefDeliveries, insightsBriefSchedules } from './brief.tables.ts';

const MINUTE_MS = 60_000;
const JOB_ATTEMPTS = 100;
const planName = 'insights.plan-briefs@1';

type Recipient = { target: string; targetLabel: string; locale: BriefLocale };

/** The people the schedule names who still hold a role reaching the unit, then the further addresses, each once. */
async function recipientsOf(tx: Executor, schedule: BriefScheduleRow, unitPath: string): Promise<Recipient[]> {
  const out = new Map<string, Recipient>();
  for (const c of await mailContactsOf(tx, schedule.userIds)) {
    if (!c.isActive || !c.unitPaths.some((p) => isWithin(unitPath, p))) continue;
    out.set(c.email.toLowerCase(), { target: c.email.toLowerCase(), targetLabel: c.email, locale: c.locale });
  }
  for (const a of schedule.addresses) if (!out.has(a.toLowerCase())) out.set(a.toLowerCase(), { target: a.toLowerCase(), targetLabel: a, locale: schedule.language });
  return [...out.values()];
}

/** Plans every brief due at `now`; answers how many deliveries were planned. */
export async function planDueBriefs(tx: Tx, now: Date): Promise<number> {
  // Locked: a second planner waits and then finds the day already marked.
  const schedules = await tx.select().from(insightsBriefSchedules).where(eq(insightsBriefSchedules.enabled, true)).orderBy(insightsBriefSchedules.unitId).for('update');
  let planned = 0;
  for (const s of schedules) {
    const due = dueBrief(now, s);
    if (!due || s.lastPlannedDay === due.sendDay) continue;
    const unit = await findUnit(tx, s.unitId);
    if (unit) {
      for (const r of await recipientsOf(tx, s, unit.path)) {
        const id = newIdFor();
        const [row] = await tx
          .insert(insightsBriefDeliveries)
          .values({ id, unitId: s.unitId, briefDate: due.briefDate, ...r, state: 'pending' })
          .onConflictDoNothing()
          .returning({ id: insightsBriefDeliveries.id });
        if (!row) continue;
        const jobId = await enqueueJob(tx, sendBriefJobSpec, { deliveryId: id }, { idempotencyKey: `${sendBriefJobSpec.name}:${id}:1` });
        await tx.update(insightsBriefDeliveries).set({ jobId }).where(eq(insightsBriefDeliveries.id, id));
        planned++;
      }
    }
    await tx.update(insightsBriefSchedules).set({ lastPlannedDay: due.sendDay }).where(eq(insightsBriefSchedules.unitId, s.unitId));
  }
  return planned;
}

const planPayload = z.object({ minute: z.iso.datetime() });

export const planBriefsJob = defineJob({
  name: planName,
  payload: planPayload,
  maxAttempts: 3,
  async handler(input, { tx }) {
    await planDueBriefs(tx, new Date());
    await scheduleBriefPlanning(tx, new Date(Math.max(Date.now(), new Date(input.minute).getTime() + MINUTE_MS)));
  },
});

/** Enqueues the planning of the minute that contains `at` (one job per minute, whoever asks). */
export async function scheduleBriefPlanning(x: Executor, at: Date = new Date()): Promise<void> {
  const minute = new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
  await enqueueJob(x, planBriefsJob, { minute: minute.toISOString() }, { idempotencyKey: `${planName}:${minute.toISOString()}`, runAt: minute });
}

const payload = z.object({ deliveryId: z.uuid() });

export type BriefMailDeps = {
  outbound: Pick<Outbound, 'pinHost'>;
  /** The `notification-secrets` box: the relay password. */
  secretBox: SecretBox;
  staffUrl: string;
};

/** Name, payload and budget, for enqueueing where the handler's dependencies are not at hand. */
export const sendBriefJobSpec: JobDefinition<typeof payload> = {
  name: 'insights.send-brief@1',
  payload,
  maxAttempts: JOB_ATTEMPTS,
  async handler() {
    throw new Error('insights.send-brief@1: enqueue-only spec; the runner holds the definition from sendBriefJob()');
  },
};

type Plan = { smtp: SmtpConnection; message: Omit<MailMessage, 'attachments'>; brief: Awaited<ReturnType<typeof buildBrief>>; locale: BriefLocale };
type Result = { ok: true } | { ok: false; failure: DeliveryFailure };

async function lockDelivery(tx: Tx, id: string): Promise<BriefDeliveryRow | undefined> {
  const [row] = await tx.select().from(insightsBriefDeliveries).where(eq(insightsBriefDeliveries.id, id)).for('update');
  return row;
}

const update = (tx: Tx, id: string, patch: Partial<BriefDeliveryRow>) => tx.update(insightsBriefDeliveries).set({ ...patch, updatedAt: new Date() }).where(eq(insightsBriefDeliveries.id, id));

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the e-mail says, or why there is nothing to send. */
async function planOf(tx: Tx, deps: BriefMailDeps, row: BriefDeliveryRow): Promise<Plan | string> {
  const settings = await readSmtpSettings(tx);
  if (!settings) return 'No mail server is configured.';
  const unit = await findUnit(tx, row.unitId);
  if (!unit) return 'The unit no longer exists.';
  const brief = await buildBrief(tx, unit, row.briefDate);
  const w = briefWords[row.locale];
  const day = formatDay(row.briefDate, row.locale);
  const link = `${deps.staffUrl}/insights/brief?unit=${unit.id}&date=${row.briefDate}`;
  const text = [w.mail.intro(unit.name, day), '', `${w.mail.open}: ${link}`, '', '--', w.mail.footer, ''].join('\n');
  const html = [
    `<!doctype html><html lang="${row.locale}"><body style="font-family:sans-serif;line-height:1.5">`,
    `<p>${escapeHtml(w.mail.intro(unit.name, day))}</p>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(w.mail.open)}</a></p>`,
    `<p style="color:#666;font-size:12px">${escapeHtml(w.mail.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  const domain = settings.fromAddress.split('@')[1] ?? 'diplodesk.invalid';
  return {
    smtp: smtpConnectionOf(settings, deps.secretBox),
    message: { to: row.target, subject: w.mail.subject(unit.name, day), text, html, messageId: `<${row.id}@${domain}>`, language: row.locale },
    brief,
    locale: row.locale,
  };
}

/** The attachment's name: the unit's code-safe name and the day. */
export const briefFileName = (unitName: string, date: string) => `brief-${unitName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'unit'}-${date}.pdf`;

async function send(deps: BriefMailDeps, plan: Plan): Promise<Result> {
  try {
    const pdf = await renderBriefPdf(plan.brief, plan.locale, deps.staffUrl);
    await sendMail(deps.outbound, plan.smtp, { ...plan.message, attachments: [{ filename: briefFileName(plan.brief.unitName, plan.brief.date), content: pdf, contentType: 'application/pdf' }] });
    return { ok: true };
  } catch (error) {
    const e = error instanceof MailError ? error : new MailError('unknown-outcome', 'The mail server could not be reached.');
    return { ok: false, failure: { kind: e.kind, message: e.message } };
  }
}

const asResult = (outcome: EffectOutcome<Result>): Result => (outcome.ok ? outcome.value : { ok: false, failure: { kind: 'unknown-outcome', message: 'The delivery stopped unexpectedly.' } });

export function sendBriefJob(deps: BriefMailDeps) {
  return defineEffectJob({
    name: sendBriefJobSpec.name,
    payload,
    maxAttempts: JOB_ATTEMPTS,
    async prepare({ deliveryId }, ctx): Promise<Plan | null> {
      const row = await lockDelivery(ctx.tx, deliveryId);
      if (!row || row.jobId !== ctx.jobId) return null;
      if (row.state !== 'pending' && row.state !== 'retrying' && row.state !== 'sending') return null;
      const plan = await planOf(ctx.tx, deps, row);
      if (typeof plan === 'string') {
        await update(ctx.tx, row.id, { state: 'failed', jobId: null, lastError: plan, nextAttemptAt: null });
        return null;
      }
      await update(ctx.tx, row.id, { state: 'sending', attempts: row.attempts + 1, nextAttemptAt: null, lastUnknown: row.lastUnknown || row.state === 'sending' });
      return plan;
    },
    perform: (plan) => send(deps, plan),
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
      const jobId = await enqueueJob(ctx.tx, sendBriefJobSpec, { deliveryId }, { runAt, idempotencyKey: `${sendBriefJobSpec.name}:${row.id}:${row.attempts + 1}` });
      await update(ctx.tx, row.id, { state: 'retrying', jobId, lastError: result.failure.message, lastUnknown: mayHaveArrived, nextAttemptAt: runAt });
    },
  });
}
