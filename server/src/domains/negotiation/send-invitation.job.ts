// Sends one invitation e-mail as an effect job (platform/jobs/effect.ts): the invitation row is
// claimed and committed, the relay is called with no transaction open, the outcome recorded with
// the job. The invitation's id is the Message-ID on every attempt, so a repeat is recognisable. A
// refusal for now is retried a few times as a new job; an unknown outcome is recorded, never blindly
// repeated (the secretariat can send a new invitation, which replaces this link).
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Tx } from '../../platform/db/index.ts';
import { defineEffectJob, enqueueJob, type JobDefinition } from '../../platform/jobs/index.ts';
import { MailError, type MailMessage, readSmtpSettings, type SmtpConnection, sendMail, smtpConnectionOf } from '../../platform/mail/index.ts';
import type { Outbound } from '../../platform/outbound/index.ts';
import { composeInvitationMail, type InvitationLocale } from './invitation-mail.ts';
import { meetingInvitations, meetingParticipants, meetings } from './negotiation.tables.ts';

const payload = z.object({ invitationId: z.uuid() });
const SEND_ATTEMPTS = 5;

export const invitationTokenContext = (invitationId: string) => `meeting-invitation:${invitationId}`;
/** Where the link leads: the web app's acceptance page, the token in the fragment. */
export const invitationLink = (staffUrl: string, token: string) => `${staffUrl.replace(/\/+$/, '')}/negotiation/invitation#${token}`;

export const sendInvitationJobSpec: JobDefinition<typeof payload> = {
  name: 'negotiation.send-invitation@1',
  payload,
  maxAttempts: 3,
  async handler() {
    throw new Error('negotiation.send-invitation@1: enqueue-only spec; the runner holds the definition from sendInvitationJob()');
  },
};

export type InvitationMailDeps = { outbound: Pick<Outbound, 'pinHost'>; /** the `notification-secrets` box */ secretBox: SecretBox; staffUrl: string };
type Plan = { invitationId: string; smtp: SmtpConnection; message: MailMessage };
type Result = { ok: true } | { ok: false; kind: MailError['kind']; message: string };

async function lockOpen(tx: Tx, id: string) {
  const [row] = await tx
    .select()
    .from(meetingInvitations)
    .where(and(eq(meetingInvitations.id, id), isNull(meetingInvitations.revokedAt), isNull(meetingInvitations.acceptedAt), isNull(meetingInvitations.sentAt)))
    .for('update');
  return row;
}

export function sendInvitationJob(deps: InvitationMailDeps) {
  return defineEffectJob({
    name: sendInvitationJobSpec.name,
    payload,
    maxAttempts: 3,
    async prepare({ invitationId }, ctx): Promise<Plan | null> {
      const inv = await lockOpen(ctx.tx, invitationId);
      if (!inv || inv.expiresAt <= new Date()) return null;
      const [facts] = await ctx.tx
        .select({ participant: meetingParticipants, meeting: meetings })
        .from(meetingParticipants)
        .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
        .where(eq(meetingParticipants.id, inv.participantId));
      const settings = await readSmtpSettings(ctx.tx);
      if (!facts?.participant.email || !settings) {
        await ctx.tx.update(meetingInvitations).set({ lastError: settings ? 'The participant has no e-mail address.' : 'No mail server is configured.' }).where(eq(meetingInvitations.id, inv.id));
        return null;
      }
      const token = deps.secretBox.open(inv.tokenSealed, invitationTokenContext(inv.id));
      const { participant, meeting } = facts;
      const mail = composeInvitationMail(
        { guestName: participant.displayName, meetingTitle: meeting.title, startsAt: meeting.startsAt, endsAt: meeting.endsAt, timeZone: meeting.timeZone, link: invitationLink(deps.staffUrl, token), expiresAt: inv.expiresAt },
        inv.locale as InvitationLocale,
      );
      const domain = settings.fromAddress.split('@')[1] ?? 'diplodesk.invalid';
      await ctx.tx.update(meetingInvitations).set({ sendAttempts: inv.sendAttempts + 1 }).where(eq(meetingInvitations.id, inv.id));
      return { invitationId: inv.id, smtp: smtpConnectionOf(settings, deps.secretBox), message: { to: participant.email as string, ...mail, messageId: `<${inv.id}@${domain}>`, language: inv.locale } };
    },
    async perform(plan): Promise<Result> {
      try {
        await sendMail(deps.outbound, plan.smtp, plan.message);
        return { ok: true };
      } catch (error) {
        const e = error instanceof MailError ? error : new MailError('unknown-outcome', 'The mail server could not be reached.');
        return { ok: false, kind: e.kind, message: e.message };
      }
    },
    async record({ invitationId }, _plan, outcome, ctx) {
      const inv = await lockOpen(ctx.tx, invitationId);
      if (!inv) return;
      const result: Result = outcome.ok ? outcome.value : { ok: false, kind: 'unknown-outcome', message: 'The sending stopped unexpectedly.' };
      if (result.ok) {
        await ctx.tx.update(meetingInvitations).set({ sentAt: new Date(), lastError: null }).where(eq(meetingInvitations.id, inv.id));
        return;
      }
      const note = result.kind === 'unknown-outcome' ? `Unconfirmed: ${result.message}` : result.message;
      await ctx.tx.update(meetingInvitations).set({ lastError: note }).where(eq(meetingInvitations.id, inv.id));
      if (result.kind === 'transient' && inv.sendAttempts < SEND_ATTEMPTS) {
        const runAt = new Date(Date.now() + 30_000 * 2 ** inv.sendAttempts);
        await enqueueJob(ctx.tx, sendInvitationJobSpec, { invitationId }, { runAt, idempotencyKey: `${sendInvitationJobSpec.name}:${inv.id}:${inv.sendAttempts + 1}` });
      }
    },
  });
}
