// All queries of the meetings; each takes the executor (a transaction where the caller has one).
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { type InvitationRow, type MeetingRow, meetingDecisions, meetingDelegations, meetingInvitations, meetingParticipants, meetings, type ParticipantRow } from './negotiation.tables.ts';

export async function findMeeting(x: Executor, id: string): Promise<MeetingRow | undefined> {
  const [row] = await x.select().from(meetings).where(eq(meetings.id, id));
  return row;
}

export async function lockMeeting(x: Executor, id: string): Promise<MeetingRow | undefined> {
  const [row] = await x.select().from(meetings).where(eq(meetings.id, id)).for('update');
  return row;
}

export async function isParticipant(x: Executor, meetingId: string, userId: string): Promise<boolean> {
  const [row] = await x
    .select({ id: meetingParticipants.id })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)));
  return row !== undefined;
}

/** Meetings of these units, and those the user takes part in; newest start first. */
export async function listMeetingsFor(x: Executor, unitIds: string[], userId: string | null): Promise<MeetingRow[]> {
  const own = userId ? (await x.select({ id: meetingParticipants.meetingId }).from(meetingParticipants).where(eq(meetingParticipants.userId, userId))).map((r) => r.id) : [];
  const byUnit = unitIds.length > 0 ? await x.select().from(meetings).where(inArray(meetings.unitId, unitIds)) : [];
  const seen = new Set(byUnit.map((m) => m.id));
  const extra = own.filter((id) => !seen.has(id));
  const attended = extra.length > 0 ? await x.select().from(meetings).where(inArray(meetings.id, extra)) : [];
  return [...byUnit, ...attended].sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime() || (a.id < b.id ? -1 : 1));
}

export function delegationsOf(x: Executor, meetingId: string) {
  return x.select().from(meetingDelegations).where(eq(meetingDelegations.meetingId, meetingId)).orderBy(asc(meetingDelegations.createdAt), asc(meetingDelegations.id));
}

export function participantsOf(x: Executor, meetingId: string): Promise<ParticipantRow[]> {
  return x.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId)).orderBy(asc(meetingParticipants.createdAt), asc(meetingParticipants.id));
}

export function decisionsOf(x: Executor, meetingId: string) {
  return x.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, meetingId)).orderBy(asc(meetingDecisions.createdAt), asc(meetingDecisions.id));
}

export async function findParticipant(x: Executor, meetingId: string, participantId: string): Promise<ParticipantRow | undefined> {
  const [row] = await x.select().from(meetingParticipants).where(and(eq(meetingParticipants.id, participantId), eq(meetingParticipants.meetingId, meetingId)));
  return row;
}

/** The latest invitation of each participant (older ones are revoked when a new one is sent). */
export async function latestInvitations(x: Executor, participantIds: string[]): Promise<Map<string, InvitationRow>> {
  if (participantIds.length === 0) return new Map();
  const rows = await x.select().from(meetingInvitations).where(inArray(meetingInvitations.participantId, participantIds)).orderBy(desc(meetingInvitations.createdAt), desc(meetingInvitations.id));
  const latest = new Map<string, InvitationRow>();
  for (const r of rows) if (!latest.has(r.participantId)) latest.set(r.participantId, r);
  return latest;
}

export async function findInvitationByHash(x: Executor, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await x.select().from(meetingInvitations).where(eq(meetingInvitations.tokenHash, tokenHash)).for('update');
  return row;
}

export async function revokeOpenInvitations(x: Executor, participantId: string, at: Date): Promise<void> {
  await x
    .update(meetingInvitations)
    .set({ revokedAt: at })
    .where(and(eq(meetingInvitations.participantId, participantId), isNull(meetingInvitations.acceptedAt), isNull(meetingInvitations.revokedAt)));
}
