import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestDatabase, createTestDatabase, testDatabaseKind } from '../../test/test-db.ts';
import { type Database, openDatabase } from '../db/index.ts';
import { jobProbeLedger, jobs } from '../db/platform.tables.ts';
import { enqueueJob } from './enqueue.ts';
import { claimNextJob, markCompleted } from './jobs.repo.ts';
import { probeJob } from './probe.job.ts';
import { createJobRegistry } from './registry.ts';
import { createJobRunner } from './runner.ts';
import { defineJob } from './types.ts';

/** Ignores its abort signal on purpose: it keeps running past its lease. */
const stubbornJob = defineJob({
  name: 'test.stubborn@1',
  payload: z.object({ ms: z.number() }),
  async handler({ ms }, ctx) {
    await sleep(ms);
    await ctx.tx.insert(jobProbeLedger).values({ jobId: ctx.jobId, label: 'stubborn', workerId: ctx.workerId });
  },
});

let t: TestDatabase;
/** A second process's view of the database: its own pool on PostgreSQL; PGlite has only one connection. */
let other: Database | undefined;
const otherDb = () => (other ?? t).db;
const registry = createJobRegistry([probeJob, stubbornJob]);

beforeAll(async () => {
  t = await createTestDatabase();
  if (testDatabaseKind === 'postgres') other = await openDatabase({ url: t.url, poolSize: 5 });
});
afterAll(async () => {
  await other?.close();
  await t.drop();
});
beforeEach(async () => {
  await t.db.delete(jobs);
  await t.db.delete(jobProbeLedger);
});

describe('several workers', () => {
  it('drain 200 probe jobs together, each exactly once', async () => {
    const values = Array.from({ length: 200 }, (_, i) => ({ label: `p${i}`, sleepMs: i % 4 }));
    await t.db.transaction(async (tx) => {
      for (const payload of values) await enqueueJob(tx, probeJob, payload);
    });
    const runners = [
      createJobRunner({ db: t.db, registry, workerId: 'worker-1', concurrency: 4, pollMs: 10 }),
      createJobRunner({ db: otherDb(), registry, workerId: 'worker-2', concurrency: 4, pollMs: 10 }),
    ];
    for (const r of runners) r.start();
    await expect
      .poll(async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(jobProbeLedger))[0]?.n, { timeout: 60_000, interval: 50 })
      .toBe(200);
    await Promise.all(runners.map((r) => r.stop()));

    const rows = await t.db.select().from(jobProbeLedger);
    expect(new Set(rows.map((r) => r.jobId)).size).toBe(200);
    const all = await t.db.select().from(jobs);
    expect(all.every((j) => j.status === 'completed' && j.attempts === 1)).toBe(true);
    const perWorker = Object.groupBy(rows, (r) => r.workerId);
    if (testDatabaseKind === 'postgres') expect(Object.keys(perWorker).sort()).toEqual(['worker-1', 'worker-2']);
  });

  it('only the current claim can complete a job', async () => {
    const id = await enqueueJob(t.db, probeJob, { label: 'fenced' });
    const first = await claimNextJob(t.db, 'worker-a', 60_000, registry.names());
    await t.db.update(jobs).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(jobs.id, id));
    const second = await claimNextJob(otherDb(), 'worker-b', 60_000, registry.names());
    expect(second).toMatchObject({ id, attempts: 2 });
    expect(await t.db.transaction((tx) => markCompleted(tx, first!, 'worker-a'))).toBe(false);
    expect(await t.db.transaction((tx) => markCompleted(tx, second!, 'worker-b'))).toBe(true);
  });

  it('never hands a job still being run to another worker, even past its lease', async () => {
    const id = await enqueueJob(t.db, stubbornJob, { ms: 600 });
    const a = createJobRunner({ db: t.db, registry, workerId: 'worker-a', leaseMs: 100 });
    const b = createJobRunner({ db: otherDb(), registry, workerId: 'worker-b', leaseMs: 100 });
    const running = a.runOnce();
    await sleep(300);
    expect(await b.runOnce()).toBe(false);
    expect(await running).toBe(true);
    expect((await t.db.select().from(jobs).where(eq(jobs.id, id)))[0]).toMatchObject({ status: 'completed', attempts: 1 });
    expect(await t.db.select().from(jobProbeLedger)).toEqual([expect.objectContaining({ jobId: id, workerId: 'worker-a' })]);
  });
});
