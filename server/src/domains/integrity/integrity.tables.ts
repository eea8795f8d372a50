import type { ClaimFeedErrorCode, ClaimImportProblem, ClaimLinkState, FindingDetector, FindingOutcome, FindingSeverity, FindingStatus } from '@diplodesk/contracts';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';

/** A group of claims telling one story ("the West is behind the floods"), as EUvsDisinfo groups its cases. */
export const integrityNarratives = pgTable(
  'integrity_narratives',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('integrity_narratives_unit_idx').on(t.unitId)],
);

export type ClaimRatingColumn = { alternateName: string; ratingValue: number | null; bestRating: number | null; worstRating: number | null };

/**
 * A known false or misleading claim with its debunk: schema.org ClaimReview's fields, EUvsDisinfo's
 * case fields, and the unit whose items (and its sub-units') it is matched against.
 */
export const integrityClaims = pgTable(
  'integrity_claims',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    claimReviewed: text('claim_reviewed').notNull(),
    headline: text('headline'),
    language: text('language').notNull().default('und'),
    itemAuthorName: text('item_author_name'),
    itemDatePublished: text('item_date_published'),
    appearanceUrls: jsonb('appearance_urls').$type<string[]>().notNull().default([]),
    rating: jsonb('rating').$type<ClaimRatingColumn>().notNull(),
    reviewAuthor: text('review_author'),
    url: text('url'),
    datePublished: text('date_published'),
    outlets: jsonb('outlets').$type<string[]>().notNull().default([]),
    targetCountries: jsonb('target_countries').$type<string[]>().notNull().default([]),
    summary: text('summary'),
    disproof: text('disproof'),
    narrativeId: uuid('narrative_id'),
    origin: text('origin').$type<'manual' | 'import'>().notNull().default('manual'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('integrity_claims_unit_idx').on(t.unitId),
    index('integrity_claims_narrative_idx').on(t.narrativeId),
    // An imported review is the same claim again when it names the same review URL and claim text.
    index('integrity_claims_url_idx').on(t.url),
  ],
);

/** A claim in another language: matched as more text of the same claim. */
export const integrityClaimTranslations = pgTable(
  'integrity_claim_translations',
  {
    claimId: uuid('claim_id').notNull(),
    language: text('language').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.language] })],
);

/** An item that repeats a claim: linked by the matcher (`auto`), queued for a person (`suggested`), or decided by one. */
export const integrityClaimLinks = pgTable(
  'integrity_claim_links',
  {
    id: idColumn(),
    itemId: uuid('item_id').notNull(),
    claimId: uuid('claim_id').notNull(),
    /** The item's unit (links are read per unit). */
    unitId: uuid('unit_id').notNull(),
    clusterId: uuid('cluster_id').notNull(),
    score: real('score').notNull(),
    state: text('state').$type<ClaimLinkState>().notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('integrity_claim_links_item_claim_key').on(t.itemId, t.claimId),
    index('integrity_claim_links_claim_idx').on(t.claimId, t.state),
    index('integrity_claim_links_unit_state_idx').on(t.unitId, t.state),
  ],
);

/**
 * The workspace's matching settings and the registry's version (one row, id 1). Every change of
 * the claims bumps `registryVersion` in its transaction; each process's matcher reads the row
 * before a batch and rebuilds when the version moved, so a claim added on one instance is matched
 * on every other from the next batch on (and new thresholds apply from the next batch).
 */
export const integritySettings = pgTable('integrity_settings', {
  id: smallint('id').primaryKey(),
  autoLink: real('auto_link'),
  suggest: real('suggest'),
  registryVersion: bigint('registry_version', { mode: 'number' }).notNull().default(0),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/**
 * What a detector found, one row per (detector, subject): raising the same subject again (a
 * re-analysis, a redelivered event, a near-duplicate copy) adds evidence to the row, never a second one.
 */
export const integrityFindings = pgTable(
  'integrity_findings',
  {
    id: idColumn(),
    detector: text('detector').$type<FindingDetector>().notNull(),
    /** What the finding is about, per detector: `claim:<claim id>:cluster:<cluster id>` for a claim match. */
    subjectKey: text('subject_key').notNull(),
    type: text('type').notNull(),
    severity: text('severity').$type<FindingSeverity>().notNull(),
    status: text('status').$type<FindingStatus>().notNull().default('new'),
    outcome: text('outcome').$type<FindingOutcome>(),
    unitId: uuid('unit_id').notNull(),
    /** English, for API clients, STIX and the audit trail; screens word it from `titleKey` + `titleParams`. */
    title: text('title').notNull(),
    /** A key of `findingTitleTemplates` (contracts); null on findings raised before titles were keyed. */
    titleKey: text('title_key'),
    titleParams: jsonb('title_params').$type<Record<string, string | number>>(),
    assigneeId: uuid('assignee_id'),
    claimId: uuid('claim_id'),
    /** The first 200 items; `itemCount` counts them all. */
    itemIds: jsonb('item_ids').$type<string[]>().notNull().default([]),
    itemCount: integer('item_count').notNull().default(0),
    accountKeys: jsonb('account_keys').$type<string[]>().notNull().default([]),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
    /** The first rebuttal drafted with "Respond" (ADR 0028), and when it was drafted and published. */
    responseStatementId: uuid('response_statement_id'),
    responseDraftedAt: timestamp('response_drafted_at', { withTimezone: true }),
    responsePublishedAt: timestamp('response_published_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('integrity_findings_detector_subject_key').on(t.detector, t.subjectKey),
    index('integrity_findings_unit_status_idx').on(t.unitId, t.status, t.lastSeenAt),
    index('integrity_findings_assignee_idx').on(t.assigneeId, t.status),
    index('integrity_findings_claim_idx').on(t.claimId),
  ],
);

export const integrityFindingComments = pgTable(
  'integrity_finding_comments',
  {
    id: idColumn(),
    findingId: uuid('finding_id').notNull(),
    authorId: uuid('author_id'),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('integrity_finding_comments_finding_idx').on(t.findingId, t.createdAt)],
);

/**
 * The registry of official accounts (ADR 0024): the ministry's and its missions' own accounts per
 * platform, which the impersonation detector compares every account seen in listening with. The
 * connected publishing channels count as official too (read through statements' door, not copied).
 */
export const integrityOfficialAccounts = pgTable(
  'integrity_official_accounts',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    platform: text('platform').notNull(),
    handle: text('handle').notNull(),
    displayName: text('display_name'),
    remoteAccountId: text('remote_account_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('integrity_official_accounts_platform_handle_key').on(t.platform, t.handle), index('integrity_official_accounts_unit_idx').on(t.unitId)],
);

/** What the last poll of a claim feed found (shown with the feed; entries skipped are listed with why). */
export type ClaimFeedResult = { notModified: boolean; reviews: number; created: number; updated: number; skipped: number; problems: ClaimImportProblem[] };

/**
 * A ClaimReview feed polled like a listening source, owned by integrity (it never reads listening's
 * sources): its address, schedule, conditional-GET validators and health. One unit polls an address once.
 */
export const integrityClaimFeeds = pgTable(
  'integrity_claim_feeds',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    intervalSeconds: integer('interval_seconds').notNull().default(3600),
    enabled: boolean('enabled').notNull().default(true),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
    lastOkAt: timestamp('last_ok_at', { withTimezone: true }),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    lastError: text('last_error').$type<ClaimFeedErrorCode>(),
    lastErrorDetail: text('last_error_detail'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
    claimsCreated: integer('claims_created').notNull().default(0),
    claimsUpdated: integer('claims_updated').notNull().default(0),
    lastResult: jsonb('last_result').$type<ClaimFeedResult>(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('integrity_claim_feeds_unit_url_key').on(t.unitId, t.url)],
);
