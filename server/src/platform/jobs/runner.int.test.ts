import { spawnSync } from 'node:child_process';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestDatabase, createTestDatabase } from '../../test/test-db.ts';
import { queryRows } from '../db/index.ts';
import { isLeaseOwnerGone, newInstanceId } from '../process-identity.ts';
import { jobProbeLedger, jobs } from '../db/platform.tables.ts';
import { isAppError } from '../errors/app-error.ts';
import { enqueueJob } from './enqueue.ts';
import { probeJob } from './probe.job.ts';
import { createJobRegistry } from './registry.ts';
import { type JobOutcome, createJobRunner } from './runner.ts';
import { defineJob } from './types.ts';

/** Writes to the ledger and then fails: its write must never survive. */
const flakyJob = defineJob({
  name: 'test.flaky@1',
  payload: z.object({ label: z.string() }),
  maxAttempts: 3,
  async handler({ label }, ctx) {
    await ctx.tx.insert(jobProbeLedger).values({ jobId: ctx.jobId, label, workerId: ctx.workerId });
    throw new Error(`boom on attempt ${ctx.attempt}`);
  },
});

let t: TestDatabase;
const registry = createJobRegistry([probeJob, flakyJob]);
const finished: [string, JobOutcome][] = [];
const runner = (workerId = 'worker-a', leaseMs = 30_000) =>
  createJobRunner({ db: t.db, registry, workerId, pollMs: 20, leaseMs, onJobFinished: (name, outcome) => finished.push([name, outcome]) });

const jobRow = async (id: string) => (await t.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
const ledger = () => t.db.select().from(jobProbeLedger);
/** Pretends the retry delay has passed. */
const makeDue = (id: string) => t.db.update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, id));
async function msUntilRun(id: string): Promise<number> {
  const [row] = await queryRows<{ ms: string | number }>(t.db, sql`select extract(epoch from (run_at - now())) * 1000 as ms from jobs where id = ${id}`);
  return Number(row!.ms);
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  finished.length = 0;
  await t.db.delete(jobs);
  await t.db.delete(jobProbeLedger);
});

describe('enqueueJob', () => {
  it('inserts a validated job in the caller transaction', async () => {
    const id = await t.db.transaction((tx) => enqueueJob(tx, probeJob, { label: 'hello' }));
    expect(await jobRow(id)).toMatchObject({ name: 'platform.probe@1', status: 'queued', attempts: 0, maxAttempts: 5, payload: { label: 'hello' } });
  });

  it('returns the existing job for a repeated idempotency key', async () => {
    const first = await t.db.transaction((tx) => enqueueJob(tx, probeJob, { label: 'a' }, { idempotencyKey: 'probe:1' }));
    const second = await t.db.transaction((tx) => enqueueJob(tx, probeJob, { label: 'b' }, { idempotencyKey: 'probe:1' }));
    const third = await enqueueJob(t.db, probeJob, { label: 'c' }, { idempotencyKey: 'probe:2' });
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(await t.db.select().from(jobs)).toHaveLength(2);
  });

  it('rejects an invalid payload with request.invalid and writes nothing', async () => {
    const err = await enqueueJob(t.db, probeJob, { label: 'x', sleepMs: -1 }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('request.invalid');
    expect(await t.db.select().from(jobs)).toHaveLength(0);
  });

  it('leaves nothing behind when the caller rolls back', async () => {
    await t.db
      .transaction(async (tx) => {
        await enqueueJob(tx, probeJob, { label: 'x' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await t.db.select().from(jobs)).toHaveLength(0);
  });
});

describe('createJobRunner', () => {
  it('runs a job once and records its effect with its completion', async () => {
    const id = await enqueueJob(t.db, probeJob, { label: 'once' });
    const r = runner();
    expect(await r.runOnce()).toBe(true);
    expect(await r.runOnce()).toBe(false);
    expect(await ledger()).toEqual([expect.objectContaining({ jobId: id, label: 'once', workerId: 'worker-a' })]);
    expect(await jobRow(id)).toMatchObject({ status: 'completed', attempts: 1, lockedUntil: null });
    expect(finished).toEqual([['platform.probe@1', 'completed']]);
  });

  it('does not run a job before its runAt', async () => {
    await enqueueJob(t.db, probeJob, { label: 'later' }, { runAt: new Date(Date.now() + 60_000) });
    expect(await runner().runOnce()).toBe(false);
  });

  it('retries with growing backoff, rolls back each attempt, then fails keeping the error', async () => {
    const id = await enqueueJob(t.db, flakyJob, { label: 'flaky' });
    const r = runner();
    expect(await r.runOnce()).toBe(true);
    expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error: boom on attempt 1' });
    const firstDelay = await msUntilRun(id);
    expect(firstDelay).toBeGreaterThan(300);
    expect(firstDelay).toBeLessThanOrEqual(1000);
    expect(await r.runOnce()).toBe(false);

    await makeDue(id);
    await r.runOnce();
    const secondDelay = await msUntilRun(id);
    expect(secondDelay).toBeGreaterThan(800);
    expect(secondDelay).toBeLessThanOrEqual(2000);

    await makeDue(id);
    await r.runOnce();
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'Error: boom on attempt 3' });
    expect(await ledger()).toHaveLength(0);
    expect(finished.map(([, o]) => o)).toEqual(['retried', 'retried', 'failed']);
    await makeDue(id);
    expect(await r.runOnce()).toBe(false);
  });

  it('reclaims a job whose worker died once its lease expires', async () => {
    const [dead] = await t.db
      .insert(jobs)
      .values({ name: probeJob.name, payload: { label: 'orphan' }, status: 'running', attempts: 1, lockedBy: 'dead-worker', lockedUntil: sql`now() - interval '1 second'` })
      .returning();
    await t.db
      .insert(jobs)
      .values({ name: probeJob.name, payload: { label: 'alive' }, status: 'running', attempts: 1, lockedBy: 'live-worker', lockedUntil: sql`now() + interval '1 minute'` });
    const r = runner('worker-b');
    expect(await r.runOnce()).toBe(true);
    expect(await r.runOnce()).toBe(false);
    expect(await jobRow(dead!.id)).toMatchObject({ status: 'completed', attempts: 2, lockedBy: 'worker-b' });
    expect(await ledger()).toEqual([expect.objectContaining({ jobId: dead!.id, workerId: 'worker-b' })]);
  });

  it('takes the jobs of a worker that is gone at start, not when its lease runs out; a live worker keeps its own', async () => {
    // Ids as two other processes of this host wrote them: one has ended, one (this test's parent) runs.
    const ended = spawnSync('true').pid;
    const asProcess = (pid: number) => newInstanceId().replace(/-\d+-([0-9a-f]{6})-h/, (_, suffix: string) => `-${pid}-${suffix === '000000' ? '111111' : '000000'}-h`);
    const held = (label: string, lockedBy: string) => ({ name: probeJob.name, payload: { label }, status: 'running' as const, attempts: 1, lockedBy, lockedUntil: sql`now() + interval '10 minutes'` });
    const [orphan, kept] = await t.db.insert(jobs).values([held('orphan', asProcess(ended)), held('kept', asProcess(process.ppid))]).returning();
    const r = createJobRunner({ db: t.db, registry, workerId: 'worker-b', pollMs: 20, leaseMs: 30_000, isLeaseOwnerGone: (owner) => isLeaseOwnerGone(owner) });
    r.start();
    await expect.poll(async () => (await jobRow(orphan!.id)).status, { timeout: 5000, interval: 20 }).toBe('completed');
    await r.stop();
    expect(await jobRow(orphan!.id)).toMatchObject({ attempts: 2, lockedBy: 'worker-b' });
    expect(await jobRow(kept!.id)).toMatchObject({ status: 'running', attempts: 1, lockedBy: kept!.lockedBy });
    expect(await ledger()).toEqual([expect.objectContaining({ jobId: orphan!.id, workerId: 'worker-b' })]);
  });

  it('fails a job whose final attempt died instead of running it again', async () => {
    const [dead] = await t.db
      .insert(jobs)
      .values({ name: probeJob.name, payload: { label: 'x' }, status: 'running', attempts: 2, maxAttempts: 2, lockedBy: 'dead', lockedUntil: sql`now() - interval '1 second'` })
      .returning();
    await runner().runOnce();
    const row = await jobRow(dead!.id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/final attempt .* lease expired/);
    expect(await ledger()).toHaveLength(0);
  });

  it('fails a job whose stored payload no longer parses, without crashing', async () => {
    const [bad] = await t.db.insert(jobs).values({ name: probeJob.name, payload: { label: 42 } }).returning();
    expect(await runner().runOnce()).toBe(true);
    const row = await jobRow(bad!.id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/payload no longer matches platform\.probe@1/);
  });

  it('leaves jobs it has no definition for to workers that do', async () => {
    const [other] = await t.db.insert(jobs).values({ name: 'future.thing@2', payload: {} }).returning();
    expect(await runner().runOnce()).toBe(false);
    expect(await jobRow(other!.id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('aborts a handler that outlives its lease and retries it', async () => {
    const id = await enqueueJob(t.db, probeJob, { label: 'slow', sleepMs: 5000 });
    await runner('worker-a', 100).runOnce();
    expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringMatching(/abort|timeout/i) });
    expect(await ledger()).toHaveLength(0);
  });

  it('stops gracefully, finishing the running job', async () => {
    const id = await enqueueJob(t.db, probeJob, { label: 'graceful', sleepMs: 300 });
    const r = runner();
    r.start();
    await expect.poll(async () => (await jobRow(id)).status, { timeout: 5000, interval: 10 }).toBe('running');
    await r.stop();
    expect(await jobRow(id)).toMatchObject({ status: 'completed' });
    expect(await ledger()).toHaveLength(1);
  });

  it('aborts running jobs after the stop grace period', async () => {
    const id = await enqueueJob(t.db, probeJob, { label: 'cut', sleepMs: 10_000 });
    const r = runner();
    r.start();
    await expect.poll(async () => (await jobRow(id)).status, { timeout: 5000, interval: 10 }).toBe('running');
    await r.stop({ graceMs: 50 });
    expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 1 });
  });

  it('picks up a new job promptly when notified', async () => {
    const r = createJobRunner({ db: t.db, registry, workerId: 'w', pollMs: 60_000 });
    r.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const id = await enqueueJob(t.db, probeJob, { label: 'wake' });
    r.notify();
    await expect.poll(async () => (await jobRow(id)).status, { timeout: 3000, interval: 10 }).toBe('completed');
    await r.stop();
  });

  it('deletes finished jobs past their retention and keeps the rest, while idle', async () => {
    const ids = {
      oldDone: await enqueueJob(t.db, probeJob, { label: 'old done' }),
      newDone: await enqueueJob(t.db, probeJob, { label: 'new done' }),
      oldFailed: await enqueueJob(t.db, probeJob, { label: 'old failed' }),
      recentFailed: await enqueueJob(t.db, probeJob, { label: 'failed 10 days ago' }),
      oldQueued: await enqueueJob(t.db, probeJob, { label: 'queued long ago' }, { runAt: new Date(Date.now() + 3_600_000) }),
    };
    const daysAgo = (d: number) => sql`now() - ${d}::int * interval '1 day'`;
    await t.db.update(jobs).set({ status: 'completed', completedAt: daysAgo(8) }).where(eq(jobs.id, ids.oldDone));
    await t.db.update(jobs).set({ status: 'completed', completedAt: daysAgo(6) }).where(eq(jobs.id, ids.newDone));
    await t.db.update(jobs).set({ status: 'failed', runAt: daysAgo(31) }).where(eq(jobs.id, ids.oldFailed));
    await t.db.update(jobs).set({ status: 'failed', runAt: daysAgo(10) }).where(eq(jobs.id, ids.recentFailed));
    await t.db.update(jobs).set({ createdAt: daysAgo(60) }).where(eq(jobs.id, ids.oldQueued));

    // An idle runner prunes on its own (the queued job is not due: nothing runs).
    const r = createJobRunner({ db: t.db, registry, workerId: 'w', pollMs: 20 });
    r.start();
    await expect.poll(async () => (await t.db.select({ id: jobs.id }).from(jobs)).length).toBe(3);
    await r.stop();
    const left = new Set((await t.db.select({ id: jobs.id }).from(jobs)).map((row) => row.id));
    expect(left).toEqual(new Set([ids.newDone, ids.recentFailed, ids.oldQueued]));
    // Nothing else is past its retention.
    expect(await r.pruneOnce()).toBe(0);
  });
});
