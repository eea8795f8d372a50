import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from '../db/columns.ts';

/**
 * Signed checkpoints of the audit chain's head. Each row is published: an outsider who kept a copy
 * detects a later consistent rewrite of the chain, which the hash chain alone cannot reveal.
 * One checkpoint per chain position (seq): a job that finds the head unmoved adds nothing.
 */
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: idColumn(),
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
    headHash: text('head_hash').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    organisationId: uuid('organisation_id').notNull(),
    kid: text('kid').notNull(),
    /** RFC 8785 JSON of { type, seq, hash, at, organisation, kid }: exactly the bytes signed. */
    payload: text('payload').notNull(),
    /** Detached JWS (EdDSA, b64:false) over `payload`, checked with the organisation's JWKS. */
    jws: text('jws').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_checkpoints_org_idx').on(t.organisationId, t.seq)],
);

/**
 * How far each external sink has been fed: the forwarder resumes after `last_seq` after a restart.
 * The lease lets one worker of many forward at a time, without a transaction held over the network.
 */
export const auditSinkCursor = pgTable('audit_sink_cursor', {
  sink: text('sink').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AuditCheckpointRow = typeof auditCheckpoints.$inferSelect;
