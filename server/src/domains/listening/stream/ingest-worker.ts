import type { Logger } from 'pino';
import type { Db } from '../../../platform/db/index.ts';
import type { BatchAnalyser } from '../analysis/batch-analyser.ts';
import { type AnalysedItem, analyseItemsWith, storeAnalysed } from '../commands/ingest-batch.ts';
import type { StoredItemsHook } from '../stored-items.ts';
import type { Delivery, StreamConsumer, StreamEntry } from './ingest-stream.ts';
import { sleep } from './stream-support.ts';

export type IngestWorkerDeps = {
  db: Db;
  consumer: StreamConsumer;
  /** The analyser for the next batch (re-read per batch, so an edited taxonomy applies at once). */
  analyser: () => Promise<BatchAnalyser>;
  notifyOutbox: () => void;
  logger: Pick<Logger, 'error' | 'warn'>;
  batchSize?: number;
  /** Runs in the store transaction on the new items, before `items-collected` (integrity's claim matching). */
  storedItems?: StoredItemsHook;
  onStored?: (stats: { received: number; inserted: number; entries: StreamEntry[] }) => void;
};

/** A batch read from the stream and analysed, ready to store; or why it could not be. */
type Prepared = { delivery: Delivery; groups: Group[] } | { delivery: Delivery; error: unknown } | { readError: unknown } | null;

/**
 * The analysing worker: takes batches from the ingest stream, analyses them outside any
 * transaction, then stores every source's items and removes the batch from the stream in one
 * commit (acknowledged to NATS after it). The next batch is read and analysed while this one is
 * stored — analysis runs on its own threads, storing on the database — and is stored after it, so
 * clustering always sees the batch before. A failed batch goes back to the stream and is retried
 * with a growing pause, so a database outage loses nothing.
 */
export function startIngestWorker(deps: IngestWorkerDeps): { stop(): Promise<void> } {
  const controller = new AbortController();
  const batchSize = deps.batchSize ?? 500;

  async function prepare(): Promise<Prepared> {
    let delivery: Delivery | null;
    try {
      delivery = await deps.consumer.next(batchSize, controller.signal);
    } catch (readError) {
      return { readError };
    }
    if (!delivery) return null;
    try {
      const analyser = await deps.analyser();
      return { delivery, groups: await analyseBySource(delivery.entries, analyser, deps.logger) };
    } catch (error) {
      return { delivery, error };
    }
  }

  async function store(delivery: Delivery, groups: Group[]): Promise<void> {
    let inserted = 0;
    await deps.db.transaction(async (tx) => {
      for (const group of groups) inserted += (await storeAnalysed(tx, group.source, group.analysed, group.received, deps.storedItems)).inserted.length;
      await delivery.complete(tx);
    });
    deps.notifyOutbox();
    await delivery.acknowledge();
    deps.onStored?.({ received: delivery.entries.length, inserted, entries: delivery.entries });
  }

  let upcoming: Promise<Prepared> = prepare();
  const loop = (async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      const current = await upcoming;
      if (current === null) break;
      if ('readError' in current) {
        failures++;
        deps.logger.error({ err: current.readError, failures }, 'ingest stream read failed');
        await sleep(pauseAfter(failures), controller.signal);
        upcoming = prepare();
        continue;
      }
      const { delivery } = current;
      try {
        if ('error' in current) throw current.error;
        // Read and analyse the next batch while this one is stored.
        upcoming = prepare();
        await store(delivery, current.groups);
        failures = 0;
      } catch (err) {
        failures++;
        deps.logger.error({ err, failures, entries: delivery.entries.length }, 'ingest batch not stored; it goes back to the stream');
        await delivery.release().catch((e: unknown) => deps.logger.error({ err: e }, 'ingest batch release failed'));
        await sleep(pauseAfter(failures), controller.signal);
        if ('error' in current) upcoming = prepare();
      }
    }
  })();
  return {
    async stop() {
      controller.abort();
      await loop;
      // A batch read ahead but not stored goes back to the stream at once rather than at its lease's end.
      const left = await upcoming.catch(() => null);
      if (left && 'delivery' in left) await left.delivery.release().catch(() => undefined);
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
