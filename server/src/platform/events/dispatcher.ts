import { and, asc, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/index.ts';
import { outbox } from '../db/platform.tables.ts';
import type { EventBus } from './bus.ts';
import { errorFields, type Logger, silentLogger } from './logger.ts';
import type { DomainEvent } from './outbox.ts';
import { createPollLoop } from './poll-loop.ts';

export type OutboxDispatcherOptions = {
  db: Db;
  bus: EventBus;
  /** Fallback poll when nobody calls `notify()`. Default 1000 ms. */
  pollMs?: number;
  logger?: Logger;
  batchSize?: number;
  /** Dispatched rows older than this are deleted. Default 7 days. */
  retentionDays?: number;
  pruneEveryMs?: number;
  /** Metrics hook, called after a batch is marked dispatched. */
  onDispatched?: (events: DomainEvent[]) => void;
};

export type OutboxDispatcher = {
  start(): void;
  /** Ends the loop after the batch in flight. */
  stop(): Promise<void>;
  /** Wakes the loop now (call after a commit that appended events). */
  notify(): void;
  /** Publishes every pending event, in `seq` order; returns how many. Rejects if the bus does. */
  drainOnce(): Promise<number>;
  /** Deletes one slice of old dispatched rows; returns how many. */
  pruneOnce(): Promise<number>;
};

const PRUNE_SLICE = 10_000;
const MAX_FAILURE_DELAY_MS = 30_000;

/**
 * Moves committed outbox rows to the bus: read a batch, publish it, then mark it dispatched.
 * Publish-before-mark makes delivery at-least-once: a crash in between re-publishes the batch,
 * and both buses drop an event id they have seen recently. No transaction is held while publishing,
 * because in-process handlers run inside `publish` and may need the (single, on PGlite) connection.
 * Instances do not claim rows from each other: overlapping drains only re-publish what the bus
 * drops, and each drain still publishes in `seq` order, so the bus sees first copies in order.
 */
export function createOutboxDispatcher(opts: OutboxDispatcherOptions): OutboxDispatcher {
  const { db, bus } = opts;
  const logger = opts.logger ?? silentLogger;
  const pollMs = opts.pollMs ?? 1000;
  const batchSize = opts.batchSize ?? 100;
  const retentionDays = opts.retentionDays ?? 7;
  const pruneEveryMs = opts.pruneEveryMs ?? 3_600_000;
  let lastPrune = 0;

  async function dispatchBatch(): Promise<number> {
    const rows = await db.select().from(outbox).where(isNull(outbox.dispatchedAt)).orderBy(asc(outbox.seq)).limit(batchSize);
    if (rows.length === 0) return 0;
    const events = rows.map(toEvent);
    await bus.publish(events);
    const ids = rows.map((r) => r.id);
    await db.update(outbox).set({ dispatchedAt: sql`now()` }).where(and(inArray(outbox.id, ids), isNull(outbox.dispatchedAt)));
    opts.onDispatched?.(events);
    return rows.length;
  }

  async function drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await dispatchBatch();
      total += n;
      if (n < batchSize || loop.stopping()) return total;
    }
  }

  async function pruneOnce(): Promise<number> {
    const cutoff = sql`now() - ${retentionDays}::int * interval '1 day'`;
    const rows = await queryRows<{ id: string }>(
      db,
      sql`delete from ${outbox} where ${outbox.id} in (select ${outbox.id} from ${outbox} where ${outbox.dispatchedAt} < ${cutoff} limit ${PRUNE_SLICE}) returning ${outbox.id}`,
    );
    return rows.length;
  }

  async function pruneWhenDue(): Promise<void> {
    if (Date.now() - lastPrune < pruneEveryMs) return;
    lastPrune = Date.now();
    const pruned = await pruneOnce();
    if (pruned > 0) logger.info({ pruned }, 'pruned dispatched outbox rows');
  }

  const loop = createPollLoop({
    drain: drainAll,
    afterDrain: pruneWhenDue,
    pollMs,
    maxFailureDelayMs: MAX_FAILURE_DELAY_MS,
    onFailure: (err, failures, retryInMs) => logger.error({ ...errorFields(err), failures, retryInMs }, 'outbox dispatch failed'),
  });

  return { start: loop.start, stop: loop.stop, notify: loop.notify, drainOnce: loop.drainOnce, pruneOnce };
}

function toEvent(row: typeof outbox.$inferSelect): DomainEvent {
  return { id: row.id, seq: row.seq, type: row.type, unitId: row.unitId, data: row.data, at: row.createdAt.toISOString() };
}
