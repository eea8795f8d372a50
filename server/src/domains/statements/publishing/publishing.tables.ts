import type { MediaRef, MeasureOptions, RateLimitState } from '@diplodesk/connector-sdk';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../../platform/db/columns.ts';

export type ChannelAccountStatus = 'active' | 'needs_reconnect' | 'disconnected';

// Units and users belong to identity: their ids are kept without foreign keys across the domain door.

/** A platform account a unit publishes to. Credentials are sealed with the row id as context. */
export const channelAccounts = pgTable(
  'channel_accounts',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    platform: text('platform').notNull(),
    handle: text('handle').notNull(),
    displayName: text('display_name'),
    remoteAccountId: text('remote_account_id').notNull(),
    url: text('url'),
    credentialsSealed: text('credentials_sealed'),
    status: text('status').$type<ChannelAccountStatus>().notNull().default('active'),
    statusReason: text('status_reason'),
    limits: jsonb('limits').$type<MeasureOptions>(),
    rateLimit: jsonb('rate_limit').$type<RateLimitState>(),
    connectedBy: uuid('connected_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('channel_accounts_unit_idx').on(t.unitId),
    // One live connection per remote account and unit; a disconnected row may be reconnected.
    uniqueIndex('channel_accounts_remote_key').on(t.unitId, t.platform, t.remoteAccountId).where(sql`${t.status} <> 'disconnected'`),
  ],
);

/** An OAuth connect in progress: the `state` the callback must bring back, and the sealed PKCE verifier. */
export const channelConnectStates = pgTable('channel_connect_states', {
  state: text('state').primaryKey(),
  platform: text('platform').notNull(),
  unitId: uuid('unit_id').notNull(),
  userId: uuid('user_id').notNull(),
  codeVerifierSealed: text('code_verifier_sealed').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});

export type PublicationState = 'scheduled' | 'publishing' | 'unconfirmed' | 'published' | 'failed' | 'cancelled' | 'withdrawing' | 'withdrawn';
/** The X reply carrying the statement link: a second effect with the same rules. */
export type ReplyState = 'pending' | 'posting' | 'unconfirmed' | 'posted' | 'failed';

export const publications = pgTable(
  'publications',
  {
    id: idColumn(),
    statementId: uuid('statement_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    channelAccountId: uuid('channel_account_id')
      .notNull()
      .references(() => channelAccounts.id),
    platform: text('platform').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    state: text('state').$type<PublicationState>().notNull().default('scheduled'),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    text: text('text').notNull(),
    title: text('title'),
    language: text('language').notNull(),
    media: jsonb('media').$type<MediaRef[]>().notNull().default([]),
    linkUrl: text('link_url').notNull(),
    remoteId: text('remote_id'),
    remoteUrl: text('remote_url'),
    replyState: text('reply_state').$type<ReplyState>(),
    replyRemoteId: text('reply_remote_id'),
    checkpoint: text('checkpoint'),
    attempts: integer('attempts').notNull().default(0),
    /** The one job allowed to act on this row now; a stale job finds another id and does nothing. */
    jobId: uuid('job_id'),
    /** When the last call that may have landed started: the reconciliation window opens here. */
    attemptStartedAt: timestamp('attempt_started_at', { withTimezone: true }),
    reconcileChecks: integer('reconcile_checks').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('publications_idempotency_key').on(t.idempotencyKey),
    index('publications_statement_idx').on(t.statementId),
    index('publications_unit_scheduled_idx').on(t.unitId, t.scheduledAt),
  ],
);

export type ChannelAccountRow = typeof channelAccounts.$inferSelect;
export type PublicationRow = typeof publications.$inferSelect;
