import { isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase, testDatabaseKind } from '../../test/test-db.ts';
import { type Database, openDatabase } from '../db/index.ts';
import { outbox } from '../db/platform.tables.ts';
import type { EventBus } from './bus.ts';
import { createOutboxDispatcher } from './dispatcher.ts';
import { createInProcessBus } from './in-process-bus.ts';
import { appendEvents, type DomainEvent } from './outbox.ts';

let t: TestDatabase;
let other: Database | undefined;
let bus: EventBus;
let received: DomainEvent[];

/** Commits `count` events in one transaction, as a command would. */
async function commitEvents(count: number, label = 'x'): Promise<void> {
  await t.db.transaction((tx) =>
    appendEvents(tx, Array.from({ length: count }, (_, i) => ({ type: 'probe.happened', unitId: null, data: { label, i } }))),
  );
}
const pending = async () => (await t.db.select().from(outbox).where(isNull(outbox.dispatchedAt))).length;
const seqs = (events: DomainEvent[]) => events.map((e) => e.seq);
const ascending = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

/** A bus that fails the next `failures` publishes after handing over the first `deliverFirst` events. */
function flakyBus(inner: EventBus, failures: number, deliverFirst = 0): EventBus {
  let left = failures;
  return {
    ...inner,
    async publish(events) {
      if (left-- <= 0) return inner.publish(events);
      await inner.publish(events.slice(0, deliverFirst));
      throw new Error('bus unavailable');
    },
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  if (testDatabaseKind === 'postgres') other = await openDatabase({ url: t.url, poolSize: 3 });
});
afterAll(async () => {
  await other?.close();
  await t.drop();
});
beforeEach(async () => {
  await t.db.delete(outbox);
  bus = createInProcessBus();
  received = [];
  bus.subscribeFanout((e) => void received.push(e));
});

describe('createOutboxDispatcher', () => {
  it('delivers committed events in seq order, in batches, once', async () => {
    for (let i = 0; i < 5; i++) await commitEvents(50, `tx${i}`);
    const d = createOutboxDispatcher({ db: t.db, bus, pollMs: 1000, batchSize: 60 });
    expect(await d.drainOnce()).toBe(250);
    expect(await d.drainOnce()).toBe(0);
    expect(received).toHaveLength(250);
    expect(ascending(seqs(received))).toBe(true);
    expect(received[0]).toMatchObject({ type: 'probe.happened', unitId: null, data: { label: 'tx0', i: 0 } });
    expect(Number.isNaN(Date.parse(received[0]!.at))).toBe(false);
    expect(await pending()).toBe(0);
  });

  it('never delivers the events of a rolled-back transaction', async () => {
    await t.db
      .transaction(async (tx) => {
        await appendEvents(tx, [{ type: 'probe.happened', unitId: null, data: { lost: true } }]);
        throw new Error('command failed');
      })
      .catch(() => undefined);
    await commitEvents(1, 'kept');
    expect(await createOutboxDispatcher({ db: t.db, bus }).drainOnce()).toBe(1);
    expect(received.map((e) => e.data)).toEqual([{ label: 'kept', i: 0 }]);
  });

  // Needs a second connection holding an open transaction: PostgreSQL tier only (PGlite has one).
  const itWithTwoConnections = testDatabaseKind === 'postgres' ? it : () => undefined;
  itWithTwoConnections('does not see events before their transaction commits', async () => {
    const d = createOutboxDispatcher({ db: t.db, bus });
    await other!.db.transaction(async (tx) => {
      await appendEvents(tx, [{ type: 'probe.happened', unitId: null, data: {} }]);
      expect(await d.drainOnce()).toBe(0);
    });
    expect(await d.drainOnce()).toBe(1);
  });

  it('keeps events undispatched when publishing fails, and delivers them on the next drain', async () => {
    await commitEvents(3);
    const d = createOutboxDispatcher({ db: t.db, bus: flakyBus(bus, 1, 2) });
    await expect(d.drainOnce()).rejects.toThrow('bus unavailable');
    expect(await pending()).toBe(3);
    expect(await d.drainOnce()).toBe(3);
    expect(await pending()).toBe(0);
    // The two events handed over before the failure are re-published and dropped by id.
    expect(seqs(received)).toHaveLength(3);
    expect(ascending(seqs(received))).toBe(true);
  });

  it('retries in its loop after bus failures', async () => {
    await commitEvents(2);
    const d = createOutboxDispatcher({ db: t.db, bus: flakyBus(bus, 2), pollMs: 10 });
    d.start();
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(2);
    await d.stop();
    expect(await pending()).toBe(0);
  });

  it('dispatches right away when notified after a commit', async () => {
    const d = createOutboxDispatcher({ db: t.db, bus, pollMs: 60_000 });
    d.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await commitEvents(1);
    d.notify();
    await expect.poll(() => received.length, { timeout: 2000, interval: 10 }).toBe(1);
    await d.stop();
  });

  it('lets two dispatchers run at once without duplicates or reordering on the bus', async () => {
    for (let i = 0; i < 4; i++) await commitEvents(100);
    const a = createOutboxDispatcher({ db: t.db, bus, batchSize: 25 });
    const b = createOutboxDispatcher({ db: (other ?? t).db, bus, batchSize: 25 });
    await Promise.all([a.drainOnce(), b.drainOnce(), a.drainOnce()]);
    expect(received).toHaveLength(400);
    expect(ascending(seqs(received))).toBe(true);
    expect(await pending()).toBe(0);
  });

  it('prunes dispatched rows past retention and keeps the rest', async () => {
    await commitEvents(4);
    const d = createOutboxDispatcher({ db: t.db, bus, retentionDays: 7 });
    await d.drainOnce();
    await t.db.execute(sql`update outbox set dispatched_at = now() - interval '8 days' where seq in (select seq from outbox order by seq limit 2)`);
    await commitEvents(1);
    expect(await d.pruneOnce()).toBe(2);
    expect(await t.db.select().from(outbox)).toHaveLength(3);
    expect(await pending()).toBe(1);
  });

  it('reports dispatched batches to its metrics hook', async () => {
    await commitEvents(3);
    const counted: string[] = [];
    const d = createOutboxDispatcher({ db: t.db, bus, onDispatched: (events) => counted.push(...events.map((e) => e.type)) });
    await d.drainOnce();
    expect(counted).toEqual(['probe.happened', 'probe.happened', 'probe.happened']);
  });
});

describe('appendEvents', () => {
  it('refuses an event type that cannot be a subject', async () => {
    await expect(appendEvents(t.db, [{ type: 'no dots here', unitId: null, data: {} }])).rejects.toThrow(/entity\.past-tense/);
  });
});
