import { z } from 'zod';
import { isoDateTime, personName, plainText, policies, timeZone, uuid } from './common.ts';
import { languageTag } from './statements.ts';

// Negotiation, meetings (issue 14): a meeting with its agenda, delegations, participants (internal
// people or external guests invited by e-mail) and the decisions the secretariat records.

export const meetingStatus = z.enum(['draft', 'scheduled', 'cancelled', 'ended']);
export type MeetingStatus = z.infer<typeof meetingStatus>;
export const participantRole = z.enum(['chair', 'secretariat', 'delegate', 'observer', 'interpreter']);
export type ParticipantRole = z.infer<typeof participantRole>;
export const delegationKind = z.enum(['state', 'organisation']);

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'Two capital letters (ISO 3166-1)');

export const agendaItem = z.object({ title: plainText(1, 300), notes: plainText(1, 2000).nullable().default(null) });
export type AgendaItem = z.output<typeof agendaItem>;
/** The agenda in order: the first item is taken first. */
export const agenda = z.array(agendaItem).max(100);

const meetingFields = {
  title: plainText(1, 300),
  agenda: agenda.default([]),
  hostCity: plainText(1, 200).nullable().default(null),
  hostCountry: countryCode.nullable().default(null),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  /** The IANA zone the meeting is held in (its series recur in this zone). */
  timeZone,
};

export const createMeetingRequest = z
  .object({
    unitId: uuid,
    ...meetingFields,
    /** A recurrence rule (RFC 5545 RRULE, in the meeting's zone) makes the meeting the first of a series. */
    recurrence: plainText(1, 500)
      .regex(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Za-z0-9,+-]+)*$/, 'An RRULE such as FREQ=WEEKLY;BYDAY=TU')
      .nullable()
      .default(null),
  })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), { message: 'The meeting must end after it starts', path: ['endsAt'] });

export const updateMeetingRequest = z
  .object({
    title: meetingFields.title.optional(),
    agenda: agenda.optional(),
    hostCity: plainText(1, 200).nullable().optional(),
    hostCountry: countryCode.nullable().optional(),
    startsAt: isoDateTime.optional(),
    endsAt: isoDateTime.optional(),
    timeZone: timeZone.optional(),
    status: meetingStatus.optional(),
  })
  .refine((m) => Object.keys(m).length > 0, { message: 'Nothing to change' });

export const createDelegationRequest = z.object({ kind: delegationKind, name: plainText(1, 200), countryCode: countryCode.nullable().default(null) });

export const createParticipantRequest = z
  .object({
    /** An internal person; leave out for an external guest (then `email` and `displayName` are needed). */
    userId: uuid.nullable().default(null),
    email: z.email().max(254).nullable().default(null),
    displayName: personName(1, 200).nullable().default(null),
    delegationId: uuid.nullable().default(null),
    role: participantRole,
    language: languageTag.nullable().default(null),
  })
  .refine((p) => p.userId !== null || (p.email !== null && p.displayName !== null), { message: 'An external guest needs an e-mail address and a name', path: ['email'] });

export const inviteParticipantRequest = z.object({
  /** Days the link stays valid. */
  validForDays: z.number().int().min(1).max(30).default(7),
});

export const acceptInvitationRequest = z.object({ token: z.string().min(20).max(200) });

export const createDecisionRequest = z.object({ text: plainText(1, 4000), agendaIndex: z.number().int().min(0).max(99).nullable().default(null) });

export const delegationDto = z.object({ id: uuid, kind: delegationKind, name: z.string(), countryCode: z.string().nullable() });
export const participantDto = z.object({
  id: uuid,
  userId: uuid.nullable(),
  /** Shown only to those who manage the meeting. */
  email: z.string().nullable(),
  displayName: z.string(),
  delegationId: uuid.nullable(),
  role: participantRole,
  language: z.string().nullable(),
  external: z.boolean(),
  invitation: z.enum(['none', 'pending', 'accepted', 'expired']),
});
export const decisionDto = z.object({ id: uuid, text: z.string(), agendaIndex: z.number().int().nullable(), createdAt: isoDateTime });

export const meetingDto = z.object({
  id: uuid,
  unitId: uuid,
  seriesId: uuid.nullable(),
  recurrence: z.string().nullable(),
  title: z.string(),
  agenda: z.array(z.object({ title: z.string(), notes: z.string().nullable() })),
  hostCity: z.string().nullable(),
  hostCountry: z.string().nullable(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  timeZone: z.string(),
  status: meetingStatus,
  delegations: z.array(delegationDto),
  participants: z.array(participantDto),
  decisions: z.array(decisionDto),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  policies,
});
export type MeetingDto = z.infer<typeof meetingDto>;
export const meetingSummaryDto = meetingDto.pick({ id: true, unitId: true, seriesId: true, title: true, startsAt: true, endsAt: true, timeZone: true, status: true });
export const meetingListResponse = z.object({ items: z.array(meetingSummaryDto), policies });
export const meetingListQuery = z.object({ unitId: uuid.optional() });

export const invitationSentResponse = z.object({ participantId: uuid, expiresAt: isoDateTime });
export const acceptInvitationResponse = z.object({ meetingId: uuid, participantId: uuid });

/** Event on the outbox when anything of a meeting changes (data: `meetingId`, `change`). */
export const negotiationEvents = { meetingChanged: 'negotiation.meeting-changed' } as const;
