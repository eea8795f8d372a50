import type { PlatformContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/index.ts';
import { createAnalyser } from './analyse-item.ts';
import { type AnalysisPool, type BatchAnalyser, createAnalysisPool, defaultAnalysisThreads, inThreadAnalyser } from './analysis/batch-analyser.ts';
import type { IngestStream, StreamConsumer } from './stream/ingest-stream.ts';
import { createInProcessStream } from './stream/in-process-stream.ts';
import { startIngestWorker } from './stream/ingest-worker.ts';
import type { StoredItemsHook } from './stored-items.ts';
import { createNatsIngestStream } from './stream/nats-ingest-stream.ts';
import { loadTaxonomy, taxonomyVersion } from './topics/taxonomy.repo.ts';
import { sharedTopicModels } from './topics/topic-models.ts';

export type ManagedIngestStream = IngestStream & { consumer(workerId: string): StreamConsumer; close?(): Promise<void> };

/** The ingest stream this process uses: JetStream when NATS_URL is set, else the staging table. */
export async function openIngestStream(opts: {
  db: Db;
  natsUrl?: string | undefined;
  prefix: string;
  instanceId: string;
  highWater?: number;
  /** How long a worker may hold a batch before another takes it (the job lease, JOB_LEASE_MS, in the runtime). */
  leaseMs?: number;
  /**
   * Whether the worker behind a lease is provably gone: its batches are taken at once. The staging
   * table only; JetStream redelivers a gone consumer's messages when their ack wait runs out.
   */
  isLeaseOwnerGone?: (ownerId: string) => boolean;
}): Promise<ManagedIngestStream> {
  const common = { ...(opts.highWater ? { highWater: opts.highWater } : {}) };
  if (opts.natsUrl) return createNatsIngestStream({ url: opts.natsUrl, prefix: opts.prefix, instanceId: opts.instanceId, ...common, ...(opts.leaseMs ? { ackWaitMs: opts.leaseMs } : {}) });
  return createInProcessStream(opts.db, { ...common, ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}), ...(opts.isLeaseOwnerGone ? { isLeaseOwnerGone: opts.isLeaseOwnerGone } : {}) });
}

/**
 * Starts the analysing worker on this process (the worker role): batches from the stream are
 * analysed on `analysisThreads` worker threads (default: one per core, at most four; 0 = on this
 * thread) and stored. Each thread loads the language model once, on the first batch.
 */
export function startListeningWorker(
  ctx: Pick<PlatformContext, 'db' | 'notifyOutbox' | 'logger' | 'metrics'>,
  stream: ManagedIngestStream,
  opts: { workerId: string; analyser?: () => Promise<BatchAnalyser>; batchSize?: number; analysisThreads?: number | undefined; storedItems?: StoredItemsHook | undefined },
): { stop(): Promise<void> } {
  const threads = opts.analysisThreads ?? defaultAnalysisThreads();
  const pool = opts.analyser || threads === 0 ? null : createAnalysisPool(threads);
  const worker = startIngestWorker({
    db: ctx.db,
    consumer: stream.consumer(opts.workerId),
    analyser: opts.analyser ?? currentAnalyser(ctx.db, pool),
    notifyOutbox: ctx.notifyOutbox,
    logger: ctx.logger,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.storedItems ? { storedItems: opts.storedItems } : {}),
    onStored: ({ received, inserted }) => {
      ctx.metrics.listeningItemsReceived.inc(received);
      ctx.metrics.listeningItemsStored.inc(inserted);
    },
  });
  return {
    async stop() {
      await worker.stop();
      await pool?.close();
    },
  };
}

/**
 * The analyser for the ministry's current taxonomy: its version is read at most every few
 * seconds (called between batches, outside any transaction), and an edit, or models older than
 * half an hour, rebuild it (on the pool's threads, or on this thread without a pool).
 */
function currentAnalyser(db: Db, pool: AnalysisPool | null, checkEveryMs = 5_000, rebuildAfterMs = 30 * 60_000): () => Promise<BatchAnalyser> {
  let current: { version: string; builtAt: number; analyser: Promise<BatchAnalyser> } | undefined;
  let checkedAt = 0;
  return async () => {
    if (current && Date.now() - checkedAt < checkEveryMs) return current.analyser;
    checkedAt = Date.now();
    const version = await taxonomyVersion(db);
    if (!current || current.version !== version || Date.now() - current.builtAt > rebuildAfterMs) {
      const { taxonomy } = await loadTaxonomy(db);
      const models = await sharedTopicModels.get(db, taxonomy, version);
      // Rebuilt models get their own version key, so the threads take them up too.
      const builtAt = Date.now();
      const analyser = pool ? Promise.resolve(pool.analyserFor(`${version}@${builtAt}`, taxonomy, models)) : createAnalyser(taxonomy, models).then(inThreadAnalyser);
      current = { version, builtAt, analyser };
    }
    return current.analyser;
  };
}
