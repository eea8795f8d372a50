import { Temporal } from '@js-temporal/polyfill';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretKeyring } from '../../../platform/crypto/secret-box.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db.ts';
import { createDbKvStore } from './kv-store.ts';
import { createDbMessageQueue } from './message-queue.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

describe('federation KvStore on the database', () => {
  it('gets, sets, overwrites, deletes and lists by key prefix', async () => {
    const kv = createDbKvStore(database.db);
    await kv.set(['a', 'b'], { n: 1 });
    await kv.set(['a', 'b'], { n: 2 });
    await kv.set(['a', 'c', 'd'], 'x');
    await kv.set(['ab'], true);
    expect(await kv.get(['a', 'b'])).toEqual({ n: 2 });
    expect(await kv.get(['missing'])).toBeUndefined();
    const listed = [];
    for await (const e of kv.list(['a'])) listed.push(e);
    expect(listed).toEqual([
      { key: ['a', 'b'], value: { n: 2 } },
      { key: ['a', 'c', 'd'], value: 'x' },
    ]);
    await kv.delete(['a', 'b']);
    expect(await kv.get(['a', 'b'])).toBeUndefined();
  });

  it('keeps a null value (Fedify caches an unreachable key as null) apart from a missing one', async () => {
    const kv = createDbKvStore(database.db);
    await kv.set(['keys', 'gone'], null, { ttl: Temporal.Duration.from({ minutes: 10 }) as never });
    expect(await kv.get(['keys', 'gone'])).toBeNull();
    expect(await kv.get(['keys', 'never'])).toBeUndefined();
    await kv.set(['keys', 'gone'], { id: 'k' });
    await kv.set(['keys', 'gone'], null);
    expect(await kv.get(['keys', 'gone'])).toBeNull();
    const listed = [];
    for await (const e of kv.list(['keys'])) listed.push(e);
    expect(listed).toEqual([{ key: ['keys', 'gone'], value: null }]);
  });

  it('hides expired entries and prunes them', async () => {
    const kv = createDbKvStore(database.db);
    await kv.set(['ttl', 'gone'], 1, { ttl: Temporal.Duration.from({ milliseconds: 1 }) as never });
    await kv.set(['ttl', 'kept'], 2, { ttl: Temporal.Duration.from({ hours: 1 }) as never });
    await new Promise((r) => setTimeout(r, 20));
    expect(await kv.get(['ttl', 'gone'])).toBeUndefined();
    expect(await kv.get(['ttl', 'kept'])).toBe(2);
    expect(await kv.pruneExpired()).toBe(1);
  });
});

describe('federation MessageQueue on the database', () => {
  const box = createSecretKeyring(Buffer.alloc(32, 7)).for('federation-queue');

  it('keeps messages sealed at rest and hands them to a listener started later (as after a restart)', async () => {
    const first = createDbMessageQueue(database.db, { secretBox: box, pollMs: 20 });
    await first.enqueue({ type: 'outbox', keys: [{ privateKey: { d: 'secret-part' } }] });
    const [stored] = await queryRows<{ message: unknown }>(database.db, sql`select message from federation_queue`);
    expect(JSON.stringify(stored?.message)).not.toContain('secret-part');

    const second = createDbMessageQueue(database.db, { secretBox: box, pollMs: 20 });
    const seen: unknown[] = [];
    const stop = new AbortController();
    const listening = second.listen(
      (m) => {
        seen.push(m);
        stop.abort();
      },
      { signal: stop.signal },
    );
    await listening;
    expect(seen).toEqual([{ type: 'outbox', keys: [{ privateKey: { d: 'secret-part' } }] }]);
    expect(await second.pending()).toBe(0);
  });

  it('waits out a delay, and retries a handler that throws', async () => {
    const queue = createDbMessageQueue(database.db, { secretBox: box, pollMs: 20, concurrency: 1 });
    await queue.enqueue({ n: 1 }, { delay: Temporal.Duration.from({ milliseconds: 300 }) as never });
    expect(await queue.getDepth?.()).toEqual({ queued: 1, ready: 0, delayed: 1 });
    const attempts: number[] = [];
    const stop = new AbortController();
    const started = Date.now();
    await queue.listen(
      () => {
        attempts.push(Date.now() - started);
        if (attempts.length === 1) throw new Error('remote down');
        stop.abort();
      },
      { signal: stop.signal },
    );
    expect(attempts.length).toBe(2);
    expect(attempts[0]).toBeGreaterThanOrEqual(250);
    // The retry waited for its backoff (2 s after the first attempt) rather than spinning.
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(1500);
    expect(await queue.pending()).toBe(0);
  });
});
