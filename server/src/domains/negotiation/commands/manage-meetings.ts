// Creating and changing a meeting, its delegations, participants and decisions. Each checks
// `meeting.manage` at the meeting's unit (the route checked the permission somewhere already) and
// writes the change, its audit entry and `negotiation.meeting-changed` in one transaction.
import type { createDecisionRequest, createDelegationRequest, createMeetingRequest, createParticipantRequest, updateMeetingRequest } from '@diplodesk/contracts';
import { and, eq, notExists } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, appendAudit } from '../../../platform/audit/audit.ts';
import type { Principal } from '../../../platform/authz/principal.ts';
import { inTransaction, type PlatformContext } from '../../../platform/context.ts';
import { newIdFor } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { displayNamesOf, isStaffAddress } from '../../identity/index.ts';
import { canMove, isClosed } from '../lifecycle.ts';
import { appendMeetingChanged } from '../negotiation-events.ts';
import { manageableMeeting, manageableUnit } from '../negotiation.policy.ts';
import { lockMeeting } from '../negotiation.repo.ts';
import { type MeetingRow, meetingDecisions, meetingDelegations, meetingParticipants, meetingSeries, meetings, type ParticipantRow } from '../negotiation.tables.ts';

type CreateMeeting = z.output<typeof createMeetingRequest>;
type UpdateMeeting = z.output<typeof updateMeetingRequest>;

const meetingSummary = (m: Pick<MeetingRow, 'title' | 'startsAt' | 'endsAt' | 'timeZone' | 'status' | 'hostCity' | 'hostCountry' | 'agenda'>) => ({
  title: m.title,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  timeZone: m.timeZone,
  status: m.status,
  hostCity: m.hostCity,
  hostCountry: m.hostCountry,
  agendaItems: m.agenda.length,
});

/** The meeting, locked for the change and still manageable by the caller. */
async function lockedForChange(tx: Parameters<typeof lockMeeting>[0], p: Principal, meetingId: string, opts: { open: boolean }): Promise<MeetingRow> {
  await manageableMeeting(tx, p, meetingId);
  const meeting = await lockMeeting(tx, meetingId);
  if (!meeting) throw new AppError('meeting.not-found');
  if (opts.open && isClosed(meeting.status)) throw new AppError('meeting.closed');
  return meeting;
}

export async function createMeeting(ctx: PlatformContext, p: Principal, input: CreateMeeting, actor: Actor): Promise<{ meeting: MeetingRow; recurrence: string | null }> {
  await manageableUnit(ctx.db, p, input.unitId);
  return inTransaction(ctx, async (tx) => {
    let seriesId: string | null = null;
    if (input.recurrence) {
      const [series] = await tx.insert(meetingSeries).values({ id: newIdFor(), unitId: input.unitId, recurrence: input.recurrence, timeZone: input.timeZone }).returning();
      seriesId = series?.id ?? null;
    }
    const [meeting] = await tx
      .insert(meetings)
      .values({
        id: newIdFor(),
        unitId: input.unitId,
        seriesId,
        title: input.title,
        agenda: input.agenda,
        hostCity: input.hostCity,
        hostCountry: input.hostCountry,
        startsAt: new Date(input.startsAt),
        endsAt: new Date(input.endsAt),
        timeZone: input.timeZone,
        createdBy: p.userId,
      })
      .returning();
    if (!meeting) throw new Error('meeting not stored');
    await appendAudit(tx, actor, { action: 'meeting.created', targetType: 'meeting', targetId: meeting.id, unitId: meeting.unitId, summary: { ...meetingSummary(meeting), seriesId, recurrence: input.recurrence } });
    await appendMeetingChanged(tx, meeting, 'created');
    return { meeting, recurrence: input.recurrence };
  });
}

export async function updateMeeting(ctx: PlatformContext, p: Principal, meetingId: string, input: UpdateMeeting, actor: Actor): Promise<MeetingRow> {
  return inTransaction(ctx, async (tx) => {
    const before = await lockedForChange(tx, p, meetingId, { open: false });
    if (input.status !== undefined && !canMove(before.status, input.status)) throw new AppError('meeting.invalid-transition', undefined, { from: before.status, to: input.status });
    if (isClosed(before.status) && Object.keys(input).some((k) => k !== 'status')) throw new AppError('meeting.closed');
    const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
    const endsAt = input.endsAt ? new Date(input.endsAt) : before.endsAt;
    if (endsAt <= startsAt) throw new AppError('request.invalid', 'The meeting must end after it starts.', { field: 'endsAt' });
    const [after] = await tx
      .update(meetings)
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.agenda !== undefined ? { agenda: input.agenda } : {}),
        ...(input.hostCity !== undefined ? { hostCity: input.hostCity } : {}),
        ...(input.hostCountry !== undefined ? { hostCountry: input.hostCountry } : {}),
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        startsAt,
        endsAt,
        updatedAt: new Date(),
      })
      .where(eq(meetings.id, meetingId))
      .returning();
    if (!after) throw new AppError('meeting.not-found');
    await appendAudit(tx, actor, { action: 'meeting.updated', targetType: 'meeting', targetId: meetingId, unitId: after.unitId, summary: { before: meetingSummary(before), after: meetingSummary(after) } });
    await appendMeetingChanged(tx, after, 'updated');
    return after;
  });
}

export async function addDelegation(ctx: PlatformContext, p: Principal, meetingId: string, input: z.output<typeof createDelegationRequest>, actor: Actor) {
  return inTransaction(ctx, async (tx) => {
    const meeting = await lockedForChange(tx, p, meetingId, { open: true });
    const [row] = await tx.insert(meetingDelegations).values({ id: newIdFor(), meetingId, kind: input.kind, name: input.name, countryCode: input.countryCode }).returning();
    if (!row) throw new Error('delegation not stored');
    await appendAudit(tx, actor, { action: 'meeting-delegation.added', targetType: 'meeting', targetId: meetingId, unitId: meeting.unitId, summary: { delegationId: row.id, kind: row.kind, name: row.name, countryCode: row.countryCode } });
    await appendMeetingChanged(tx, meeting, 'delegation-added');
    return row;
  });
}

export async function addParticipant(ctx: PlatformContext, p: Principal, meetingId: string, input: z.output<typeof createParticipantRequest>, actor: Actor): Promise<ParticipantRow> {
  return inTransaction(ctx, async (tx) => {
    const meeting = await lockedForChange(tx, p, meetingId, { open: true });
    if (input.delegationId) {
      const [d] = await tx.select({ meetingId: meetingDelegations.meetingId }).from(meetingDelegations).where(eq(meetingDelegations.id, input.delegationId));
      if (d?.meetingId !== meetingId) throw new AppError('meeting-delegation.not-found', undefined, { field: 'delegationId' });
    }
    let values: { userId: string | null; external: boolean; email: string | null; displayName: string };
    if (input.userId) {
      const name = (await displayNamesOf(tx, [input.userId])).get(input.userId);
      if (name === undefined) throw new AppError('user.not-found', undefined, { field: 'userId' });
      values = { userId: input.userId, external: false, email: null, displayName: input.displayName ?? name };
    } else {
      const email = (input.email as string).trim().toLowerCase();
      if (await isStaffAddress(tx, email)) throw new AppError('meeting-participant.staff-address', undefined, { field: 'email' });
      values = { userId: null, external: true, email, displayName: input.displayName as string };
    }
    const [row] = await tx
      .insert(meetingParticipants)
      .values({ id: newIdFor(), meetingId, ...values, delegationId: input.delegationId, role: input.role, language: input.language })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('meeting-participant.exists');
    await appendAudit(tx, actor, {
      action: 'meeting-participant.added',
      targetType: 'meeting',
      targetId: meetingId,
      unitId: meeting.unitId,
      summary: { participantId: row.id, userId: row.userId, external: row.external, email: row.email, role: row.role, delegationId: row.delegationId },
    });
    await appendMeetingChanged(tx, meeting, 'participant-added');
    return row;
  });
}

export async function recordDecision(ctx: PlatformContext, p: Principal, meetingId: string, input: z.output<typeof createDecisionRequest>, actor: Actor) {
  return inTransaction(ctx, async (tx) => {
    const meeting = await lockedForChange(tx, p, meetingId, { open: false });
    if (input.agendaIndex !== null && input.agendaIndex >= meeting.agenda.length) throw new AppError('request.invalid', 'No agenda item has this number.', { field: 'agendaIndex' });
    const [row] = await tx.insert(meetingDecisions).values({ id: newIdFor(), meetingId, text: input.text, agendaIndex: input.agendaIndex, createdBy: p.userId }).returning();
    if (!row) throw new Error('decision not stored');
    await appendAudit(tx, actor, { action: 'meeting-decision.recorded', targetType: 'meeting', targetId: meetingId, unitId: meeting.unitId, summary: { decisionId: row.id, agendaIndex: row.agendaIndex, text: row.text.slice(0, 500) } });
    await appendMeetingChanged(tx, meeting, 'decision-recorded');
    return row;
  });
}

/** Deletes a draft meeting with everything in it (a scheduled one is cancelled instead, so its record stays). */
export async function deleteMeeting(ctx: PlatformContext, p: Principal, meetingId: string, actor: Actor): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const meeting = await lockedForChange(tx, p, meetingId, { open: false });
    if (meeting.status !== 'draft') throw new AppError('meeting.not-draft', undefined, { status: meeting.status });
    await tx.delete(meetings).where(eq(meetings.id, meetingId));
    if (meeting.seriesId) await tx.delete(meetingSeries).where(and(eq(meetingSeries.id, meeting.seriesId), notExists(tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.seriesId, meeting.seriesId)))));
    await appendAudit(tx, actor, { action: 'meeting.deleted', targetType: 'meeting', targetId: meetingId, unitId: meeting.unitId, summary: meetingSummary(meeting) });
    await appendMeetingChanged(tx, meeting, 'deleted');
  });
}

/** Removes a participant; an open invitation link of theirs stops working with it. */
export async function removeParticipant(ctx: PlatformContext, p: Principal, meetingId: string, participantId: string, actor: Actor): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const meeting = await lockedForChange(tx, p, meetingId, { open: true });
    const [row] = await tx
      .delete(meetingParticipants)
      .where(and(eq(meetingParticipants.id, participantId), eq(meetingParticipants.meetingId, meetingId)))
      .returning();
    if (!row) throw new AppError('meeting-participant.not-found');
    await appendAudit(tx, actor, {
      action: 'meeting-participant.removed',
      targetType: 'meeting',
      targetId: meetingId,
      unitId: meeting.unitId,
      summary: { participantId: row.id, userId: row.userId, external: row.external, email: row.email, role: row.role },
    });
    await appendMeetingChanged(tx, meeting, 'participant-removed');
  });
}
