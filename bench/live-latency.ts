// Latency from an item entering the ingest stream to its arrival on a live-stream WebSocket client
// (`/api/v1/listening/live`, subscribed to everything): stream → worker (analysis, storage) →
// outbox → bus → live hub → socket. 1,000 items/s are offered on the embedded database and on
// PostgreSQL + NATS JetStream; where a tier stores fewer than that, latency only grows with the
// backlog, so the embedded tier is measured again at a rate it sustains (BENCH_LIVE_SUSTAINED).
// The floor in the same process is a WebSocket ping/pong on the same connection.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { buildApp } from '../server/src/app.ts';
import { findRootUnit, initialiseWorkspace } from '../server/src/domains/identity/index.ts';
import { insertSource, openIngestStream, type StreamEntry, startListeningWorker } from '../server/src/domains/listening/index.ts';
import { loadConfig } from '../server/src/platform/config/config.ts';
import { type Database, openDatabase } from '../server/src/platform/db/index.ts';
import { createInProcessBus, createOutboxDispatcher } from '../server/src/platform/events/index.ts';
import { freshPostgres, NATS_URL, percentile } from './support.ts';

const RATE = Number(process.env.BENCH_LIVE_RATE ?? 1000);
const SUSTAINED = Number(process.env.BENCH_LIVE_SUSTAINED ?? 300);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 15);
const TICK_MS = 100;

const sentences = [
  'Nelayan di Natuna melaporkan kapal asing di perairan Indonesia.',
  'Japan and Australia agree to expand maritime security cooperation in the Pacific.',
  'Kementerian Luar Negeri menyambut baik kesepakatan perikanan regional.',
  'Cyber attacks on government websites rose sharply this month, officials said.',
];

type Tier = { label: string; database: Database; natsUrl?: string; cleanup(): Promise<void> };

async function embeddedTier(dataDir: string): Promise<Tier> {
  return { label: 'embedded', database: await openDatabase({ dataDir }), cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

async function postgresNatsTier(): Promise<Tier> {
  const fresh = await freshPostgres('live');
  return { label: 'postgres+nats', database: await openDatabase({ url: fresh.url, poolSize: 8 }), natsUrl: NATS_URL, cleanup: fresh.drop };
}

export async function benchLiveLatency(): Promise<Record<string, unknown>[]> {
  const results: Record<string, unknown>[] = [];
  const runs: [() => Promise<Tier>, number][] = [
    [() => embeddedTier(fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-live-'))), RATE],
    [() => embeddedTier(fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-live-'))), SUSTAINED],
    [postgresNatsTier, RATE],
  ];
  for (const [open, rate] of runs) {
    let tier: Tier;
    try {
      tier = await open();
    } catch (err) {
      console.error(`  live latency: tier not measured: ${(err as Error).message}`);
      continue;
    }
    try {
      results.push(await measure(tier, rate));
    } finally {
      await tier.cleanup();
    }
  }
  return results;
}

async function measure(tier: Tier, rate: number): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'diplodesk-bench-live-cfg-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'http://localhost:8080',
    LOG_LEVEL: 'silent',
    // One client at full speed: the per-caller limits run on every request but must not refuse.
    API_RATE_PER_MINUTE: '10000000',
    PUBLIC_RATE_PER_MINUTE: '10000000',
    DATA_DIR: dataDir,
    DIPLODESK_ADMIN_EMAIL: 'bench@diplodesk.local',
    DIPLODESK_ADMIN_PASSWORD: 'bench password 0123',
    DIPLODESK_SERVICES: 'web,realtime,worker',
    WEB_DIST: '/nonexistent',
  });
  const { database } = tier;
  await database.migrate();
  const bus = createInProcessBus();
  const dispatcher = createOutboxDispatcher({ db: database.db, bus, pollMs: 50 });
  const prefix = `bench_live_${randomBytes(3).toString('hex')}`;
  const stream = tier.natsUrl ? await openIngestStream({ db: database.db, natsUrl: tier.natsUrl, prefix, instanceId: 'bench-live' }) : undefined;
  const { app, ctx, ingestStream } = await buildApp({ config, database, bus, logger: pino({ level: 'silent' }), notifyOutbox: () => dispatcher.notify(), ...(stream ? { ingestStream: stream } : {}) });
  await initialiseWorkspace(ctx);
  dispatcher.start();
  const worker = startListeningWorker(ctx, ingestStream, { workerId: 'bench-live' });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const root = await findRootUnit(ctx.db);
  const source = await insertSource(ctx.db, { unitId: root?.id ?? '', connector: 'import', name: 'bench live', status: 'paused' });

  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@diplodesk.local', password: 'bench password 0123' }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/listening/live`, { headers: { cookie, origin: base } });
  const enteredAt = new Map<string, number>();
  const latencies: number[] = [];
  const pongs: number[] = [];
  let pingAt = 0;
  let subscribed: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  socket.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as { type: string; items?: { externalId: string }[] };
    const now = performance.now();
    if (msg.type === 'ready') socket.send(JSON.stringify({ type: 'subscribe', query: {} }));
    else if (msg.type === 'subscribed') subscribed();
    else if (msg.type === 'pong') pongs.push(now - pingAt);
    else if (msg.type === 'items') {
      for (const item of msg.items ?? []) {
        const at = enteredAt.get(item.externalId);
        if (at !== undefined) latencies.push(now - at);
      }
    }
  });
  await ready;

  // The floor: ping/pong on the same socket before the load starts.
  for (let i = 0; i < 50; i++) {
    pingAt = performance.now();
    socket.send(JSON.stringify({ type: 'ping' }));
    await new Promise((r) => setTimeout(r, 20));
  }

  const perTick = Math.round((rate * TICK_MS) / 1000);
  const ticks = Math.round((SECONDS * 1000) / TICK_MS);
  let n = 0;
  const started = performance.now();
  for (let tick = 0; tick < ticks; tick++) {
    const entries: StreamEntry[] = [];
    const now = performance.now();
    for (let k = 0; k < perTick; k++, n++) {
      const remoteId = `live-${n}`;
      enteredAt.set(remoteId, now);
      entries.push({ sourceId: source.id, unitId: source.unitId, item: { remoteId, text: `${sentences[n % sentences.length]} ${sentences[(n * 3 + 1) % sentences.length]} (${n})`, publishedAt: new Date().toISOString() } });
    }
    await ctx.db.transaction((tx) => ingestStream.append(tx, entries));
    const next = started + (tick + 1) * TICK_MS;
    await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
  }
  const appendSeconds = (performance.now() - started) / 1000;
  const deadline = Date.now() + 120_000;
  while (latencies.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

  socket.close();
  await worker.stop();
  await app.close();
  await dispatcher.stop();
  await bus.close();
  if (stream && tier.natsUrl) {
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    await stream.close?.();
    const nc = await connect({ servers: tier.natsUrl });
    await (await jetstreamManager(nc)).streams.delete(`${prefix}_ingest`).catch(() => undefined);
    await nc.close();
  }
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const summary = {
    bench: 'live-latency',
    tier: tier.label,
    metric: `ms from ingest-stream append to WebSocket arrival, ${rate} items/s offered for ${SECONDS} s`,
    appended: n,
    offeredItemsPerSecond: Math.round(n / appendSeconds),
    received: latencies.length,
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    p99Ms: Math.round(percentile(latencies, 99)),
    pingPongP95Ms: Number(percentile(pongs, 95).toFixed(2)),
  };
  console.log(JSON.stringify(summary));
  return summary;
}
