import { setTimeout as sleep } from 'node:timers/promises';
import type { MessageQueue, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../platform/db/index.ts';
import { errorFields, type Logger, silentLogger } from '../../../platform/events/logger.ts';
import { createWaker } from '../../../platform/events/waker.ts';
import type { SecretBox } from '../../../platform/crypto/secret-box.ts';
import { federationQueue } from './federation.tables.ts';

export type DbMessageQueueOptions = {
  pollMs?: number;
  /** How long a claimed message stays invisible to other workers. */
  leaseMs?: number;
  /** Messages handled at once by one listener. */
  concurrency?: number;
  /** A message whose handler keeps throwing is dropped after this many attempts. */
  maxAttempts?: number;
  logger?: Logger;
  /** Seals messages at rest: Fedify's delivery messages carry the sender's private keys. */
  secretBox?: SecretBox;
};

export type DbMessageQueue = MessageQueue & {
  /** Messages not yet handled (due or delayed). */
  pending(): Promise<number>;
};

/** Every queued message is sealed under this one context (messages are not tied to a row of their own). */
export const federationQueueContext = 'federation-queue';

const delayMs = (options?: MessageQueueEnqueueOptions) => (options?.delay ? Math.max(0, options.delay.total('millisecond')) : 0);

/**
 * Fedify's MessageQueue on our database (`federation_queue`), so fan-out and per-inbox deliveries
 * survive a restart. A worker claims one due message with SKIP LOCKED and a lease in a single
 * statement, then runs Fedify's handler outside any transaction: deliveries are network calls,
 * and on PGlite a held transaction would block every other query. Delivery is at-least-once: a
 * worker that dies mid-delivery leaves the message to be claimed again when its lease ends.
 * Fedify retries failed deliveries itself (`nativeRetrial` is false); our retry covers only a
 * handler that throws.
 */
export function createDbMessageQueue(db: Db, opts: DbMessageQueueOptions = {}): DbMessageQueue {
  const pollMs = opts.pollMs ?? 500;
  const leaseMs = opts.leaseMs ?? 120_000;
  const concurrency = opts.concurrency ?? 4;
  const maxAttempts = opts.maxAttempts ?? 8;
  const logger = opts.logger ?? silentLogger;
  const waker = createWaker();
  const box = opts.secretBox;
  const pack = (message: unknown): object => (box ? { sealed: box.seal(JSON.stringify(message), federationQueueContext) } : { plain: message });
  const unpack = (stored: unknown): unknown => {
    const s = stored as { sealed?: string; plain?: unknown };
    if (typeof s.sealed === 'string') {
      if (!box) throw new Error('a sealed federation message needs the secret box');
      return JSON.parse(box.open(s.sealed, federationQueueContext));
    }
    return s.plain;
  };

  async function insert(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const runAt = new Date(Date.now() + delayMs(options));
    await db.insert(federationQueue).values(messages.map((message) => ({ message: pack(message), runAt })));
    // Wakes this process's listeners; others find the row on their next poll.
    if (delayMs(options) === 0) waker.wake();
  }

  async function claim(): Promise<{ id: string; message: unknown; attempts: number } | undefined> {
    const [row] = await queryRows<{ id: string; message: unknown; attempts: number }>(
      db,
      sql`update ${federationQueue} set locked_until = now() + ${leaseMs}::int * interval '1 millisecond', attempts = attempts + 1
          where id = (select id from ${federationQueue}
                      where run_at <= now() and (locked_until is null or locked_until < now())
                      order by run_at limit 1 for update skip locked)
          returning id, message, attempts`,
    );
    return row;
  }

  async function handleOne(handler: (message: unknown) => Promise<void> | void): Promise<boolean> {
    const row = await claim();
    if (!row) return false;
    try {
      await handler(unpack(row.message));
      await db.delete(federationQueue).where(eq(federationQueue.id, row.id));
    } catch (err) {
      if (row.attempts >= maxAttempts) {
        logger.error({ ...errorFields(err), messageId: row.id, attempts: row.attempts }, 'federation message dropped after its last attempt');
        await db.delete(federationQueue).where(eq(federationQueue.id, row.id));
      } else {
        const retryMs = Math.min(600_000, 1000 * 2 ** row.attempts);
        logger.warn({ ...errorFields(err), messageId: row.id, attempts: row.attempts, retryMs }, 'federation message failed; will retry');
        await db
          .update(federationQueue)
          .set({ lockedUntil: null, runAt: sql`now() + ${retryMs}::int * interval '1 millisecond'` })
          .where(eq(federationQueue.id, row.id));
      }
    }
    return true;
  }

  async function loop(handler: (message: unknown) => Promise<void> | void, signal: AbortSignal | undefined): Promise<void> {
    while (!signal?.aborted) {
      let worked = false;
      try {
        worked = await handleOne(handler);
      } catch (err) {
        // The database itself failed (restart, network): back off instead of spinning.
        logger.error({ ...errorFields(err) }, 'federation queue poll failed');
        await sleep(pollMs * 4, undefined, { signal }).catch(() => undefined);
      }
      if (!worked) await waker.wait(pollMs);
    }
  }

  return {
    nativeRetrial: false,
    enqueue: (message, options) => insert([message], options),
    enqueueMany: (messages, options) => insert(messages, options),
    async listen(handler, options?: MessageQueueListenOptions) {
      const signal = options?.signal;
      const onAbort = () => waker.wake();
      signal?.addEventListener('abort', onAbort);
      try {
        await Promise.all(Array.from({ length: concurrency }, () => loop(handler, signal)));
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    async getDepth() {
      const [row] = await queryRows<{ queued: number; ready: number; delayed: number }>(
        db,
        sql`select count(*)::int as queued,
                   count(*) filter (where run_at <= now())::int as ready,
                   count(*) filter (where run_at > now())::int as delayed
            from ${federationQueue} where locked_until is null or locked_until < now()`,
      );
      return row ?? { queued: 0, ready: 0, delayed: 0 };
    },
    async pending() {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${federationQueue}`);
      return row?.n ?? 0;
    },
  };
}
