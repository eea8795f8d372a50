import type { AgendaItem, MeetingStatus, ParticipantRole } from '@diplodesk/contracts';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';

/** A recurring series: the rule is an RFC 5545 RRULE read in the zone of its meetings, so DST never shifts them. */
export const meetingSeries = pgTable('meeting_series', {
  id: idColumn(),
  unitId: uuid('unit_id').notNull(),
  recurrence: text('recurrence').notNull(),
  timeZone: text('time_zone').notNull(),
  createdAt: createdAt(),
});

export const meetings = pgTable(
  'meetings',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    seriesId: uuid('series_id').references(() => meetingSeries.id),
    title: text('title').notNull(),
    /** In order: the first item is taken first. */
    agenda: jsonb('agenda').$type<AgendaItem[]>().notNull().default([]),
    hostCity: text('host_city'),
    hostCountry: text('host_country'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull(),
    status: text('status').$type<MeetingStatus>().notNull().default('draft'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('meetings_unit_starts_idx').on(t.unitId, t.startsAt), index('meetings_series_idx').on(t.seriesId)],
);

/** A state or an international organisation taking part, with its country (ISO 3166-1 alpha-2). */
export const meetingDelegations = pgTable(
  'meeting_delegations',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'state' | 'organisation'>().notNull(),
    name: text('name').notNull(),
    countryCode: text('country_code'),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_delegations_meeting_idx').on(t.meetingId)],
);

/**
 * A person in a meeting: an internal user (`user_id`), or an external guest known by e-mail whose
 * password-less `meeting-guest` account (`user_id`) exists once the invitation is accepted.
 */
export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    external: boolean('external').notNull().default(false),
    email: text('email'),
    displayName: text('display_name').notNull(),
    delegationId: uuid('delegation_id').references(() => meetingDelegations.id),
    role: text('role').$type<ParticipantRole>().notNull(),
    language: text('language'),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_participants_meeting_idx').on(t.meetingId), index('meeting_participants_user_idx').on(t.userId), uniqueIndex('meeting_participants_meeting_email_key').on(t.meetingId, t.email), uniqueIndex('meeting_participants_meeting_user_key').on(t.meetingId, t.userId)],
);

/**
 * An invitation link of an external participant. Only the token's SHA-256 is used to find it; the
 * token itself is kept sealed (notification-secrets box) for the mail job that writes the link.
 * A new invitation of the same participant replaces the previous one (its link stops working).
 */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    id: idColumn(),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => meetingParticipants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    locale: text('locale').notNull().default('en'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    sendAttempts: integer('send_attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_invitations_token_key').on(t.tokenHash), index('meeting_invitations_participant_idx').on(t.participantId)],
);

/** The decisions the secretariat records, in order. */
export const meetingDecisions = pgTable(
  'meeting_decisions',
  {
    id: idColumn(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    agendaIndex: integer('agenda_index'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_decisions_meeting_idx').on(t.meetingId)],
);

export type MeetingRow = typeof meetings.$inferSelect;
export type ParticipantRow = typeof meetingParticipants.$inferSelect;
export type InvitationRow = typeof meetingInvitations.$inferSelect;
