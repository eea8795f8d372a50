import type { Credentials, IngestBatch, IngestSource } from '@diplodesk/connector-sdk';
import { z } from 'zod';
import type { ConnectorRegistry } from '../../../platform/connectors/index.ts';
import { defineEffectJob, defineJob, enqueueJob } from '../../../platform/jobs/index.ts';
import type { PerformContext } from '../../../platform/jobs/effect.ts';
import type { SourceHealth } from '../listening.tables.ts';
import type { IngestStream } from '../stream/ingest-stream.ts';
import { batchWithSafeLinks } from '../commands/safe-links.ts';

const payload = z.object({ sourceId: z.uuid(), at: z.iso.datetime({ offset: true }) });

/** Name and payload for enqueueing; the steps are bound at start-up by `createPollSourceJob`. */
export const pollSourceJob = defineJob({
  name: 'listening.poll-source@1',
  payload,
  async handler() {
    throw new Error('listening.poll-source@1 runs through createPollSourceJob');
  },
});

// No secret box: `load` hands the job the source's credentials already opened.
export type PollDeps = {
  connectors: ConnectorRegistry;
  /** Where a poll's items go: appended with the job's completion, stored by the analysing worker. */
  stream: IngestStream;
  /** How long one streaming session runs before it reconnects (below the job lease). Default 45 s. */
  streamSessionMs?: number;
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

/**
 * Connectors whose sources are followed live (Mastodon's streaming API, Bluesky's Jetstream)
 * rather than polled: each run of the job is a streaming session of up to `streamSessionMs`.
 */
export const STREAMED_CONNECTORS = new Set(['mastodon', 'bluesky']);

type SessionResult = IngestBatch & { session?: { batches: number; items: number } };

/**
 * Follows a source's push stream for one session: each batch is appended to the ingest stream
 * together with the source's new cursor as it arrives, so a crash mid-session resumes from the
 * last committed batch (the connector backfills from that cursor on reconnect). Ends when the
 * session time is up or the job is stopped; the record step then starts the next session.
 */
async function streamSession(deps: PollDeps, plan: PollPlan, ingest: IngestSource, ctx: PerformContext): Promise<SessionResult> {
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(deps.streamSessionMs ?? 45_000)]);
  let cursor = plan.source.cursor;
  let batches = 0;
  let items = 0;
  try {
    for await (const batch of ingest.stream?.(plan.source.credentials, cursor, signal) ?? []) {
      await deps.stream.waitForRoom(signal);
      const next = batch.nextCursor ?? cursor;
      await ctx.db.transaction(async (tx) => {
        await deps.stream.append(
          tx,
          batch.items.map((item) => ({ sourceId: plan.source.id, unitId: plan.source.unitId, item })),
        );
        await deps.save(tx, plan.source.id, { cursor: next, health: { ...plan.source.health, lastSuccessAt: new Date().toISOString(), consecutiveFailures: 0 }, nextPollAt: plan.source.nextPollAt ?? new Date() });
      });
      cursor = next;
      batches++;
      items += batch.items.length;
      if (signal.aborted) break;
    }
  } catch (err) {
    // The session's own end is not a failure; a connector error is.
    if (!signal.aborted) throw err;
  }
  return { items: [], nextCursor: cursor, session: { batches, items } };
}

/** While the stream is full, a due poll looks again this much later instead of reading more. */
export const BACKPRESSURE_DELAY_MS = 5_000;

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
      // Back-pressure: while the worker is behind, read nothing more; look again shortly.
      if (await deps.stream.isFull(ctx.tx)) {
        const nextPollAt = new Date(Date.now() + BACKPRESSURE_DELAY_MS);
        await deps.save(ctx.tx, source.id, { health: source.health, nextPollAt });
        await enqueueNextPoll(ctx.tx, source.id, nextPollAt);
        return null;
      }
      return { source };
    },
    async perform(plan: PollPlan, ctx): Promise<IngestBatch> {
      const ingest = deps.connectors.ingester(plan.source.connector);
      if (!ingest) throw new Error(`the ${plan.source.connector} connector is not available on this server`);
      if (ingest.stream && STREAMED_CONNECTORS.has(plan.source.connector)) return streamSession(deps, plan, ingest, ctx);
      return ingest.poll(plan.source.credentials, plan.source.cursor);
    },
    async record(_input, plan, outcome, ctx) {
      const now = new Date();
      const previous = plan.source.health;
      if (outcome.ok) {
        const batch = batchWithSafeLinks(outcome.value);
        // A streaming session has appended its batches as they came; it reconnects at once.
        const session = (batch as SessionResult).session;
        await deps.stream.append(
          ctx.tx,
          batch.items.map((item) => ({ sourceId: plan.source.id, unitId: plan.source.unitId, item })),
        );
        // A source with more ready (a file half read, a backlog) is read again at once.
        const nextPollAt = new Date(now.getTime() + (batch.more || session ? 0 : nextPollDelayMs(plan.source.intervalSeconds, 0)));
        const detail = (batch as IngestBatch & { problems?: unknown }).problems;
        await deps.save(ctx.tx, plan.source.id, {
          cursor: batch.nextCursor ?? plan.source.cursor,
          health: { ...previous, lastSuccessAt: now.toISOString(), consecutiveFailures: 0, detail: detail ? String(JSON.stringify(detail)).slice(0, 500) : null },
          nextPollAt,
        });
        await enqueueNextPoll(ctx.tx, plan.source.id, nextPollAt);
        return;
      }
      const failures = previous.consecutiveFailures + 1;
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      const nextPollAt = new Date(now.getTime() + nextPollDelayMs(plan.source.intervalSeconds, failures));
      await deps.save(ctx.tx, plan.source.id, { health: { ...previous, lastErrorAt: now.toISOString(), lastError: message.slice(0, 500), consecutiveFailures: failures }, nextPollAt });
      await enqueueNextPoll(ctx.tx, plan.source.id, nextPollAt);
    },
  });
}

function enqueueNextPoll(tx: Parameters<typeof enqueueJob>[0], sourceId: string, at: Date) {
  return enqueueJob(tx, pollSourceJob, { sourceId, at: at.toISOString() }, { runAt: at, idempotencyKey: `${pollSourceJob.name}:${sourceId}:${at.toISOString()}` });
}
