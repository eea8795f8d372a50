import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../../platform/db/columns.ts';

/**
 * A partner organisation we share threat intelligence with (another ministry, a CERT, a platform's
 * trust and safety team). Its credentials are API tokens of its own identity account (`user_id`,
 * role `partner`), so the one permission check with token scopes applies to every TAXII call.
 */
export const sharingPartners = pgTable(
  'sharing_partners',
  {
    id: idColumn(),
    name: text('name').notNull(),
    contact: text('contact'),
    userId: uuid('user_id').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sharing_partners_user_key').on(t.userId)],
);

/** A TAXII 2.1 collection of the one API root. */
export const sharingCollections = pgTable(
  'sharing_collections',
  {
    id: idColumn(),
    title: text('title').notNull(),
    description: text('description'),
    alias: text('alias'),
    /**
     * The last `date_added` given in this collection, in microseconds since the epoch. Each write
     * takes the row's lock and continues from here, so `date_added` is strictly increasing within a
     * collection: a client polling with `added_after` never misses an object stored in the same
     * instant as the last one it saw.
     */
    lastAddedUs: bigint('last_added_us', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('sharing_collections_alias_key').on(t.alias)],
);

/** What a partner may do with a collection. A partner without a row does not see the collection. */
export const sharingAccess = pgTable(
  'sharing_access',
  {
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => sharingCollections.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => sharingPartners.id, { onDelete: 'cascade' }),
    canRead: boolean('can_read').notNull().default(false),
    canWrite: boolean('can_write').notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.partnerId] }), index('sharing_access_partner_idx').on(t.partnerId)],
);

/**
 * One version of a STIX object in a collection. `date_added_us` is microseconds since the epoch
 * (TAXII pages and filters on it, and a JavaScript Date holds only milliseconds); `version_us` is
 * the object's `modified` (else `created`, else its date added) for ordering versions.
 */
export const sharingObjects = pgTable(
  'sharing_objects',
  {
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => sharingCollections.id, { onDelete: 'cascade' }),
    dateAddedUs: bigint('date_added_us', { mode: 'number' }).notNull(),
    objectId: text('object_id').notNull(),
    type: text('type').notNull(),
    version: text('version').notNull(),
    versionUs: bigint('version_us', { mode: 'number' }).notNull(),
    specVersion: text('spec_version').notNull(),
    object: jsonb('object').$type<Record<string, unknown>>().notNull(),
    /** How it arrived: published by staff, posted by a partner over TAXII, or uploaded as a file. */
    origin: text('origin').$type<'published' | 'received' | 'uploaded'>().notNull(),
    partnerId: uuid('partner_id'),
    addedBy: uuid('added_by'),
  },
  (t) => [
    primaryKey({ columns: [t.collectionId, t.dateAddedUs] }),
    uniqueIndex('sharing_objects_version_key').on(t.collectionId, t.objectId, t.versionUs),
    index('sharing_objects_object_idx').on(t.collectionId, t.objectId),
  ],
);

export type StatusDetail = { id: string; version?: string; message?: string };

/** A TAXII status resource: what became of each object of one POST (or upload, or publication). */
export const sharingStatus = pgTable(
  'sharing_status',
  {
    id: idColumn(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => sharingCollections.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id'),
    requestedBy: uuid('requested_by'),
    requestTimestamp: timestamp('request_timestamp', { withTimezone: true }).notNull(),
    totalCount: integer('total_count').notNull(),
    successCount: integer('success_count').notNull(),
    failureCount: integer('failure_count').notNull(),
    successes: jsonb('successes').$type<StatusDetail[]>().notNull(),
    failures: jsonb('failures').$type<StatusDetail[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sharing_status_collection_idx').on(t.collectionId)],
);
