import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type TestDatabase, createTestDatabase } from '../../test/test-db.ts';
import { jobProbeLedger, jobs } from '../db/platform.tables.ts';
import { defineEffectJob } from './effect.ts';
import { enqueueJob } from './enqueue.ts';
import { createJobRegistry } from './registry.ts';
import { createJobRunner } from './runner.ts';

let t: TestDatabase;
const calls: string[] = [];
let failRecordOnce = false;

/** Step 1 writes a claim row, step 2 reads it back through the plain handle (proving step 1 committed and no transaction is open), step 3 records. */
const effectJob = defineEffectJob({
  name: 'test.effect@1',
  payload: z.object({ skip: z.boolean().default(false) }),
  maxAttempts: 3,
  async prepare({ skip }, ctx) {
    if (skip) return null;
    const [existing] = await ctx.tx.select().from(jobProbeLedger).where(eq(jobProbeLedger.jobId, ctx.jobId));
    if (!existing) await ctx.tx.insert(jobProbeLedger).values({ jobId: ctx.jobId, label: 'claimed', workerId: ctx.workerId });
    calls.push(existing ? `prepare-again:${existing.label}` : 'prepare');
    return { jobId: ctx.jobId };
  },
  async perform(plan, ctx) {
    const [row] = await ctx.db.select().from(jobProbeLedger).where(eq(jobProbeLedger.jobId, plan.jobId));
    calls.push(`perform:${row?.label}`);
    return row?.label ?? 'missing';
  },
  async record(_payload, plan, outcome, ctx) {
    calls.push(`record:${outcome.ok ? outcome.value : 'error'}`);
    await ctx.tx.update(jobProbeLedger).set({ label: 'recorded' }).where(eq(jobProbeLedger.jobId, plan.jobId));
    if (failRecordOnce) {
      failRecordOnce = false;
      throw new Error('database hiccup while recording');
    }
  },
});

const registry = createJobRegistry([effectJob]);
const runner = () => createJobRunner({ db: t.db, registry, workerId: 'w', pollMs: 20, leaseMs: 30_000 });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  calls.length = 0;
  await t.db.delete(jobs);
  await t.db.delete(jobProbeLedger);
});

describe('effect jobs (two-step shape)', () => {
  it('commits step 1 before the call, calls with no transaction open, records with the completion', async () => {
    const id = await t.db.transaction((tx) => enqueueJob(tx, effectJob, {}));
    expect(await runner().runOnce()).toBe(true);
    expect(calls).toEqual(['prepare', 'perform:claimed', 'record:claimed']);
    const [job] = await t.db.select().from(jobs).where(eq(jobs.id, id));
    expect(job?.status).toBe('completed');
    expect((await t.db.select().from(jobProbeLedger))[0]?.label).toBe('recorded');
  });

  it('completes without a call when step 1 finds nothing to do', async () => {
    const id = await t.db.transaction((tx) => enqueueJob(tx, effectJob, { skip: true }));
    await runner().runOnce();
    expect(calls).toEqual([]);
    expect((await t.db.select().from(jobs).where(eq(jobs.id, id)))[0]?.status).toBe('completed');
  });

  it('when step 3 fails its writes roll back, and the next run finds its own claim from step 1', async () => {
    failRecordOnce = true;
    const id = await t.db.transaction((tx) => enqueueJob(tx, effectJob, {}));
    const r = runner();
    await r.runOnce();
    const [retry] = await t.db.select().from(jobs).where(eq(jobs.id, id));
    expect(retry?.status).toBe('queued');
    expect((await t.db.select().from(jobProbeLedger))[0]?.label).toBe('claimed');
    await t.db.update(jobs).set({ runAt: new Date(0) }).where(eq(jobs.id, id));
    await r.runOnce();
    expect(calls).toEqual(['prepare', 'perform:claimed', 'record:claimed', 'prepare-again:claimed', 'perform:claimed', 'record:claimed']);
    expect((await t.db.select().from(jobs).where(eq(jobs.id, id)))[0]?.status).toBe('completed');
  });
});
