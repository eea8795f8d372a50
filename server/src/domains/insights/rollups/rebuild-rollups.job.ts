// Rebuilds the rollups from listening's history, a page per job: each page commits with its job
// and queues the next, so a long rebuild survives restarts, and its progress (done/total) is in
// the chain's payloads for any instance to read. Live items keep arriving meanwhile; applying is
// idempotent per item, so an item counted live and again by the rebuild counts once.
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, queryRows } from '../../../platform/db/index.ts';
import { jobs } from '../../../platform/db/platform.tables.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import { countItems, itemFactsPage } from '../../listening/index.ts';
import { insightsItemFacts, insightsRollups } from '../insights.tables.ts';
import { applyItems } from './apply-items.ts';

const payload = z.object({
  runId: z.uuid(),
  organisationId: z.uuid(),
  /** Items after this id (ids are time-ordered) are still to do; null on the first page. */
  afterId: z.uuid().nullable(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type RebuildPayload = z.output<typeof payload>;

const jobName = 'insights.rebuild-rollups@1';
export const defaultRebuildPage = 1000;

export const rebuildRollupsJob = createRebuildRollupsJob();

export function createRebuildRollupsJob(deps: { pageSize?: number } = {}) {
  const pageSize = deps.pageSize ?? defaultRebuildPage;
  return defineJob({
    name: jobName,
    payload,
    maxAttempts: 5,
    async handler(input, { tx }) {
      // A newer run (our country changed mid-run) starts over from the first item: this one stops,
      // so progress shows the run that counts.
      if (input.afterId !== null && (await isSuperseded(tx, input.runId))) return;
      // The first page starts from nothing: whatever the rollups held (a bug's trace, a restore) goes.
      if (input.afterId === null) {
        await tx.delete(insightsRollups);
        await tx.delete(insightsItemFacts);
      }
      const page = await itemFactsPage(tx, { afterId: input.afterId, limit: pageSize });
      await applyItems(tx, page);
      const done = input.done + page.length;
      const last = page.at(-1);
      if (page.length === pageSize && last) {
        const next = { ...input, afterId: last.id, done, total: Math.max(input.total, done) };
        await enqueueJob(tx, rebuildRollupsJob, next, { idempotencyKey: `${jobName}:${input.runId}:${done}` });
      }
    },
  });
}

/** Has a run begun since this one did? */
async function isSuperseded(tx: Executor, runId: string): Promise<boolean> {
  const rows = await queryRows<{ newer: boolean }>(
    tx,
    sql`select exists (select 1 from ${jobs} j where j.name = ${jobName} and j.payload->>'afterId' is null and j.payload->>'runId' <> ${runId}
      and j.created_at > (select min(created_at) from ${jobs} where name = ${jobName} and payload->>'runId' = ${runId})) as newer`,
  );
  return rows[0]?.newer === true;
}

/** Queues the first page of a rebuild. */
export async function enqueueRebuild(tx: Executor, input: { runId: string; organisationId: string }): Promise<void> {
  const total = await countItems(tx);
  await enqueueJob(tx, rebuildRollupsJob, { ...input, afterId: null, done: 0, total }, { idempotencyKey: `${jobName}:${input.runId}:0` });
}

export type RebuildRun = { state: 'idle' | 'running' | 'done' | 'failed'; done: number; total: number; startedAt: Date | null; finishedAt: Date | null };

/** The organisation's latest rebuild, read from its newest job. */
export async function latestRebuild(x: Executor, organisationId: string): Promise<RebuildRun> {
  const [latest] = await x
    .select({ status: jobs.status, payload: jobs.payload, completedAt: jobs.completedAt })
    .from(jobs)
    .where(and(eq(jobs.name, jobName), sql`${jobs.payload}->>'organisationId' = ${organisationId}`))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(1);
  const parsed = payload.safeParse(latest?.payload);
  if (!latest || !parsed.success) return { state: 'idle', done: 0, total: 0, startedAt: null, finishedAt: null };
  const run = parsed.data;
  const [first] = await queryRows<{ at: string }>(x, sql`select min(created_at) as at from ${jobs} where name = ${jobName} and payload->>'runId' = ${run.runId}`);
  const base = { total: run.total, startedAt: first?.at ? new Date(first.at) : null };
  if (latest.status === 'completed') return { ...base, state: 'done', done: Math.max(run.total, run.done), finishedAt: latest.completedAt };
  if (latest.status === 'failed') return { ...base, state: 'failed', done: run.done, finishedAt: null };
  return { ...base, state: 'running', done: run.done, finishedAt: null };
}
