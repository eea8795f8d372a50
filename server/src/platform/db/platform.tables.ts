import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './columns.ts';

/** Key/value facts about this installation (first-run flags, organisation name). */
export const instanceMeta = pgTable('instance_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Hash-chained audit trail. `seq` orders the chain; `hash` covers the canonical form of the row
 * including `prev_hash`, so altering or deleting any row breaks every later link.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: idColumn(),
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    unitId: uuid('unit_id'),
    summary: jsonb('summary').notNull().$type<Record<string, unknown>>(),
    requestId: text('request_id'),
    /** The API token the actor used, when one was (hashed into the entry only when set). */
    tokenId: uuid('token_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_action_idx').on(t.action, t.seq),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_actor_idx').on(t.actorId, t.seq),
  ],
);

/** Single row holding the chain's head; locked FOR UPDATE to serialise appends across instances. */
export const auditChainHead = pgTable('audit_chain_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
});

/** Transactional outbox: events written in the same transaction as the change that caused them. */
export const outbox = pgTable(
  'outbox',
  {
    id: idColumn(),
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    type: text('type').notNull(),
    unitId: uuid('unit_id'),
    data: jsonb('data').notNull().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [index('outbox_pending_idx').on(t.seq).where(sql`${t.dispatchedAt} is null`)],
);

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed';

/** Durable job queue claimed with FOR UPDATE SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: idColumn(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull().$type<unknown>(),
    idempotencyKey: text('idempotency_key').unique(),
    status: text('status').$type<JobStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [index('jobs_ready_idx').on(t.status, t.runAt)],
);

/** Ledger written by the `platform.probe@1` job: proves workers run each job exactly once. */
export const jobProbeLedger = pgTable('job_probe_ledger', {
  jobId: uuid('job_id').primaryKey(),
  label: text('label').notNull(),
  workerId: text('worker_id').notNull(),
  at: createdAt(),
});
