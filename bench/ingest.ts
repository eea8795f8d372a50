// End-to-end ingest: items appended to the ingest stream, analysed and stored by the worker, on
// PGlite (staging-table stream), PostgreSQL (staging table) and PostgreSQL + NATS JetStream.
// The baseline, run in the same process on the same items, is the analysis alone: the ratio says
// how much of the analysis throughput survives storage (indexes, clustering, the stream itself).
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { findRootUnit, initialiseWorkspace } from '../server/src/domains/identity/index.ts';
import { analyseItems, createAnalyser, insertSource, openIngestStream, startListeningWorker } from '../server/src/domains/listening/index.ts';
import { loadConfig } from '../server/src/platform/config/config.ts';
import { createPlatformContext } from '../server/src/platform/context.ts';
import { type Database, openDatabase, queryRows } from '../server/src/platform/db/index.ts';
import { freshPostgres, NATS_URL } from './support.ts';

const ITEMS = Number(process.env.BENCH_INGEST_ITEMS ?? 20_000);

const sentences = [
  'Kementerian Luar Negeri menyambut baik kesepakatan perikanan regional dengan Malaysia dan Filipina.',
  'Warga kecewa karena bantuan banjir terlambat datang ke Kalimantan Selatan.',
  'Nelayan di Natuna melaporkan kapal asing di perairan Indonesia.',
  'Indonesia mengirim vaksin ke Papua Nugini dan Fiji sebagai bagian dari kerja sama kesehatan.',
  'Japan and Australia agree to expand maritime security cooperation in the Pacific.',
  'The summit in Jakarta ended with a joint statement on climate finance and clean energy.',
  'Critics say the trade deal with the European Union hurts small farmers in Southeast Asia.',
  'Cyber attacks on government websites rose sharply this month, officials said.',
];

/** 280-character posts, all different; one in twenty retells an earlier one (clustering has work). */
function posts(count: number) {
  const out: { remoteId: string; text: string; publishedAt: string }[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    let j = i;
    while (text.length < 240) text += `${sentences[(j++ * 5 + i) % sentences.length]} `;
    const body: string = i % 20 === 19 ? (out[i - 7]?.text ?? text) : text;
    out.push({ remoteId: `bench-${i}`, text: `${body.slice(0, 250)} #${i % 13} ref ${i}`.slice(0, 280), publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() });
  }
  return out;
}

async function run(label: string, database: Database, natsUrl: string | undefined): Promise<number> {
  await database.migrate();
  const ctx = createPlatformContext(loadConfig({ DIPLODESK_SECRET: 'bench-secret-0123456789abcdef0123456789' }), database, pino({ level: 'silent' }));
  await initialiseWorkspace(ctx);
  const root = await findRootUnit(ctx.db);
  const source = await insertSource(ctx.db, { unitId: root?.id ?? '', connector: 'import', name: 'bench', status: 'paused' });
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  const stream = await openIngestStream({ db: ctx.db, natsUrl, prefix, instanceId: 'bench' });
  const items = posts(ITEMS);
  const worker = startListeningWorker(ctx, stream, { workerId: 'bench-worker' });
  const started = performance.now();
  for (let i = 0; i < items.length; i += 1000) {
    await stream.waitForRoom();
    await ctx.db.transaction((tx) => stream.append(tx, items.slice(i, i + 1000).map((item) => ({ sourceId: source.id, unitId: source.unitId, item }))));
  }
  for (;;) {
    const [row] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from listening_items where source_id = ${source.id}`);
    if ((row?.n ?? 0) >= items.length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  await stream.close?.();
  if (natsUrl) {
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.delete(`${prefix}_ingest`).catch(() => undefined);
    await nc.close();
  }
  const rate = items.length / seconds;
  console.error(`  ${label}: ${Math.round(rate)} items/s`);
  return rate;
}

export async function benchIngest(): Promise<Record<string, unknown>> {
  const items = posts(ITEMS);
  const analyser = await createAnalyser();
  analyseItems(analyser, items.slice(0, 500));
  const t0 = performance.now();
  analyseItems(analyser, items);
  const analysisRate = items.length / ((performance.now() - t0) / 1000);

  const embedded = await openDatabase({ dataDir: undefined });
  const pgliteRate = await run('PGlite, in-process stream', embedded, undefined);
  await embedded.close();

  const results: Record<string, number> = { pglite: pgliteRate };
  try {
    for (const [label, nats] of [
      ['postgres', undefined],
      ['postgresNats', NATS_URL],
    ] as const) {
      const db = await freshPostgres('ingest');
      const database = await openDatabase({ url: db.url, poolSize: 5 });
      try {
        results[label] = await run(label, database, nats);
      } finally {
        await database.close();
        await db.drop();
      }
    }
  } catch (err) {
    console.error(`  PostgreSQL/NATS not measured: ${(err as Error).message}`);
  }

  const summary = {
    bench: 'ingest',
    metric: 'items/s sustained from the ingest stream into storage (analysed, indexed, clustered), 280-character posts',
    items: ITEMS,
    analysisOnlyItemsPerSecond: Math.round(analysisRate),
    ...Object.fromEntries(Object.entries(results).map(([k, v]) => [`${k}ItemsPerSecond`, Math.round(v)])),
    ...Object.fromEntries(Object.entries(results).map(([k, v]) => [`${k}RatioToAnalysis`, Number((v / analysisRate).toFixed(2))])),
  };
  console.log(JSON.stringify(summary));
  return summary;
}
