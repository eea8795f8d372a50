import type { Logger } from 'pino';
import type { Db } from '../../../platform/db/index.ts';
import type { BatchAnalyser } from '../analysis/batch-analyser.ts';
import { type AnalysedItem, analyseItemsWith, storeAnalysed } from '../commands/ingest-batch.ts';
import type { StreamConsumer, StreamEntry } from './ingest-stream.ts';
import { sleep } from './stream-support.ts';

export type IngestWorkerDeps = {
  db: Db;
  consumer: StreamConsumer;
  /** The analyser for the next batch (re-read per batch, so an edited taxonomy applies at once). */
  analyser: () => Promise<BatchAnalyser>;
  notifyOutbox: () => void;
  logger: Pick<Logger, 'error' | 'warn'>;
  batchSize?: number;
  onStored?: (stats: { received: number; inserted: number; entries: StreamEntry[] }) => void;
};

/**
 * The analysing worker: takes batches from the ingest stream, analyses them outside any
 * transaction, then stores every source's items and removes the batch from the stream in one
 * commit (acknowledged to NATS after it). A failed batch goes back to the stream and is retried
 * with a growing pause, so a database outage loses nothing.
 */
export function startIngestWorker(deps: IngestWorkerDeps): { stop(): Promise<void> } {
  const controller = new AbortController();
  const batchSize = deps.batchSize ?? 500;
  const loop = (async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      let delivery: Awaited<ReturnType<StreamConsumer['next']>>;
      try {
        delivery = await deps.consumer.next(batchSize, controller.signal);
      } catch (err) {
        failures++;
        deps.logger.error({ err, failures }, 'ingest stream read failed');
        await sleep(pauseAfter(failures), controller.signal);
        continue;
      }
      if (!delivery) break;
      try {
        const analyser = await deps.analyser();
        const groups = await analyseBySource(delivery.entries, analyser, deps.logger);
        let inserted = 0;
        const current = delivery;
        await deps.db.transaction(async (tx) => {
          for (const group of groups) inserted += (await storeAnalysed(tx, group.source, group.analysed, group.received)).inserted.length;
          await current.complete(tx);
        });
        deps.notifyOutbox();
        await delivery.acknowledge();
        deps.onStored?.({ received: delivery.entries.length, inserted, entries: delivery.entries });
        failures = 0;
      } catch (err) {
        failures++;
        deps.logger.error({ err, failures, entries: delivery.entries.length }, 'ingest batch not stored; it goes back to the stream');
        await delivery.release().catch((e: unknown) => deps.logger.error({ err: e }, 'ingest batch release failed'));
        await sleep(pauseAfter(failures), controller.signal);
      }
    }
  })();
  return {
    async stop() {
      controller.abort();
      await loop;
    },
  };
}

const pauseAfter = (failures: number) => Math.min(30_000, 250 * 2 ** Math.min(failures, 7));

type Group = { source: { id: string; unitId: string }; analysed: AnalysedItem[]; received: number };

/** Groups a delivery by source and analyses the groups side by side (each split across the analysis threads). */
async function analyseBySource(entries: StreamEntry[], analyser: BatchAnalyser, logger: Pick<Logger, 'warn'>): Promise<Group[]> {
  const bySource = new Map<string, { source: { id: string; unitId: string }; items: StreamEntry['item'][] }>();
  for (const e of entries) {
    const g = bySource.get(e.sourceId) ?? { source: { id: e.sourceId, unitId: e.unitId }, items: [] };
    g.items.push(e.item);
    bySource.set(e.sourceId, g);
  }
  return Promise.all(
    [...bySource.values()].map(async (g) => ({
      source: g.source,
      received: g.items.length,
      analysed: await analyseItemsWith(analyser, g.items, (item, err) => logger.warn({ err, sourceId: g.source.id, remoteId: item.remoteId }, 'item could not be analysed; stored unanalysed')),
    })),
  );
}
