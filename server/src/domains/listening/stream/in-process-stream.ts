import { inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../../platform/db/index.ts';
import { ingestQueue } from '../listening.tables.ts';
import type { Delivery, IngestStream, StreamConsumer, StreamEntry } from './ingest-stream.ts';
import { backlogCache, sleep, waitUntilRoom } from './stream-support.ts';

export type InProcessStreamOptions = {
  /** Producers wait while this many items are waiting to be stored. Default 20,000. */
  highWater?: number;
  /** How long a worker holds the rows it took before another may take them. Default 120 s. */
  leaseMs?: number;
  /** How often an idle consumer looks for new rows (an append in this process wakes it sooner). Default 250 ms. */
  idlePollMs?: number;
  /** Whether the worker behind a lease is provably gone (`isLeaseOwnerGone`): a new consumer takes its rows at once. */
  isLeaseOwnerGone?: (ownerId: string) => boolean;
};

type QueueRow = { seq: number | string; source_id: string; unit_id: string; item: StreamEntry['item'] };

/**
 * The default ingest stream: a staging table in the application's own database. An append is a
 * row insert inside the producer's transaction, so a source's items and its new cursor commit
 * together; a consumer leases rows, stores them analysed and deletes them in one transaction, so a
 * crash at any point either leaves a row to be taken again or has already stored it — storage is
 * idempotent, so a row taken twice is stored once.
 */
export function createInProcessStream(db: Db, opts: InProcessStreamOptions = {}): IngestStream & { consumer(workerId: string): StreamConsumer } {
  const highWater = opts.highWater ?? 20_000;
  const leaseMs = opts.leaseMs ?? 120_000;
  const idlePollMs = opts.idlePollMs ?? 250;
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const w of wakers) w();
  };
  const count = async (x: Executor) => {
    const result = await x.execute(sql`select count(*)::int as n from ${ingestQueue}`);
    return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  };
  const backlog = backlogCache(() => count(db));

  const stream: IngestStream & { consumer(workerId: string): StreamConsumer } = {
    kind: 'in-process',
    async append(tx: Executor, entries: StreamEntry[]) {
      if (entries.length === 0) return;
      for (let i = 0; i < entries.length; i += 1000) {
        const chunk = entries.slice(i, i + 1000);
        await tx.insert(ingestQueue).values(chunk.map((e) => ({ sourceId: e.sourceId, unitId: e.unitId, item: e.item as never })));
      }
      backlog.add(entries.length);
      // The rows become visible when the producer commits, moments from now.
      setTimeout(wake, 5).unref?.();
    },
    backlog: () => backlog.get(),
    isFull: async (tx) => (tx ? await count(tx) : await backlog.get()) >= highWater,
    waitForRoom: (signal) => waitUntilRoom(() => backlog.get(true), highWater, signal),
    consumer(workerId) {
      // A worker restarted after a crash takes the rows its predecessor held now, not when their lease runs out.
      // If that fails, the leases run out as before.
      let released: Promise<void> | null = opts.isLeaseOwnerGone ? releaseGoneClaims(db, opts.isLeaseOwnerGone).catch(() => undefined) : null;
      return {
        async next(max, signal) {
          if (released) {
            await released;
            released = null;
          }
          for (;;) {
            if (signal?.aborted) return null;
            const rows = await claim(db, workerId, max, leaseMs);
            if (rows.length > 0) return delivery(db, workerId, rows, () => backlog.add(-rows.length));
            await new Promise<void>((resolve) => {
              const done = () => {
                clearTimeout(timer);
                wakers.delete(done);
                signal?.removeEventListener('abort', done);
                resolve();
              };
              const timer = setTimeout(done, idlePollMs);
              wakers.add(done);
              signal?.addEventListener('abort', done, { once: true });
            });
          }
        },
      };
    },
  };
  return stream;
}

/** Leases the oldest rows nobody holds (or whose holder's lease ran out). */
async function claim(db: Db, workerId: string, max: number, leaseMs: number): Promise<QueueRow[]> {
  const result = await db.execute(sql`
    update ${ingestQueue} set claimed_by = ${workerId}, claimed_until = now() + make_interval(secs => ${leaseMs / 1000})
    where seq in (
      select seq from ${ingestQueue}
      where claimed_until is null or claimed_until < now()
      order by seq limit ${max}
      for update skip locked
    )
    returning seq, source_id, unit_id, item`);
  const rows = (result as unknown as { rows: QueueRow[] }).rows;
  return rows.sort((a, b) => Number(a.seq) - Number(b.seq));
}

/** Frees the rows held by workers that are gone; a row still locked by an unfinished transaction keeps its lease. */
async function releaseGoneClaims(db: Db, isOwnerGone: (ownerId: string) => boolean): Promise<void> {
  const owners = await db.selectDistinct({ ownerId: ingestQueue.claimedBy }).from(ingestQueue).where(sql`${ingestQueue.claimedUntil} >= now()`);
  const gone = owners.flatMap(({ ownerId }) => (ownerId !== null && isOwnerGone(ownerId) ? [ownerId] : []));
  if (gone.length === 0) return;
  await db.execute(sql`
    update ${ingestQueue} set claimed_by = null, claimed_until = null
    where seq in (select seq from ${ingestQueue} where ${inArray(ingestQueue.claimedBy, gone)} for update skip locked)`);
}

function delivery(db: Db, workerId: string, rows: QueueRow[], onDone: () => void): Delivery {
  const seqs = JSON.stringify(rows.map((r) => Number(r.seq)));
  return {
    entries: rows.map((r) => ({ sourceId: r.source_id, unitId: r.unit_id, item: r.item })),
    async complete(tx) {
      await tx.execute(sql`delete from ${ingestQueue} where seq in (select (jsonb_array_elements_text(${seqs}::jsonb))::bigint)`);
    },
    async acknowledge() {
      onDone();
    },
    async release() {
      await db.execute(sql`update ${ingestQueue} set claimed_by = null, claimed_until = null where claimed_by = ${workerId} and seq in (select (jsonb_array_elements_text(${seqs}::jsonb))::bigint)`);
      await sleep(0);
    },
  };
}
