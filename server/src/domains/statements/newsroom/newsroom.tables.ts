import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../../../platform/db/columns.ts';

export type NewsroomAttachment = { fileName: string; mimeType: string; byteSize: number; sha256: string };

/**
 * One signed language version of a statement on the public newsroom. `canonical` and `jws` are
 * exactly what was signed and are never rewritten once public; withdrawal only adds a reason.
 */
export const newsroomEntries = pgTable(
  'newsroom_entries',
  {
    id: idColumn(),
    statementId: uuid('statement_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    language: text('language').notNull(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    kind: text('kind').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, precision: 3 }).notNull(),
    attachments: jsonb('attachments').notNull().$type<NewsroomAttachment[]>(),
    /** The RFC 8785 JSON string that was signed, byte for byte. */
    canonical: text('canonical').notNull(),
    jws: text('jws').notNull(),
    kid: text('kid').notNull(),
    /** SHA-256 of the body after the comparison normalisation (see verification.ts): exact lookup of pasted text. */
    contentSha256: text('content_sha256').notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawReason: text('withdraw_reason'),
    /** The signed withdrawal (RFC 8785 JSON naming this entry and its JWS) and its detached JWS. */
    withdrawalCanonical: text('withdrawal_canonical'),
    withdrawalJws: text('withdrawal_jws'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('newsroom_entries_statement_language_key').on(t.statementId, t.language),
    uniqueIndex('newsroom_entries_language_slug_key').on(t.language, t.slug),
    index('newsroom_entries_published_idx').on(t.publishedAt, t.id),
    index('newsroom_entries_language_published_idx').on(t.language, t.publishedAt),
    index('newsroom_entries_content_idx').on(t.contentSha256),
    // Candidate search for "modified" texts: built-in full-text search, so PGlite needs no extension.
    index('newsroom_entries_body_fts_idx').using('gin', sql`to_tsvector('simple', ${t.body})`),
  ],
);

export type NewsroomEntryRow = typeof newsroomEntries.$inferSelect;
