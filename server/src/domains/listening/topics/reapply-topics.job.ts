// Re-classifies stored items with the current taxonomy, a batch per job: each batch commits with
// its job and queues the next, so a long run survives restarts and shows its progress. The
// progress travels in the chain's payloads (done/total), which any instance can read from the
// jobs table — nothing is kept in one process's memory.
import { reapplyPeriods } from '@diplodesk/contracts';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../../platform/db/index.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { jobs } from '../../../platform/db/platform.tables.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import { type ItemTopic, listeningItems } from '../listening.tables.ts';
import { classifyItemTopics } from './classify-item.ts';
import { loadTaxonomy } from './taxonomy.repo.ts';
import { sharedTopicModels, type TopicModelCache } from './topic-models.ts';

export const topicsReapplied = 'listening.topics-reapplied';
/** Items whose analysis changed after they were stored (`ids`, at most 200 per event): aggregates re-read them. */
export const itemsReanalysed = 'listening.items-reanalysed';

const iso = z.iso.datetime({ offset: true });
const payload = z.object({
  runId: z.uuid(),
  organisationId: z.uuid(),
  period: z.enum(reapplyPeriods),
  /** The window is fixed when the run starts: items collected meanwhile were analysed with the new taxonomy already. */
  from: iso,
  until: iso,
  /** Keyset position: items after this one (newest first) are still to do. */
  after: z.object({ publishedAt: iso, id: z.uuid() }).nullable(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type ReapplyPayload = z.output<typeof payload>;

const jobName = 'listening.reapply-topics@1';
export const defaultReapplyBatchSize = 500;

type StoredItem = { id: string; text: string; language: string; topics: ItemTopic[]; publishedAt: Date };

async function nextBatch(tx: Executor, input: ReapplyPayload, size: number): Promise<StoredItem[]> {
  const i = listeningItems;
  const after = input.after ? sql`(${i.publishedAt}, ${i.id}) < (${input.after.publishedAt}::timestamptz, ${input.after.id}::uuid)` : undefined;
  return tx
    .select({ id: i.id, text: i.text, language: i.language, topics: i.topics, publishedAt: i.publishedAt })
    .from(i)
    .where(and(gte(i.publishedAt, new Date(input.from)), lt(i.publishedAt, new Date(input.until)), after))
    .orderBy(desc(i.publishedAt), desc(i.id))
    .limit(size);
}

/** One statement for the whole batch: only items whose topics actually changed are written. */
async function writeTopics(tx: Executor, updates: { id: string; topics: ItemTopic[] }[]): Promise<void> {
  if (updates.length === 0) return;
  const rows = JSON.stringify(updates.map((u) => ({ id: u.id, topics: u.topics, topic_ids: u.topics.map((t) => t.id) })));
  await tx.execute(sql`update ${listeningItems} as i set topics = v.topics, topic_ids = v.topic_ids
    from jsonb_to_recordset(${rows}::jsonb) as v(id uuid, topics jsonb, topic_ids jsonb)
    where i.id = v.id`);
}

/** One event per 200 changed items, in the batch's transaction: whoever aggregates them re-reads them. */
async function announceReanalysed(tx: Executor, organisationId: string, ids: string[]): Promise<void> {
  const events = [];
  for (let i = 0; i < ids.length; i += 200) events.push({ type: itemsReanalysed, unitId: organisationId, data: { ids: ids.slice(i, i + 200) } });
  if (events.length > 0) await appendEvents(tx, events);
}

/** Name and payload, for enqueueing and for reading a run's progress. */
export const reapplyTopicsJob = createReapplyTopicsJob();

export function createReapplyTopicsJob(deps: { models?: TopicModelCache; batchSize?: number } = {}) {
  const models = deps.models ?? sharedTopicModels;
  const batchSize = deps.batchSize ?? defaultReapplyBatchSize;
  return defineJob({
    name: jobName,
    payload,
    maxAttempts: 3,
    async handler(input, { tx }) {
      const { taxonomy, version } = await loadTaxonomy(tx, input.organisationId);
      const trained = await models.get(tx, taxonomy, version);
      const items = await nextBatch(tx, input, batchSize);
      const updates = items.flatMap((item) => {
        const topics = classifyItemTopics(item.text, item.language, taxonomy, trained);
        return JSON.stringify(topics) === JSON.stringify(item.topics) ? [] : [{ id: item.id, topics }];
      });
      await writeTopics(tx, updates);
      await announceReanalysed(tx, input.organisationId, updates.map((u) => u.id));
      const done = input.done + items.length;
      const last = items.at(-1);
      if (items.length === batchSize && last) {
        const next = { ...input, after: { publishedAt: last.publishedAt.toISOString(), id: last.id }, done, total: Math.max(input.total, done) };
        await enqueueJob(tx, reapplyTopicsJob, next, { idempotencyKey: `${jobName}:${input.runId}:${done}` });
        return;
      }
      await appendEvents(tx, [{ type: topicsReapplied, unitId: input.organisationId, data: { runId: input.runId, period: input.period, items: done } }]);
    },
  });
}

/** Queues the first batch of a run. */
export async function enqueueReapply(tx: Executor, input: ReapplyPayload): Promise<void> {
  await enqueueJob(tx, reapplyTopicsJob, input, { idempotencyKey: `${jobName}:${input.runId}:0` });
}

export type ReapplyRun = {
  state: 'idle' | 'running' | 'done' | 'failed';
  period: ReapplyPayload['period'] | null;
  done: number;
  total: number;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** The organisation's latest run, read from its newest job (the chain's payloads carry the counts). */
export async function latestReapplyRun(x: Executor, organisationId: string): Promise<ReapplyRun> {
  const [latest] = await x
    .select({ status: jobs.status, payload: jobs.payload, completedAt: jobs.completedAt })
    .from(jobs)
    .where(and(eq(jobs.name, jobName), sql`${jobs.payload}->>'organisationId' = ${organisationId}`))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(1);
  const parsed = payload.safeParse(latest?.payload);
  if (!latest || !parsed.success) return { state: 'idle', period: null, done: 0, total: 0, startedAt: null, finishedAt: null };
  const run = parsed.data;
  const [first] = await queryRows<{ at: string }>(x, sql`select min(created_at) as at from ${jobs} where name = ${jobName} and payload->>'runId' = ${run.runId}`);
  const base = { period: run.period, total: run.total, startedAt: first?.at ? new Date(first.at) : null };
  if (latest.status === 'completed') return { ...base, state: 'done', done: run.total, finishedAt: latest.completedAt };
  if (latest.status === 'failed') return { ...base, state: 'failed', done: run.done, finishedAt: null };
  return { ...base, state: 'running', done: run.done, finishedAt: null };
}
