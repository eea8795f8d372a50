import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';

/** PostgreSQL's full-text vector; written with to_tsvector(config, text) in the insert itself. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type SourceHealth = {
  lastSuccessAt: string | null;
  lastErrorAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** What the connector reported about the last fetch (e.g. malformed entries skipped, a permanent redirect). */
  detail: string | null;
};

/** A place the ministry listens to: a feed, an account, a hashtag, GDELT, an imported file. */
export const listeningSources = pgTable(
  'listening_sources',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    /** Connector id: `rss`, `gdelt`, `import`, `mastodon`, `bluesky`, `x`, `youtube`, `telegram`. */
    connector: text('connector').notNull(),
    name: text('name').notNull(),
    /**
     * The outlet's country (ISO 3166-1 alpha-2), when one outlet is behind the source and someone
     * said where it is; null for mixed sources (GDELT, a hashtag search) and unknown outlets.
     */
    country: text('country'),
    /** Connector settings that are not secret (feed URL, hashtag, instance, file mapping). */
    config: jsonb('config').$type<Record<string, string>>().notNull().default({}),
    /** Tokens, sealed with the master key; never returned by the API. */
    credentialsSealed: text('credentials_sealed'),
    status: text('status').$type<'active' | 'paused'>().notNull().default('active'),
    intervalSeconds: integer('interval_seconds').notNull().default(900),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    /** The connector's opaque resume point. */
    cursor: text('cursor'),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
    health: jsonb('health').$type<SourceHealth>().notNull().default({ lastSuccessAt: null, lastErrorAt: null, lastError: null, consecutiveFailures: 0, detail: null }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('listening_sources_unit_idx').on(t.unitId), index('listening_sources_due_idx').on(t.status, t.nextPollAt)],
);

export type ItemAuthor = { id?: string; handle?: string; name?: string; url?: string };
export type ItemTopic = { id: string; score: number };

/**
 * One thing somebody said, as collected and analysed. Stored once per (source, external id) and
 * once per (source, content hash), so a replay or a crash neither loses nor doubles it. The
 * analysis columns are what insights (trends, the nation-image index) and integrity (claims,
 * coordination) build on.
 */
export const listeningItems = pgTable(
  'listening_items',
  {
    id: idColumn(),
    sourceId: uuid('source_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    externalId: text('external_id').notNull(),
    /** SHA-256 of the normalised text: the same words twice from one source are one item. */
    contentHash: text('content_hash').notNull(),
    url: text('url'),
    author: jsonb('author').$type<ItemAuthor | null>(),
    title: text('title'),
    text: text('text').notNull(),
    /** BCP 47, or `und` when too short or unsure. */
    language: text('language').notNull().default('und'),
    languageConfidence: real('language_confidence').notNull().default(0),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    collectedAt: timestamp('collected_at', { withTimezone: true }).notNull().defaultNow(),
    /** ISO 3166-1 alpha-2 codes mentioned (gazetteer, or GDELT's own codes). */
    countries: jsonb('countries').$type<string[]>().notNull().default([]),
    topics: jsonb('topics').$type<ItemTopic[]>().notNull().default([]),
    /** Topic ids above the threshold, for facet filters. */
    topicIds: jsonb('topic_ids').$type<string[]>().notNull().default([]),
    sentiment: real('sentiment'),
    sentimentMethod: text('sentiment_method'),
    hashtags: jsonb('hashtags').$type<string[]>().notNull().default([]),
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    urls: jsonb('urls').$type<string[]>().notNull().default([]),
    /** Near-duplicate cluster (the id of the cluster's first item). */
    clusterId: uuid('cluster_id'),
    raw: jsonb('raw'),
    search: tsvector('search'),
  },
  (t) => [
    uniqueIndex('listening_items_source_external_key').on(t.sourceId, t.externalId),
    uniqueIndex('listening_items_source_content_key').on(t.sourceId, t.contentHash),
    index('listening_items_published_idx').on(t.publishedAt),
    index('listening_items_unit_published_idx').on(t.unitId, t.publishedAt),
    index('listening_items_cluster_idx').on(t.clusterId),
    index('listening_items_language_idx').on(t.language),
    index('listening_items_search_idx').using('gin', t.search),
    index('listening_items_countries_idx').using('gin', t.countries),
    index('listening_items_topics_idx').using('gin', t.topicIds),
    // Substring and fuzzy matching (partial words, misspelt names, scripts without word breaks).
    index('listening_items_text_trgm_idx').using('gin', sql`${t.text} gin_trgm_ops`),
  ],
);

/**
 * LSH band keys of each item's MinHash signature: items sharing a key are near-duplicate
 * candidates. Kept in the database so clustering is durable and shared by every worker.
 */
export const itemBands = pgTable(
  'listening_item_bands',
  {
    bandKey: text('band_key').notNull(),
    itemId: uuid('item_id').notNull(),
    clusterId: uuid('cluster_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.itemId] }), index('listening_item_bands_item_idx').on(t.itemId)],
);

/**
 * The in-process ingest stream: raw items as a source delivered them, appended in the same
 * transaction as the source's new cursor and removed in the same transaction that stores them
 * analysed. A worker leases rows (`claimed_until`) so a crash hands them to the next one.
 * With NATS_URL set, JetStream holds this stream instead and the table stays empty.
 */
export const ingestQueue = pgTable(
  'listening_ingest_queue',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    sourceId: uuid('source_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** The connector's IngestItem, as received. */
    item: jsonb('item').notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  },
  (t) => [index('listening_ingest_queue_claim_idx').on(t.claimedUntil, t.seq)],
);

export type ImportStatus = 'ready' | 'running' | 'done' | 'failed' | 'cancelled' | 'expired';

/**
 * A file uploaded for import: kept in storage, previewed (format, columns, suggested mapping),
 * then read in the background with its progress and counts recorded as it goes, so the page can
 * show a progress bar and a crash resumes from `bytesRead`. Rejected rows are kept as a CSV report.
 */
export const listeningImports = pgTable(
  'listening_imports',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    /** The import source its items belong to (created when the import starts). */
    sourceId: uuid('source_id'),
    fileName: text('file_name').notNull(),
    storageKey: text('storage_key').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    format: text('format').notNull(),
    delimiter: text('delimiter'),
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull().default({}),
    status: text('status').$type<ImportStatus>().notNull().default('ready'),
    bytesRead: bigint('bytes_read', { mode: 'number' }).notNull().default(0),
    rowsRead: integer('rows_read').notNull().default(0),
    stored: integer('stored').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    reasons: jsonb('reasons').$type<Record<string, number>>().notNull().default({}),
    rejectedKey: text('rejected_key'),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('listening_imports_unit_idx').on(t.unitId, t.createdAt)],
);

export type TopicKeywords = Record<string, string[]>;

/**
 * The ministry's topic taxonomy (seeded with the default taxonomy's topics): labels in English and Indonesian,
 * keywords per language. Items keep the `key` in their topics; a retired topic is archived, not
 * deleted, so older items still show its label.
 */
export const listeningTopics = pgTable(
  'listening_topics',
  {
    id: idColumn(),
    /** The organisation (root unit) whose taxonomy this is. */
    organisationId: uuid('organisation_id').notNull(),
    key: text('key').notNull(),
    labels: jsonb('labels').$type<{ en: string; id: string }>().notNull(),
    keywords: jsonb('keywords').$type<TopicKeywords>().notNull().default({}),
    position: integer('position').notNull().default(0),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('listening_topics_org_key').on(t.organisationId, t.key)],
);

/** A query a person keeps: for the live stream and, later, alerts. */
export const savedSearches = pgTable(
  'listening_saved_searches',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    ownerId: uuid('owner_id').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    /** Shared with everyone who may read the unit's items, or kept to its owner. */
    shared: boolean('shared').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('listening_saved_searches_owner_idx').on(t.ownerId), index('listening_saved_searches_unit_idx').on(t.unitId)],
);

/** The text-search configuration for an item's language (stemming for Indonesian/Malay and English). */
export const searchConfigName = (language: string) => (language.startsWith('id') || language.startsWith('ms') ? 'indonesian' : language.startsWith('en') ? 'english' : 'simple');
export const searchConfigFor = (language: string) => sql.raw(`'${searchConfigName(language)}'::regconfig`);
