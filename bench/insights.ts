// Insights (issue 12), three figures, each against a baseline run in the same process:
// - trend: a 90-day trend by topic over BENCH_TREND_ITEMS (1,000,000) items on PostgreSQL, answered
//   from the rollups (`trendOf`, what `/api/v1/insights/trends` runs) vs the same answer by
//   `count(*) … group by` over the items. The rollups are built by the rebuild's own path
//   (`itemFactsPage` → `applyItems`), and both answers are compared before anything is timed.
// - upkeep: ingest throughput (stream → analysis → storage → outbox → bus) with insights' upkeep
//   subscribed vs without, on PGlite and PostgreSQL + NATS JetStream; "with" counts only once every
//   item is also in the rollups.
// - alert latency: items offered at BENCH_ALERT_RATE (500) items/s; each trial starts a spike from a
//   new source watched by a threshold rule, and the time from the spike's first item entering the
//   ingest stream to `insights.alert-raised` arriving on a signed-in WebSocket (`/api/live`, what
//   the toast listens to) is taken. The floor is a ping/pong on the same socket.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import WebSocket from 'ws';
import { buildApp } from '../server/src/app.ts';
import { findRootUnit, initialiseWorkspace } from '../server/src/domains/identity/index.ts';
import { startInsightsUpkeep } from '../server/src/domains/insights/index.ts';
import { applyItems } from '../server/src/domains/insights/rollups/apply-items.ts';
import { trendOf } from '../server/src/domains/insights/trends.ts';
import { insertSource, itemFactsPage, openIngestStream, type StreamEntry, startListeningWorker } from '../server/src/domains/listening/index.ts';
import { loadConfig } from '../server/src/platform/config/config.ts';
import { createPlatformContext } from '../server/src/platform/context.ts';
import { type Database, openDatabase, queryRows } from '../server/src/platform/db/index.ts';
import { createInProcessBus, createNatsBus, createOutboxDispatcher } from '../server/src/platform/events/index.ts';
import { freshPostgres, NATS_URL, percentile } from './support.ts';

const TREND_ITEMS = Number(process.env.BENCH_TREND_ITEMS ?? 1_000_000);
const UPKEEP_ITEMS = Number(process.env.BENCH_UPKEEP_ITEMS ?? 10_000);
const ALERT_RATE = Number(process.env.BENCH_ALERT_RATE ?? 500);
const ALERT_TRIALS = Number(process.env.BENCH_ALERT_TRIALS ?? 20);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const DAY_MS = 86_400_000;

const sentences = [
  'Kementerian Luar Negeri menyambut baik kesepakatan perikanan regional dengan Malaysia dan Filipina.',
  'Nelayan di Natuna melaporkan kapal asing di perairan Indonesia.',
  'Japan and Australia agree to expand maritime security cooperation in the Pacific.',
  'The summit in Jakarta ended with a joint statement on climate finance and clean energy.',
  'Cyber attacks on government websites rose sharply this month, officials said.',
  'Indonesia mengirim vaksin ke Papua Nugini dan Fiji sebagai bagian dari kerja sama kesehatan.',
];
const textOf = (n: number) => `${sentences[n % sentences.length]} ${sentences[(n * 5 + 2) % sentences.length]} (${n})`;

const ms = (values: number[], p: number) => Number(percentile(values, p).toFixed(1));

async function workspace(database: Database) {
  await database.migrate();
  const ctx = createPlatformContext(loadConfig({ DIPLODESK_SECRET: SECRET }), database, pino({ level: 'silent' }));
  await initialiseWorkspace(ctx);
  const root = await findRootUnit(ctx.db);
  if (!root) throw new Error('no organisation');
  return { ctx, unitId: root.id };
}

// ——— trend: rollups vs count(*) ————————————————————————————————————————————————

async function benchTrend(): Promise<Record<string, unknown>> {
  const fresh = await freshPostgres('trend');
  const database = await openDatabase({ url: fresh.url, poolSize: 4 });
  try {
    const { ctx, unitId } = await workspace(database);
    const source = await insertSource(ctx.db, { unitId, connector: 'import', name: 'bench trend', status: 'paused' });
    const topics = Array.from({ length: 12 }, (_, i) => `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`);
    const now = Date.now();
    const span = 90 * DAY_MS;
    // Items spread over the 90 days, each with one or two of twelve topics, two countries and a tone;
    // ids time-ordered as UUIDv7 (what the rebuild pages through).
    let t0 = performance.now();
    const chunk = 100_000;
    for (let first = 0; first < TREND_ITEMS; first += chunk) {
      const last = Math.min(TREND_ITEMS, first + chunk) - 1;
      await ctx.db.execute(sql`
        insert into listening_items (id, source_id, unit_id, external_id, content_hash, text, language, published_at, countries, topic_ids, sentiment)
        select (lpad(to_hex(floor(${now - span} + (g::float8 / ${TREND_ITEMS}) * ${span})::bigint), 12, '0') || '7' || lpad(to_hex(g % 4096), 3, '0') || '8' || lpad(to_hex(g), 15, '0'))::uuid,
               ${source.id}, ${unitId}, 'b' || g, md5('b' || g), 'bench item ' || g,
               (array['id','en','ms','jv'])[1 + g % 4],
               to_timestamp((${now - span} + (g::float8 / ${TREND_ITEMS}) * ${span}) / 1000),
               jsonb_build_array((array['ID','MY','PH','AU','JP','US'])[1 + g % 6], (array['CN','SG','TH'])[1 + g % 3]),
               case when g % 3 = 0 then jsonb_build_array((${sql.raw(`array[${topics.map((t) => `'${t}'`).join(',')}]`)})[1 + g % 12], (${sql.raw(`array[${topics.map((t) => `'${t}'`).join(',')}]`)})[1 + (g * 7 + 1) % 12])
                    else jsonb_build_array((${sql.raw(`array[${topics.map((t) => `'${t}'`).join(',')}]`)})[1 + g % 12]) end,
               case when g % 10 = 0 then null else ((g::bigint * 7919) % 2001 - 1000)::real / 1000 end
        from generate_series(${first}::int, ${last}::int) g`);
    }
    const insertSeconds = (performance.now() - t0) / 1000;
    // The rebuild's path: pages of item facts in id order, applied to the rollups.
    t0 = performance.now();
    let afterId: string | null = null;
    for (;;) {
      const page = await itemFactsPage(ctx.db, { afterId, limit: 5000 });
      if (page.length === 0) break;
      await ctx.db.transaction((tx) => applyItems(tx, page));
      afterId = page.at(-1)?.id ?? null;
    }
    const rebuildSeconds = (performance.now() - t0) / 1000;
    await ctx.db.execute(sql`analyze`);

    const query = { dimension: 'topic' as const, bucket: 'day' as const, tz: 'Asia/Jakarta', from: new Date(now - span).toISOString(), to: new Date(now).toISOString(), top: 12 };
    const fromRollups = async () => trendOf(ctx.db, query, [unitId]);
    const fromItems = async () =>
      queryRows<{ key: string; items: number }>(
        ctx.db,
        sql`select t.topic as key, count(*)::int as items, avg(i.sentiment)::float8 as tone,
                   date_trunc('day', i.published_at at time zone 'Asia/Jakarta') as day
            from listening_items i, jsonb_array_elements_text(i.topic_ids) as t(topic)
            where i.unit_id = ${unitId} and i.published_at >= ${query.from}::timestamptz and i.published_at < ${query.to}::timestamptz
            group by t.topic, day order by day, key`,
      );
    // The same answer both ways before timing: items per topic over the period.
    const trend = await fromRollups();
    const itemsByTopic = new Map<string, number>();
    for (const r of await fromItems()) itemsByTopic.set(r.key, (itemsByTopic.get(r.key) ?? 0) + Number(r.items));
    // The rollup answer covers whole days; the items query the exact period: compare the inner days.
    const inner = (points: { at: string; items: number }[]) => points.slice(1, -1).reduce((n, p) => n + p.items, 0);
    const innerFrom = new Date(trend.buckets[1] ?? query.from);
    const innerTo = new Date(trend.buckets.at(-1) ?? query.to);
    const check = await queryRows<{ key: string; items: number }>(
      ctx.db,
      sql`select t.topic as key, count(*)::int as items from listening_items i, jsonb_array_elements_text(i.topic_ids) as t(topic)
          where i.unit_id = ${unitId} and i.published_at >= ${innerFrom.toISOString()}::timestamptz and i.published_at < ${innerTo.toISOString()}::timestamptz group by 1`,
    );
    const mismatches = check.filter((r) => inner(trend.series.find((s) => s.key === r.key)?.points ?? []) !== Number(r.items));
    if (mismatches.length > 0 || itemsByTopic.size !== trend.series.length) throw new Error(`rollups and items disagree: ${JSON.stringify(mismatches.slice(0, 3))}`);

    const time = async (fn: () => Promise<unknown>, runs: number) => {
      const out: number[] = [];
      await fn();
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await fn();
        out.push(performance.now() - s);
      }
      return out;
    };
    const rollupMs = await time(fromRollups, 50);
    const itemsMs = await time(fromItems, 7);
    const summary = {
      bench: 'insights-trend',
      metric: `90-day trend by topic, day buckets (Asia/Jakarta), ${TREND_ITEMS} items on PostgreSQL: rollups vs count(*) over the items`,
      items: TREND_ITEMS,
      insertSeconds: Math.round(insertSeconds),
      rollupBuildItemsPerSecond: Math.round(TREND_ITEMS / rebuildSeconds),
      rollupP50Ms: ms(rollupMs, 50),
      rollupP95Ms: ms(rollupMs, 95),
      countStarP50Ms: ms(itemsMs, 50),
      countStarP95Ms: ms(itemsMs, 95),
      speedupAtP95: Number((percentile(itemsMs, 95) / percentile(rollupMs, 95)).toFixed(1)),
    };
    console.log(JSON.stringify(summary));
    return summary;
  } finally {
    await database.close();
    await fresh.drop();
  }
}

// ——— upkeep: ingest with and without insights ——————————————————————————————————————

async function ingestOnce(label: string, database: Database, natsUrl: string | undefined, withInsights: boolean): Promise<number> {
  const { ctx, unitId } = await workspace(database);
  const prefix = `bench_upkeep_${randomBytes(3).toString('hex')}`;
  // The bus production runs on this tier: JetStream next to PostgreSQL, in-process when embedded.
  const bus = natsUrl ? await createNatsBus({ url: natsUrl, prefix, instanceId: 'bench-upkeep' }) : createInProcessBus();
  const dispatcher = createOutboxDispatcher({ db: ctx.db, bus, pollMs: 50 });
  const runCtx = { ...ctx, notifyOutbox: () => dispatcher.notify() };
  if (withInsights) await startInsightsUpkeep(runCtx, bus);
  dispatcher.start();
  const source = await insertSource(ctx.db, { unitId, connector: 'import', name: 'bench upkeep', status: 'paused' });
  const stream = await openIngestStream({ db: ctx.db, natsUrl, prefix, instanceId: 'bench' });
  const worker = startListeningWorker(runCtx, stream, { workerId: 'bench-upkeep' });
  const items = Array.from({ length: UPKEEP_ITEMS }, (_, i) => ({ remoteId: `u-${i}`, text: textOf(i), publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() }));
  const started = performance.now();
  for (let i = 0; i < items.length; i += 1000) {
    await stream.waitForRoom();
    await ctx.db.transaction((tx) => stream.append(tx, items.slice(i, i + 1000).map((item) => ({ sourceId: source.id, unitId, item }))));
  }
  for (;;) {
    const [row] = await queryRows<{ items: number; facts: number }>(
      ctx.db,
      sql`select (select count(*)::int from listening_items where source_id = ${source.id}) as items, (select count(*)::int from insights_item_facts) as facts`,
    );
    if ((row?.items ?? 0) >= items.length && (!withInsights || (row?.facts ?? 0) >= items.length)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const rate = items.length / ((performance.now() - started) / 1000);
  await worker.stop();
  await stream.close?.();
  await dispatcher.stop();
  await bus.close();
  if (natsUrl) await deleteNatsStreams(natsUrl, prefix);
  console.error(`  upkeep ${label}, insights ${withInsights ? 'on' : 'off'}: ${Math.round(rate)} items/s`);
  return rate;
}

async function deleteNatsStreams(natsUrl: string, prefix: string): Promise<void> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  for (const s of ['ingest', 'events']) await jsm.streams.delete(`${prefix}_${s}`).catch(() => undefined);
  await nc.close();
}

async function benchUpkeep(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const tiers: [string, () => Promise<{ database: Database; done(): Promise<void> }>, string | undefined][] = [
    ['pglite', async () => ({ database: await openDatabase({ dataDir: undefined }), done: async () => undefined }), undefined],
    [
      'postgres+nats',
      async () => {
        const fresh = await freshPostgres('upkeep');
        return { database: await openDatabase({ url: fresh.url, poolSize: 5 }), done: fresh.drop };
      },
      NATS_URL,
    ],
  ];
  for (const [label, open, natsUrl] of tiers) {
    // Off, on, off, on: each on a fresh database; the ratio uses the better of each pair.
    const rates: Record<'off' | 'on', number[]> = { off: [], on: [] };
    try {
      for (const on of [false, true, false, true]) {
        const { database, done } = await open();
        try {
          rates[on ? 'on' : 'off'].push(await ingestOnce(label, database, natsUrl, on));
        } finally {
          await database.close();
          await done();
        }
      }
    } catch (err) {
      console.error(`  upkeep on ${label} not measured: ${(err as Error).message}`);
      continue;
    }
    const off = Math.max(...rates.off);
    const onRate = Math.max(...rates.on);
    const summary = {
      bench: 'insights-upkeep',
      tier: label,
      metric: `items/s from the ingest stream into storage, ${UPKEEP_ITEMS} items, with insights' rollup upkeep (and alert evaluation) vs without`,
      offItemsPerSecond: Math.round(off),
      onItemsPerSecond: Math.round(onRate),
      insightsCostPercent: Number(((1 - onRate / off) * 100).toFixed(1)),
    };
    console.log(JSON.stringify(summary));
    out.push(summary);
  }
  return out;
}

// ——— alert latency ———————————————————————————————————————————————————————————

async function alertLatency(label: string, database: Database, natsUrl: string | undefined): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-alerts-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost:8080',
    LOG_LEVEL: 'silent',
    API_RATE_PER_MINUTE: '10000000',
    PUBLIC_RATE_PER_MINUTE: '10000000',
    DATA_DIR: dataDir,
    // Production refuses a passphrase-like secret: a random one, as an operator would generate.
    DIPLODESK_SECRET: randomBytes(32).toString('base64'),
    DIPLODESK_ADMIN_EMAIL: 'bench@diplodesk.local',
    DIPLODESK_ADMIN_PASSWORD: 'bench password 0123',
    DIPLODESK_SERVICES: 'web,realtime,worker',
    WEB_DIST: '/nonexistent',
  });
  await database.migrate();
  const prefix = `bench_alerts_${randomBytes(3).toString('hex')}`;
  // The bus production runs on this tier: JetStream next to PostgreSQL, in-process when embedded.
  const bus = natsUrl ? await createNatsBus({ url: natsUrl, prefix, instanceId: 'bench-alerts' }) : createInProcessBus();
  const dispatcher = createOutboxDispatcher({ db: database.db, bus, pollMs: 50 });
  const stream = natsUrl ? await openIngestStream({ db: database.db, natsUrl, prefix, instanceId: 'bench-alerts' }) : undefined;
  const { app, ctx, ingestStream } = await buildApp({ config, database, bus, logger: pino({ level: 'silent' }), notifyOutbox: () => dispatcher.notify(), ...(stream ? { ingestStream: stream } : {}) });
  await initialiseWorkspace(ctx);
  dispatcher.start();
  const worker = startListeningWorker(ctx, ingestStream, { workerId: 'bench-alerts' });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const root = await findRootUnit(ctx.db);
  const unitId = root?.id ?? '';

  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@diplodesk.local', password: 'bench password 0123' }) });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const cookie = cookies.join('; ');
  const csrf = cookies.find((c) => c.startsWith('dd_csrf='))?.slice('dd_csrf='.length) ?? '';

  // One source per trial, each watched by a threshold rule: 40 items in the hour fire it.
  const background = await insertSource(ctx.db, { unitId, connector: 'import', name: 'bench background', status: 'paused' });
  const trials: { sourceId: string; ruleId: string }[] = [];
  for (let t = 0; t < ALERT_TRIALS; t++) {
    const source = await insertSource(ctx.db, { unitId, connector: 'import', name: `bench spike ${t}`, status: 'paused' });
    const res = await fetch(`${base}/api/v1/insights/alert-rules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: base, 'x-csrf-token': csrf },
      body: JSON.stringify({ unitId, name: `Spike ${t}`, kind: 'threshold', dimension: 'source', key: source.id, threshold: 40, bucket: 'hour', coolDownMinutes: 0 }),
    });
    if (res.status !== 201) throw new Error(`alert rule: ${res.status} ${await res.text()}`);
    trials.push({ sourceId: source.id, ruleId: ((await res.json()) as { id: string }).id });
  }

  const raisedAt = new Map<string, number>();
  const pongs: number[] = [];
  let pingAt = 0;
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/live`, { headers: { cookie, origin: base } });
  socket.on('message', (raw) => {
    const now = performance.now();
    const msg = JSON.parse(String(raw)) as { type: string; event?: { type: string; data: { ruleId?: string } } };
    if (msg.type === 'pong') pongs.push(now - pingAt);
    else if (msg.type === 'event' && msg.event?.type === 'insights.alert-raised' && msg.event.data.ruleId && !raisedAt.has(msg.event.data.ruleId)) raisedAt.set(msg.event.data.ruleId, now);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  for (let i = 0; i < 50; i++) {
    pingAt = performance.now();
    socket.send(JSON.stringify({ type: 'ping' }));
    await new Promise((r) => setTimeout(r, 20));
  }

  // ALERT_RATE items/s in 100 ms ticks; during a trial half of each tick is the spike's source.
  const perTick = Math.round(ALERT_RATE / 10);
  let n = 0;
  const latencies: number[] = [];
  const started = performance.now();
  let tick = 0;
  const offer = async (spikeSource: string | null) => {
    const entries: StreamEntry[] = [];
    for (let k = 0; k < perTick; k++, n++) {
      const sourceId = spikeSource && k % 2 === 0 ? spikeSource : background.id;
      entries.push({ sourceId, unitId, item: { remoteId: `a-${n}`, text: textOf(n), publishedAt: new Date().toISOString() } });
    }
    await ctx.db.transaction((tx) => ingestStream.append(tx, entries));
    tick += 1;
    await new Promise((r) => setTimeout(r, Math.max(0, started + tick * 100 - performance.now())));
  };
  for (let i = 0; i < 20; i++) await offer(null);
  for (const trial of trials) {
    const first = performance.now();
    const deadline = first + 30_000;
    while (!raisedAt.has(trial.ruleId) && performance.now() < deadline) await offer(trial.sourceId);
    const at = raisedAt.get(trial.ruleId);
    if (at !== undefined) latencies.push(at - first);
    // A second between spikes, at the same background rate.
    for (let i = 0; i < 10; i++) await offer(null);
  }
  const offeredRate = n / ((performance.now() - started) / 1000);

  socket.close();
  await worker.stop();
  await app.close();
  await dispatcher.stop();
  await bus.close();
  if (stream && natsUrl) {
    await stream.close?.();
    await deleteNatsStreams(natsUrl, prefix);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  const summary = {
    bench: 'insights-alert-latency',
    tier: label,
    metric: `ms from a spike's first item entering the ingest stream to insights.alert-raised on the WebSocket, ${ALERT_RATE} items/s offered`,
    trials: ALERT_TRIALS,
    alerted: latencies.length,
    offeredItemsPerSecond: Math.round(offeredRate),
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    maxMs: Math.round(Math.max(0, ...latencies)),
    pingPongP95Ms: Number(percentile(pongs, 95).toFixed(2)),
  };
  console.log(JSON.stringify(summary));
  return summary;
}

async function benchAlertLatency(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const embeddedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-alerts-db-'));
  const embedded = await openDatabase({ dataDir: embeddedDir });
  try {
    out.push(await alertLatency('embedded', embedded, undefined));
  } finally {
    await embedded.close();
    fs.rmSync(embeddedDir, { recursive: true, force: true });
  }
  try {
    const fresh = await freshPostgres('alerts');
    const database = await openDatabase({ url: fresh.url, poolSize: 8 });
    try {
      out.push(await alertLatency('postgres+nats', database, NATS_URL));
    } finally {
      await database.close();
      await fresh.drop();
    }
  } catch (err) {
    console.error(`  alert latency on PostgreSQL + NATS not measured: ${(err as Error).message}`);
  }
  return out;
}

export async function benchInsights(): Promise<unknown> {
  const parts = (process.env.BENCH_INSIGHTS ?? 'upkeep,alerts,trend').split(',');
  const out: unknown[] = [];
  if (parts.includes('upkeep')) out.push(await benchUpkeep());
  if (parts.includes('alerts')) out.push(await benchAlertLatency());
  if (parts.includes('trend')) out.push(await benchTrend());
  return out;
}
