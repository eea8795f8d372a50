// Inviting an external delegate and accepting the invitation. The link's token is 32 random bytes:
// unguessable, found by its SHA-256 only, single-use, expiring, and replaced by a newer invitation.
// Accepting creates (or reuses) the guest's password-less `meeting-guest` account, records it as
// the participant and signs it in; that account then sees this meeting and the others it was
// invited to, nothing else (see negotiation.policy.ts and ADR 0032).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { randomToken, sha256Hex } from '../../../platform/crypto/tokens.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { readSmtpSettings } from '../../../platform/mail/index.ts';
import { type CookieNames, guestAccountFor, signInGuest } from '../../identity/index.ts';
import { invitationLocaleOf } from '../invitation-mail.ts';
import { isClosed } from '../lifecycle.ts';
import { appendMeetingChanged } from '../negotiation-events.ts';
import { manageableMeeting } from '../negotiation.policy.ts';
import { findInvitationByHash, findParticipant, isParticipant, lockMeeting, revokeOpenInvitations } from '../negotiation.repo.ts';
import { meetingInvitations, meetingParticipants } from '../negotiation.tables.ts';
import { invitationTokenContext, sendInvitationJobSpec } from '../send-invitation.job.ts';

export async function inviteParticipant(ctx: PlatformContext, p: Principal, meetingId: string, participantId: string, input: { validForDays: number }, actor: Actor): Promise<{ participantId: string; expiresAt: Date }> {
  return inTransaction(ctx, async (tx) => {
    await manageableMeeting(tx, p, meetingId);
    const meeting = await lockMeeting(tx, meetingId);
    if (!meeting) throw new AppError('meeting.not-found');
    if (isClosed(meeting.status)) throw new AppError('meeting.closed');
    const participant = await findParticipant(tx, meetingId, participantId);
    if (!participant) throw new AppError('meeting-participant.not-found');
    if (!participant.external || !participant.email) throw new AppError('meeting-participant.not-external');
    if (!(await readSmtpSettings(tx))) throw new AppError('meeting.mail-not-configured');
    const now = new Date();
    await revokeOpenInvitations(tx, participant.id, now);
    const id = newIdFor();
    const token = randomToken(32, 'ddm_');
    const expiresAt = new Date(now.getTime() + input.validForDays * 86_400_000);
    await tx.insert(meetingInvitations).values({
      id,
      participantId: participant.id,
      tokenHash: sha256Hex(token),
      tokenSealed: ctx.secretBox.for('notification-secrets').seal(token, invitationTokenContext(id)),
      locale: invitationLocaleOf(participant.language),
      expiresAt,
    });
    await enqueueJob(tx, sendInvitationJobSpec, { invitationId: id }, { idempotencyKey: `${sendInvitationJobSpec.name}:${id}` });
    await appendAudit(tx, actor, {
      action: 'meeting-participant.invited',
      targetType: 'meeting',
      targetId: meetingId,
      unitId: meeting.unitId,
      summary: { participantId: participant.id, invitationId: id, email: participant.email, expiresAt: expiresAt.toISOString() },
    });
    await appendMeetingChanged(tx, meeting, 'participant-invited');
    return { participantId: participant.id, expiresAt };
  });
}

/** Checks the link's token, attaches the guest account to the participant and signs it in (cookies on `reply`). */
export async function acceptInvitation(ctx: PlatformContext, cookies: CookieNames, req: FastifyRequest, reply: FastifyReply, token: string): Promise<{ meetingId: string; participantId: string }> {
  return inTransaction(ctx, async (tx) => {
    const inv = await findInvitationByHash(tx, sha256Hex(token));
    // Unknown, forged, used or replaced: one answer, so a guess learns nothing.
    if (!inv || inv.acceptedAt || inv.revokedAt) throw new AppError('meeting.invitation-invalid');
    if (inv.expiresAt <= new Date()) throw new AppError('meeting.invitation-expired');
    const [participant] = await tx.select().from(meetingParticipants).where(eq(meetingParticipants.id, inv.participantId)).for('update');
    if (!participant?.email) throw new AppError('meeting.invitation-invalid');
    const meeting = await lockMeeting(tx, participant.meetingId);
    if (!meeting) throw new AppError('meeting.invitation-invalid');
    const label = participant.email;
    const guest = await guestAccountFor(tx, { userId: null, label, requestId: req.id }, { email: participant.email, displayName: participant.displayName, locale: inv.locale === 'id' ? 'id' : 'en' });
    const actor: Actor = { userId: guest.userId, label, requestId: req.id };
    // The account may already sit in this meeting (added by its id): then that entry stands.
    if (!(await isParticipant(tx, meeting.id, guest.userId))) await tx.update(meetingParticipants).set({ userId: guest.userId }).where(eq(meetingParticipants.id, participant.id));
    await tx.update(meetingInvitations).set({ acceptedAt: new Date() }).where(eq(meetingInvitations.id, inv.id));
    await appendAudit(tx, actor, {
      action: 'meeting-participant.invitation-accepted',
      targetType: 'meeting',
      targetId: meeting.id,
      unitId: meeting.unitId,
      summary: { participantId: participant.id, invitationId: inv.id, userId: guest.userId, accountCreated: guest.created },
    });
    await appendMeetingChanged(tx, meeting, 'invitation-accepted');
    await signInGuest(ctx, tx, cookies, req, reply, guest.userId);
    return { meetingId: meeting.id, participantId: participant.id };
  });
}
