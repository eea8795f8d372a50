import type { ClaimReviewed, ClearanceStep, PlatformText, ResponseTargetType, StatementKind, StatementStatus, StatementText, StatementVariant } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, updatedAt } from '../../platform/db/columns.ts';

/** The editable content of a statement; every save stores a full copy as a numbered version. */
export type StatementContent = {
  texts: StatementText[];
  variants: StatementVariant[];
  /** Absent on statements saved before platform texts existed. */
  platformTexts?: PlatformText[];
  attachmentIds: string[];
};

/** The chain as it was when the statement was submitted, so editing a chain never changes a clearance in flight. */
export type ClearanceSnapshot = {
  chainId: string;
  chainName: string;
  fastTrack: boolean;
  steps: ClearanceStep[];
  /** The version submitted for this round; its author and every later author changed the round's text. */
  submittedVersion?: number;
};

export const statements = pgTable(
  'statements',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').$type<StatementKind>().notNull(),
    status: text('status').$type<StatementStatus>().notNull().default('draft'),
    primaryLanguage: text('primary_language').notNull(),
    audienceTimeZone: text('audience_time_zone').notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    content: jsonb('content').$type<StatementContent>().notNull(),
    /** Current version number; bumped on every content save (optimistic concurrency). */
    version: integer('version').notNull().default(1),
    /** Lower-cased titles and bodies, for the list search. */
    searchText: text('search_text').notNull().default(''),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    clearance: jsonb('clearance').$type<ClearanceSnapshot | null>(),
    clearanceRound: integer('clearance_round').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    changesRequested: jsonb('changes_requested').$type<{ reason: string; by: string; at: string } | null>(),
    respondsTo: jsonb('responds_to').$type<{ type: ResponseTargetType; id: string; title: string; review?: ClaimReviewed | null } | null>(),
    templateId: uuid('template_id'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('statements_unit_updated_idx').on(t.unitId, t.updatedAt), index('statements_status_idx').on(t.status), index('statements_scheduled_idx').on(t.scheduledAt)],
);

export const statementVersions = pgTable(
  'statement_versions',
  {
    id: idColumn(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    content: jsonb('content').$type<StatementContent>().notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('statement_versions_number_key').on(t.statementId, t.number)],
);

export const statementAttachments = pgTable(
  'statement_attachments',
  {
    id: idColumn(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    storageKey: text('storage_key').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    altText: text('alt_text'),
    createdAt: createdAt(),
  },
  (t) => [index('statement_attachments_statement_idx').on(t.statementId)],
);

export const statementComments = pgTable(
  'statement_comments',
  {
    id: idColumn(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('statement_comments_statement_idx').on(t.statementId, t.createdAt)],
);

export const clearanceChains = pgTable(
  'clearance_chains',
  {
    id: idColumn(),
    unitId: uuid('unit_id').notNull(),
    /** Null: applies to every kind without a specific chain. */
    kind: text('kind').$type<StatementKind>(),
    name: text('name').notNull(),
    fastTrack: boolean('fast_track').notNull().default(false),
    steps: jsonb('steps').$type<ClearanceStep[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('clearance_chains_unit_kind_key').on(t.unitId, sql`coalesce(${t.kind}, '*')`, t.fastTrack)],
);

/** Every clearance decision, all rounds; never deleted (the statement's permanent clearance record). */
export const clearanceDecisions = pgTable(
  'clearance_decisions',
  {
    id: idColumn(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statements.id, { onDelete: 'restrict' }),
    round: integer('round').notNull(),
    stepIndex: integer('step_index').notNull(),
    approverId: uuid('approver_id').notNull(),
    approverName: text('approver_name').notNull(),
    decision: text('decision').$type<'approve' | 'request-changes' | 'reject'>().notNull(),
    reason: text('reason'),
    version: integer('version').notNull(),
    /** The slot of the step this approval fills (index into the step's approvers). */
    slot: integer('slot'),
    invalidatedAt: timestamp('invalidated_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('clearance_decisions_statement_idx').on(t.statementId, t.round)],
);

export const statementTemplates = pgTable('statement_templates', {
  id: idColumn(),
  /** Null: offered to every unit. */
  unitId: uuid('unit_id'),
  purpose: text('purpose').$type<'condolence' | 'congratulation' | 'travel-advisory' | 'rapid-rebuttal' | 'other'>().notNull(),
  statementKind: text('statement_kind').$type<StatementKind>().notNull(),
  name: text('name').notNull(),
  texts: jsonb('texts').$type<StatementText[]>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
