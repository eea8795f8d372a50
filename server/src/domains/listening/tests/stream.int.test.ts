// The ingest stream on this tier (staging table on PGlite; JetStream on PostgreSQL + NATS) and the
// analysing worker: durable appends, storage once per item however often it is appended,
// near-duplicates clustered inside one batch, back-pressure, and a failed batch handed back.
import type { IngestItem } from '@diplodesk/connector-sdk';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { type Analyser, insertSource, type SourceRow } from '../index.ts';
import { inThreadAnalyser } from '../analysis/batch-analyser.ts';
import { type ManagedIngestStream, openIngestStream, startListeningWorker } from '../ingest-runtime.ts';
import { ingestQueue } from '../listening.tables.ts';
import { createInProcessStream } from '../stream/in-process-stream.ts';

let t: TestApp;
let source: SourceRow;
const nats = process.env.TEST_NATS === '1' ? { url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', prefix: `stream_${process.pid}_${Date.now().toString(36)}` } : null;
const extraStreams: ManagedIngestStream[] = [];

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 8, minutes)).toISOString();
const entry = (item: IngestItem) => ({ sourceId: source.id, unitId: source.unitId, item });

async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const storedCount = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from listening_items where source_id = ${source.id}`))[0]?.n ?? 0;

beforeAll(async () => {
  t = await createTestApp();
  const root = await findRootUnit(t.ctx.db);
  source = await insertSource(t.ctx.db, { unitId: root?.id ?? '', connector: 'import', name: 'Stream test', status: 'paused' });
});
afterAll(async () => {
  for (const s of extraStreams) await s.close?.();
  if (nats) {
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: nats.url });
    await (await jetstreamManager(nc)).streams.delete(`${nats.prefix}_ingest`).catch(() => undefined);
    await nc.close();
  }
  await t?.close();
});

describe(`ingest stream (${process.env.TEST_NATS === '1' ? 'NATS JetStream' : 'in-process'})`, () => {
  it('stores what was appended once, however often it is appended, and clusters a story retold in one batch', async () => {
    const story = 'Kapal penjaga pantai asing terlihat di perairan Natuna Utara pada Senin pagi, kata juru bicara Bakamla kepada wartawan di Jakarta.';
    const items: IngestItem[] = [
      { remoteId: 's1', text: story, publishedAt: at(1) },
      { remoteId: 's2', text: `${story} #Natuna`, publishedAt: at(2) },
      { remoteId: 's3', text: `RT ${story}`, publishedAt: at(3) },
      { remoteId: 's4', text: 'Harga beras naik di pasar tradisional menjelang akhir tahun, kata pedagang di Surabaya.', publishedAt: at(4) },
      { remoteId: 's5', text: '   ', publishedAt: at(5) },
    ];
    await t.ctx.db.transaction((tx) => t.ingestStream.append(tx, items.map(entry)));
    // A producer that repeats its append after a crash adds nothing.
    await t.ctx.db.transaction((tx) => t.ingestStream.append(tx, items.slice(0, 3).map(entry)));
    const worker = startListeningWorker(t.ctx, t.ingestStream, { workerId: 'first-worker' });
    await eventually(async () => (await storedCount()) === 4 && (await t.ingestStream.backlog()) === 0, 'the batch to be stored');
    await new Promise((r) => setTimeout(r, 300));
    await worker.stop();
    expect(await storedCount()).toBe(4);
    const rows = await queryRows<{ external_id: string; cluster_id: string; id: string }>(t.ctx.db, sql`select external_id, cluster_id, id from listening_items where source_id = ${source.id} order by external_id`);
    const cluster = new Map(rows.map((r) => [r.external_id, r.cluster_id]));
    expect(cluster.get('s2')).toBe(cluster.get('s1'));
    expect(cluster.get('s3')).toBe(cluster.get('s1'));
    expect(cluster.get('s4')).not.toBe(cluster.get('s1'));
  });

  it('ties an append to the producer’s transaction in-process; on NATS a published item survives the rollback and is stored once', async () => {
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await t.ingestStream.append(tx, [entry({ remoteId: 'rolled-back', text: 'Appended by a producer whose transaction then failed.', publishedAt: at(9) })]);
        throw new Error('producer failed');
      }),
    ).rejects.toThrow('producer failed');
    const count = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from listening_items where external_id = 'rolled-back'`))[0]?.n ?? 0;
    const worker = startListeningWorker(t.ctx, t.ingestStream, { workerId: 'rollback-worker' });
    if (nats) {
      // At least once: the producer repeats its work after the failure; the repeat adds nothing.
      await t.ctx.db.transaction((tx) => t.ingestStream.append(tx, [entry({ remoteId: 'rolled-back', text: 'Appended by a producer whose transaction then failed.', publishedAt: at(9) })]));
      await eventually(async () => (await count()) === 1, 'the item');
    }
    await new Promise((r) => setTimeout(r, 600));
    expect(await count()).toBe(nats ? 1 : 0);
    expect(await t.ingestStream.backlog()).toBe(0);
    await worker.stop();
  });

  it('holds producers back while the backlog is above its high-water mark, and lets them go as the worker drains it', async () => {
    const stream = await openIngestStream({ db: t.ctx.db, natsUrl: nats?.url, prefix: nats?.prefix ?? 'unused', instanceId: 'bp', highWater: 50 });
    extraStreams.push(stream);
    const items = Array.from({ length: 120 }, (_, i) => entry({ remoteId: `bp-${i}`, text: `Laporan nomor ${i} tentang kerja sama perdagangan ${i * 7919} antara Indonesia dan mitra.`, publishedAt: at(10) }));
    await t.ctx.db.transaction((tx) => stream.append(tx, items));
    await eventually(() => stream.isFull(), 'the stream to report itself full');
    let released = false;
    const waiting = stream.waitForRoom().then(() => {
      released = true;
    });
    await new Promise((r) => setTimeout(r, 400));
    expect(released).toBe(false);
    const worker = startListeningWorker(t.ctx, stream, { workerId: 'bp-worker', batchSize: 20 });
    await waiting;
    expect(released).toBe(true);
    await eventually(async () => (await stream.backlog()) === 0, 'the backlog to drain');
    await worker.stop();
    const [row] = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from listening_items where external_id like 'bp-%'`);
    expect(row?.n).toBe(120);
  });

  it('hands a batch back when it cannot be stored, and stores it once the cause is gone', async () => {
    const stream = await openIngestStream({ db: t.ctx.db, natsUrl: nats?.url, prefix: nats?.prefix ?? 'unused', instanceId: 'retry' });
    extraStreams.push(stream);
    let failing = true;
    const worker = startListeningWorker({ ...t.ctx, db: failingDb(t.ctx.db, () => failing) }, stream, { workerId: 'retry-worker' });
    await t.ctx.db.transaction((tx) => stream.append(tx, [entry({ remoteId: 'retry-1', text: 'Indonesia mengirim bantuan kemanusiaan ke Gaza melalui Mesir.', publishedAt: at(20) })]));
    await new Promise((r) => setTimeout(r, 1200));
    const count = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from listening_items where external_id = 'retry-1'`))[0]?.n ?? 0;
    expect(await count()).toBe(0);
    failing = false;
    await eventually(async () => (await count()) === 1, 'the handed-back batch to be stored', 30_000);
    await worker.stop();
  });

  it('keeps an item the analyser fails on, unanalysed, instead of losing it or blocking the stream', async () => {
    const broken: Analyser = {
      analyse() {
        throw new Error('analyser defect');
      },
    };
    const stream = await openIngestStream({ db: t.ctx.db, natsUrl: nats?.url, prefix: nats?.prefix ?? 'unused', instanceId: 'broken' });
    extraStreams.push(stream);
    const worker = startListeningWorker(t.ctx, stream, { workerId: 'broken-worker', analyser: async () => inThreadAnalyser(broken) });
    await t.ctx.db.transaction((tx) => stream.append(tx, [entry({ remoteId: 'broken-1', text: 'Sebuah teks yang membuat penganalisis gagal.', publishedAt: at(30) })]));
    const row = await eventually(async () => (await queryRows<{ language: string; text: string }>(t.ctx.db, sql`select language, text from listening_items where external_id = 'broken-1'`))[0], 'the item');
    expect(row).toEqual({ language: 'und', text: 'Sebuah teks yang membuat penganalisis gagal.' });
    await worker.stop();
  });
});

// The staging table on either database (on the NATS tier JetStream redelivers instead, when a gone
// consumer's ack wait runs out).
describe('staging table: a worker that is gone', () => {
  it('has its rows taken by a new consumer at once, while a live worker keeps its own', async () => {
    const held = (remoteId: string, owner: string) => ({ sourceId: source.id, unitId: source.unitId, item: { remoteId, text: `Item ${remoteId} yang dipegang ${owner}.`, publishedAt: at(40) } as never, claimedBy: owner, claimedUntil: sql`now() + interval '10 minutes'` });
    await t.ctx.db.insert(ingestQueue).values([held('gone-1', 'gone-owner'), held('gone-2', 'gone-owner'), held('live-1', 'live-owner')]);
    const stream = createInProcessStream(t.ctx.db, { isLeaseOwnerGone: (owner) => owner === 'gone-owner' });
    const delivery = await stream.consumer('new-worker').next(1000, AbortSignal.timeout(10_000));
    const taken = (delivery?.entries ?? []).map((e) => e.item.remoteId);
    expect(taken).toEqual(expect.arrayContaining(['gone-1', 'gone-2']));
    expect(taken).not.toContain('live-1');
    const [live] = await queryRows<{ claimed_by: string }>(t.ctx.db, sql`select claimed_by from listening_ingest_queue where item->>'remoteId' = 'live-1'`);
    expect(live?.claimed_by).toBe('live-owner');
    await t.ctx.db.delete(ingestQueue).where(inArray(sql`${ingestQueue.item}->>'remoteId'`, ['gone-1', 'gone-2', 'live-1']));
  });
});

/** The database, except that transactions fail while `failing()` says so (a database outage as the worker sees it). */
function failingDb<T extends { transaction: (...args: never[]) => unknown }>(db: T, failing: () => boolean): T {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return (...args: unknown[]) => {
          if (failing()) return Promise.reject(new Error('database unavailable'));
          return (target.transaction as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
