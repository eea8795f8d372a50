import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.ts';
import { auditLog } from '../../db/platform.tables.ts';
import { errorFields, type Logger, silentLogger } from '../../events/logger.ts';
import { createPollLoop } from '../../events/poll-loop.ts';
import { auditSinkCursor } from '../audit.tables.ts';
import { type AuditSinkTarget, sinkName } from './sink-target.ts';
import { type AuditSink, createSink, type ForwardedEntry } from './sinks.ts';

export type AuditForwarderOptions = {
  db: Db;
  target: AuditSinkTarget;
  /** This process (worker id): holds the lease while it forwards. */
  owner: string;
  /** Fallback poll when nobody calls `notify()`. Default 1000 ms. */
  pollMs?: number;
  batchSize?: number;
  leaseMs?: number;
  logger?: Logger;
  /** Tests pass their own sink; default: the one the target names. */
  sink?: AuditSink;
};

export type AuditForwarder = {
  start(): void;
  stop(): Promise<void>;
  /** Wakes the loop now (call after a commit that appended audit entries). */
  notify(): void;
  /** Forwards every committed entry after the cursor, in seq order; returns how many the sink took as new. */
  drainOnce(): Promise<number>;
};

const MAX_FAILURE_DELAY_MS = 60_000;

/**
 * Copies the audit log to the external sink the way the outbox dispatcher moves events: the log
 * is its own outbox (committed, gapless, in seq order: appends serialise on the chain head), and a
 * cursor row records the last seq handed over. Write first, then move the cursor: nothing is
 * lost, and a crash in between repeats at most one batch (the file sink skips what it holds;
 * syslog messages carry their seq). One worker of many forwards at a time, under a lease on the
 * cursor row, so no transaction stays open during network writes.
 */
export function createAuditForwarder(opts: AuditForwarderOptions): AuditForwarder {
  const { db, owner } = opts;
  const name = sinkName(opts.target);
  const sink = opts.sink ?? createSink(opts.target);
  const logger = opts.logger ?? silentLogger;
  const pollMs = opts.pollMs ?? 1000;
  const batchSize = opts.batchSize ?? 500;
  const leaseMs = opts.leaseMs ?? 60_000;

  /** Takes (or renews) the lease; the cursor, or null while another worker holds it. */
  async function claim(): Promise<number | null> {
    await db.insert(auditSinkCursor).values({ sink: name, lastSeq: 0 }).onConflictDoNothing();
    const [row] = await db
      .update(auditSinkCursor)
      .set({ leaseOwner: owner, leaseUntil: sql`now() + ${leaseMs}::int * interval '1 millisecond'`, updatedAt: sql`now()` })
      .where(and(eq(auditSinkCursor.sink, name), or(isNull(auditSinkCursor.leaseUntil), lt(auditSinkCursor.leaseUntil, sql`now()`), eq(auditSinkCursor.leaseOwner, owner))))
      .returning({ lastSeq: auditSinkCursor.lastSeq });
    return row ? row.lastSeq : null;
  }

  async function drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const after = await claim();
      if (after === null) return total;
      const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(batchSize);
      if (rows.length === 0) return total;
      const entries: ForwardedEntry[] = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
      total += await sink.write(entries);
      const last = rows[rows.length - 1]?.seq ?? after;
      await db
        .update(auditSinkCursor)
        .set({ lastSeq: last, updatedAt: sql`now()` })
        .where(and(eq(auditSinkCursor.sink, name), eq(auditSinkCursor.leaseOwner, owner)));
      if (rows.length < batchSize || loop.stopping()) return total;
    }
  }

  const loop = createPollLoop({
    drain: drainAll,
    pollMs,
    maxFailureDelayMs: MAX_FAILURE_DELAY_MS,
    onFailure: (err, failures, retryInMs) => logger.error({ ...errorFields(err), sink: name, failures, retryInMs }, 'audit sink forwarding failed'),
  });

  return {
    start: loop.start,
    async stop() {
      await loop.stop();
      await sink.close();
      // Hand the lease back so another worker (or this one restarted) takes over at once.
      await db
        .update(auditSinkCursor)
        .set({ leaseOwner: null, leaseUntil: null })
        .where(and(eq(auditSinkCursor.sink, name), eq(auditSinkCursor.leaseOwner, owner)))
        .catch(() => undefined);
    },
    notify: loop.notify,
    drainOnce: loop.drainOnce,
  };
}
