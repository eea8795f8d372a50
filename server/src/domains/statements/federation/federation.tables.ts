import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../../platform/db/columns.ts';

/** Fedify's key–value store (remote key cache, inbox idempotence, circuit-breaker state). Keys are JSON arrays. */
export const federationKv = pgTable(
  'federation_kv',
  {
    key: text('key').primaryKey(),
    value: jsonb('value').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [index('federation_kv_expires_idx').on(t.expiresAt).where(sql`${t.expiresAt} is not null`)],
);

/**
 * Fedify's message queue (fan-out, one delivery per remote inbox, inbox processing). Durable so a
 * restart loses no delivery; a claim is a lease (`locked_until`), so a crashed worker's message
 * is taken again.
 */
export const federationQueue = pgTable(
  'federation_queue',
  {
    id: idColumn(),
    message: jsonb('message').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('federation_queue_due_idx').on(t.runAt)],
);

/** Each actor's key pairs: RSA for HTTP Signatures (Mastodon), Ed25519 for Object Integrity Proofs. Private halves sealed. */
export const federationActorKeys = pgTable(
  'federation_actor_keys',
  {
    unitId: uuid('unit_id').notNull(),
    algorithm: text('algorithm').$type<'RSASSA-PKCS1-v1_5' | 'Ed25519'>().notNull(),
    publicJwk: jsonb('public_jwk').notNull().$type<JsonWebKey>(),
    privateSealed: text('private_sealed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.algorithm] })],
);

/** Remote actors following one of our actors (the organisation, or a mission). */
export const federationFollowers = pgTable(
  'federation_followers',
  {
    unitId: uuid('unit_id').notNull(),
    actorId: text('actor_id').notNull(),
    handle: text('handle'),
    inbox: text('inbox').notNull(),
    sharedInbox: text('shared_inbox'),
    followId: text('follow_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.actorId] })],
);

export type FollowingStatus = 'pending' | 'accepted' | 'rejected';

/** Remote actors one of our actors follows (how instance B reads instance A's statements). */
export const federationFollowing = pgTable(
  'federation_following',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    actorId: text('actor_id').notNull(),
    handle: text('handle'),
    followId: text('follow_id').notNull().unique(),
    status: text('status').$type<FollowingStatus>().notNull().default('pending'),
    createdAt: createdAt(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [index('federation_following_actor_idx').on(t.actorId)],
);

/** Activities received from actors we follow (Create, Update, Delete), with the object as sent. */
export const federationReceived = pgTable(
  'federation_received',
  {
    id: text('id').primaryKey(),
    activityType: text('activity_type').notNull(),
    actorId: text('actor_id').notNull(),
    objectId: text('object_id'),
    object: jsonb('object').$type<Record<string, unknown>>(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('federation_received_object_idx').on(t.objectId), index('federation_received_at_idx').on(t.receivedAt)],
);

export type PostVersion = { language: string; title: string; body: string; url: string };

/** What our actors published: the outbox collection and the dereferenceable objects come from here. */
export const federationPosts = pgTable(
  'federation_posts',
  {
    statementId: uuid('statement_id').primaryKey(),
    unitId: uuid('unit_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    kind: text('kind').notNull(),
    versions: jsonb('versions').notNull().$type<PostVersion[]>(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('federation_posts_unit_idx').on(t.unitId, t.publishedAt), index('federation_posts_org_idx').on(t.organisationId, t.publishedAt)],
);
