import type { Credentials, IngestBatch } from '@diplodesk/connector-sdk';
import { z } from 'zod';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import type { PlatformContext } from '../../../platform/context.ts';
import { defineEffectJob, defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import type { Analyser } from '../analyse-item.ts';
import type { SourceHealth } from '../listening.tables.ts';

const payload = z.object({ sourceId: z.uuid(), at: z.iso.datetime({ offset: true }) });

/** Name and payload for enqueueing; the steps are bound at start-up by `createPollSourceJob`. */
export const pollSourceJob = defineJob({
  name: 'listening.poll-source@1',
  payload,
  async handler() {
    throw new Error('listening.poll-source@1 runs through createPollSourceJob');
  },
});

export type PollDeps = Pick<PlatformContext, 'secretBox'> & {
  connectors: ConnectorRegistry;
  analyser: () => Promise<Analyser>;
  /** Stores a batch in the job's transaction (the domain's storeBatch). */
  store: (tx: Parameters<Parameters<typeof defineEffectJob>[0]['record']>[3]['tx'], analyser: Analyser, source: { id: string; unitId: string }, batch: IngestBatch) => Promise<{ inserted: string[] }>;
  load: (tx: Parameters<Parameters<typeof defineEffectJob>[0]['prepare']>[1]['tx'], sourceId: string) => Promise<PollPlan['source'] | null>;
  save: (
    tx: Parameters<Parameters<typeof defineEffectJob>[0]['record']>[3]['tx'],
    sourceId: string,
    patch: { cursor?: string | null; health: SourceHealth; nextPollAt: Date },
  ) => Promise<void>;
};

type PollPlan = {
  source: { id: string; unitId: string; connector: string; status: string; cursor: string | null; nextPollAt: Date | null; intervalSeconds: number; health: SourceHealth; credentials: Credentials | null };
};

/** Interval with ±10 % jitter; after failures, exponential backoff up to 6 hours. */
export function nextPollDelayMs(intervalSeconds: number, failures: number, random = Math.random): number {
  const base = intervalSeconds * 1000 * 2 ** Math.min(failures, 10);
  const capped = Math.min(base, 6 * 3600_000);
  return Math.round(capped * (0.9 + random() * 0.2));
}

/**
 * One poll of one source: read outside any transaction (a feed can take seconds), then store the
 * new items, the cursor and the source's health together with the job's completion, and queue the
 * next poll. A crash before the record step repeats the read from the same cursor: storage is
 * idempotent, so nothing is lost or doubled.
 */
export function createPollSourceJob(deps: PollDeps) {
  return defineEffectJob({
    name: pollSourceJob.name,
    payload,
    maxAttempts: 3,
    async prepare(input, ctx) {
      const source = await deps.load(ctx.tx, input.sourceId);
      if (source?.status !== 'active') return null;
      // A poll for a time that is no longer the source's (resumed, rescheduled) does nothing.
      if (source.nextPollAt && source.nextPollAt.toISOString() !== new Date(input.at).toISOString()) return null;
      return { source };
    },
    async perform(plan: PollPlan) {
      const ingest = deps.connectors.ingester(plan.source.connector);
      if (!ingest) throw new Error(`the ${plan.source.connector} connector is not available on this server`);
      return ingest.poll(plan.source.credentials, plan.source.cursor);
    },
    async record(_input, plan, outcome, ctx) {
      const now = new Date();
      const previous = plan.source.health;
      if (outcome.ok) {
        const batch = outcome.value;
        await deps.store(ctx.tx, await deps.analyser(), plan.source, batch);
        const nextPollAt = new Date(now.getTime() + nextPollDelayMs(plan.source.intervalSeconds, 0));
        const detail = (batch as IngestBatch & { problems?: unknown }).problems;
        await deps.save(ctx.tx, plan.source.id, {
          cursor: batch.nextCursor ?? plan.source.cursor,
          health: { ...previous, lastSuccessAt: now.toISOString(), consecutiveFailures: 0, detail: detail ? String(JSON.stringify(detail)).slice(0, 500) : null },
          nextPollAt,
        });
        await enqueueJob(ctx.tx, pollSourceJob, { sourceId: plan.source.id, at: nextPollAt.toISOString() }, { runAt: nextPollAt, idempotencyKey: `${pollSourceJob.name}:${plan.source.id}:${nextPollAt.toISOString()}` });
        return;
      }
      const failures = previous.consecutiveFailures + 1;
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      const nextPollAt = new Date(now.getTime() + nextPollDelayMs(plan.source.intervalSeconds, failures));
      await deps.save(ctx.tx, plan.source.id, { health: { ...previous, lastErrorAt: now.toISOString(), lastError: message.slice(0, 500), consecutiveFailures: failures }, nextPollAt });
      await enqueueJob(ctx.tx, pollSourceJob, { sourceId: plan.source.id, at: nextPollAt.toISOString() }, { runAt: nextPollAt, idempotencyKey: `${pollSourceJob.name}:${plan.source.id}:${nextPollAt.toISOString()}` });
    },
  });
}
