// Row → response. The invitation token never leaves through here; participants' e-mail addresses
// are shown only to those who manage the meeting (a guest sees names, roles and delegations).
import type { MeetingDto } from '@diplodesk/contracts';
import type { Executor } from '../../platform/db/index.ts';
import { type MeetingAccess, meetingPolicies } from './negotiation.policy.ts';
import { decisionsOf, delegationsOf, latestInvitations, participantsOf } from './negotiation.repo.ts';
import type { InvitationRow, MeetingRow } from './negotiation.tables.ts';

function invitationState(row: InvitationRow | undefined, now: Date): MeetingDto['participants'][number]['invitation'] {
  if (!row) return 'none';
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt || row.expiresAt <= now) return 'expired';
  return 'pending';
}

export const presentMeetingSummary = (m: MeetingRow) => ({
  id: m.id,
  unitId: m.unitId,
  seriesId: m.seriesId,
  title: m.title,
  startsAt: m.startsAt.toISOString(),
  endsAt: m.endsAt.toISOString(),
  timeZone: m.timeZone,
  status: m.status,
});

export async function presentMeeting(x: Executor, access: MeetingAccess, recurrence: string | null): Promise<MeetingDto> {
  const m = access.meeting;
  const [delegations, participants, decisions] = await Promise.all([delegationsOf(x, m.id), participantsOf(x, m.id), decisionsOf(x, m.id)]);
  const invitations = await latestInvitations(x, participants.filter((p) => p.external).map((p) => p.id));
  const now = new Date();
  return {
    ...presentMeetingSummary(m),
    recurrence,
    agenda: m.agenda.map((a) => ({ title: a.title, notes: a.notes ?? null })),
    hostCity: m.hostCity,
    hostCountry: m.hostCountry,
    delegations: delegations.map((d) => ({ id: d.id, kind: d.kind, name: d.name, countryCode: d.countryCode })),
    participants: participants.map((p) => ({
      id: p.id,
      userId: p.userId,
      email: access.manage ? p.email : null,
      displayName: p.displayName,
      delegationId: p.delegationId,
      role: p.role,
      language: p.language,
      external: p.external,
      invitation: p.external ? invitationState(invitations.get(p.id), now) : 'none',
    })),
    decisions: decisions.map((d) => ({ id: d.id, text: d.text, agendaIndex: d.agendaIndex, createdAt: d.createdAt.toISOString() })),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    policies: meetingPolicies(access),
  };
}
