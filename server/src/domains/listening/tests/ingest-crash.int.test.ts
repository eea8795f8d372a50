// The ingest crash test: DiploDesk's runtime (worker role) imports a file of N items through the
// ingest stream while it is SIGKILLed at seeded random moments and started again; at the end
// exactly N items are stored, each external id once, and the stream is empty. `npm test` runs
// 20,000 items (the same 8 kills, each landing while work is in flight); `npm run soak` runs the
// full 100,000 (INGEST_CRASH_ITEMS) on both tiers — see docs/testing.md.
// On the embedded tier the stream is the staging table in a PGlite data directory; on the
// PostgreSQL tier (TEST_NATS=1) it is NATS JetStream with a durable consumer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { type Database, openDatabase, queryRows } from '../../../platform/db/index.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { type CrashChild, seededRandom, startCrashChild, waitForStatus } from '../../../test/crash-harness.ts';
import { freePort } from '../../../test/server-process.ts';
import { createTestDatabase, type TestDatabase, testDatabaseKind } from '../../../test/test-db.ts';
import { findRootUnit, initialiseWorkspace } from '../../identity/index.ts';
import { createPlatformContext } from '../../../platform/context.ts';
import { loadConfig } from '../../../platform/config/config.ts';
import pino from 'pino';
import { pollSourceJob } from '../jobs/poll-source.job.ts';
import { insertSource } from '../listening.repo.ts';
import { listeningSources } from '../listening.tables.ts';
import { eq } from 'drizzle-orm';

const ITEMS = Number(process.env.INGEST_CRASH_ITEMS ?? 20_000);
const KILLS = Number(process.env.INGEST_CRASH_KILLS ?? 8);
const SEED = Number(process.env.INGEST_CRASH_SEED ?? 20261125);
const nats = process.env.TEST_NATS === '1' ? { url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', prefix: `crash_${process.pid}_${Date.now().toString(36)}` } : null;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-ingest-crash-'));
let child: CrashChild | null = null;
let pgDatabase: TestDatabase | null = null;

afterAll(async () => {
  await child?.kill();
  await pgDatabase?.drop();
  if (nats) {
    const nc = await connect({ servers: nats.url });
    const jsm = await jetstreamManager(nc);
    for (const s of ['events', 'ingest']) await jsm.streams.delete(`${nats.prefix}_${s}`).catch(() => undefined);
    await nc.close();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

const idWords = ['Kementerian', 'Luar', 'Negeri', 'menyambut', 'kesepakatan', 'perikanan', 'regional', 'nelayan', 'Natuna', 'kapal', 'bantuan', 'banjir', 'vaksin', 'kerja', 'sama', 'maritim', 'perdagangan', 'investasi', 'iklim', 'energi'];
const enWords = ['ministry', 'welcomes', 'agreement', 'fisheries', 'regional', 'fishermen', 'vessel', 'flood', 'relief', 'vaccines', 'cooperation', 'maritime', 'security', 'trade', 'investment', 'climate', 'energy', 'summit', 'Jakarta', 'Tokyo'];

/** N distinct posts (two languages, 150–280 characters); every 40th retells an earlier one with one word changed. */
function writeItems(file: string, count: number): void {
  const random = seededRandom(SEED);
  const out = fs.openSync(file, 'w');
  const texts: string[] = [];
  let buffer = '';
  for (let i = 1; i <= count; i++) {
    let text: string;
    if (i % 40 === 0 && texts.length > 10) {
      const original = texts[Math.floor(random() * texts.length)] ?? '';
      text = `${original.replace(/\d+$/, '')}${i}`;
    } else {
      const words = i % 2 === 0 ? idWords : enWords;
      const parts: string[] = [];
      while (parts.join(' ').length < 150 + random() * 120) parts.push(words[Math.floor(random() * words.length)] ?? '');
      text = `${parts.join(' ')} ${i}`;
      if (texts.length < 5000) texts.push(text);
    }
    buffer += `${JSON.stringify({ id: `item-${i}`, text, published_at: new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString() })}\n`;
    if (buffer.length > 1_000_000) {
      fs.writeSync(out, buffer);
      buffer = '';
    }
  }
  fs.writeSync(out, buffer);
  fs.closeSync(out);
}

function childEnv(sourceId: string): Record<string, string> {
  const env: Record<string, string> = {
    DIPLODESK_SERVICES: 'worker',
    DIPLODESK_DEMO: '0',
    DIPLODESK_SECRET: 'ingest-crash-test-secret-0123456789abcdef',
    LOG_LEVEL: 'error',
    JOB_POLL_MS: '50',
    // A killed worker's poll job and stream batch pass to the next process as it starts (the killed
    // one is provably gone); on NATS the stream's batch after its ack wait, 5 s here, not a minute.
    JOB_LEASE_MS: '5000',
    // Below the soak's size, batches of 200: a run is killed within a batch or two of its target,
    // where 500-item batches (and the status waiting behind their transactions on the embedded
    // database's one connection) let a quick restart store the whole rest of the file before its kill.
    INGEST_BATCH_SIZE: ITEMS < 100_000 ? '200' : '500',
    CRASH_SOURCE_ID: sourceId,
    DATA_DIR: path.join(work, 'data'),
  };
  if (pgDatabase?.url) env.DATABASE_URL = pgDatabase.url;
  if (nats) Object.assign(env, { NATS_URL: nats.url, NATS_STREAM_PREFIX: nats.prefix });
  return env;
}

type Status = { items: number; queued: number; cursor: string | null };

/** Creates the workspace and an active import source for the file, with its first poll queued. */
async function prepare(db: Database['db'], file: string): Promise<string> {
  const ctx = createPlatformContext(loadConfig({ DIPLODESK_SECRET: 'ingest-crash-test-secret-0123456789abcdef', DATA_DIR: path.join(work, 'data') }), { db, kind: testDatabaseKind === 'postgres' ? 'postgres' : 'embedded' } as Database, pino({ level: 'silent' }));
  await initialiseWorkspace(ctx);
  const root = await findRootUnit(db);
  if (!root) throw new Error('no organisation');
  const at = new Date();
  const source = await insertSource(db, {
    unitId: root.id,
    connector: 'import',
    name: 'Crash-test import',
    status: 'active',
    intervalSeconds: 60,
    nextPollAt: at,
    config: { path: file, format: 'jsonl', mapping: JSON.stringify({ remoteId: 'id', text: 'text', publishedAt: 'published_at' }) },
  });
  await db.transaction((tx) => enqueueJob(tx, pollSourceJob, { sourceId: source.id, at: at.toISOString() }, { runAt: at, idempotencyKey: `crash:${source.id}` }));
  return source.id;
}

async function openForCheck(): Promise<Database> {
  if (pgDatabase) return pgDatabase;
  return openDatabase({ dataDir: path.join(work, 'data') });
}

it(`stores exactly ${ITEMS} items through ${KILLS} SIGKILLs (${nats ? 'PostgreSQL + NATS JetStream' : testDatabaseKind})`, { timeout: 900_000 }, async () => {
  const file = path.join(work, 'items.jsonl');
  writeItems(file, ITEMS);
  let sourceId: string;
  if (testDatabaseKind === 'postgres') {
    pgDatabase = await createTestDatabase();
    sourceId = await prepare(pgDatabase.db, file);
  } else {
    const db = await openDatabase({ dataDir: path.join(work, 'data') });
    await db.migrate();
    sourceId = await prepare(db.db, file);
    await db.close();
  }

  const random = seededRandom(SEED + 1);
  // At most half the file is stored before the last kill, so each kill finds work still to do. A
  // run stores whole batches and the status answers between the worker's transactions, so a run
  // stores more than its target before it is killed: with 500-item batches, 1,000–3,500 items, and
  // the last kill landed after the end of 20,000 once a restarted worker took its predecessor's
  // leases at once (ADR 0026); hence 200-item batches here.
  const killSpan = Math.max(1, Math.min(5900, Math.floor(ITEMS / 2 / KILLS) - 100));
  const started = Date.now();
  const killedAt: number[] = [];
  for (let k = 0; k <= KILLS; k++) {
    // The parent's TEST_DATABASE / TEST_NATS are not the child's: it is told its database and NATS directly.
    child = await startCrashChild(path.join(import.meta.dirname, 'ingest-crash-child.ts'), { ...childEnv(sourceId), TEST_DATABASE: '', TEST_NATS: '' }, await freePort());
    if (k < KILLS) {
      // Kill while work is in flight: once this run has stored a random number of new items
      // (100–6,000 at 100,000 items; scaled down for smaller files so that every kill still lands
      // before the end), then 0–400 ms later — during a poll, an append, an analysis or a commit.
      const from = (await child.status<Status>())?.items ?? 0;
      const target = Math.min(ITEMS - 1, from + 100 + Math.floor(random() * killSpan));
      await waitForStatus<Status>(child, (s) => s.items >= target, `${target} items stored`, 120_000, 20);
      await new Promise((r) => setTimeout(r, random() * 400));
      const before = await child.status<Status>();
      await child.kill();
      killedAt.push(before?.items ?? -1);
      continue;
    }
    // The last run goes to the end.
    await waitForStatus<Status>(child, (s) => s.items >= ITEMS && s.queued === 0, 'every item stored', 600_000);
    // Give a duplicate (there must be none) the chance to land before the count.
    await new Promise((r) => setTimeout(r, 1500));
    await child.kill();
  }
  const seconds = (Date.now() - started) / 1000;

  const database = await openForCheck();
  try {
    const [counts] = await queryRows<{ items: number; distinct_ids: number; queued: number; clustered: number }>(
      database.db,
      sql`select (select count(*)::int from listening_items where source_id = ${sourceId}) as items,
                 (select count(distinct external_id)::int from listening_items where source_id = ${sourceId}) as distinct_ids,
                 (select count(*)::int from listening_ingest_queue) as queued,
                 (select count(*)::int from listening_items where source_id = ${sourceId} and cluster_id <> id) as clustered`,
    );
    const [source] = await database.db.select().from(listeningSources).where(eq(listeningSources.id, sourceId));
    let natsBacklog = 0;
    if (nats) {
      const nc = await connect({ servers: nats.url });
      natsBacklog = (await (await jetstreamManager(nc)).streams.info(`${nats.prefix}_ingest`)).state.messages;
      await nc.close();
    }
    console.info(JSON.stringify({ tier: nats ? 'postgres+nats' : testDatabaseKind, items: counts?.items, kills: KILLS, storedAtEachKill: killedAt, seconds: Math.round(seconds), itemsPerSecondIncludingRestarts: Math.round(ITEMS / seconds), nearDuplicatesJoined: counts?.clustered }));
    expect(counts?.items).toBe(ITEMS);
    expect(counts?.distinct_ids).toBe(ITEMS);
    expect(counts?.queued).toBe(0);
    expect(natsBacklog).toBe(0);
    expect(source?.health.lastError ?? null).toBeNull();
    // The kills landed while work was in flight: each run had stored more than the one before.
    expect(killedAt.every((n, i) => n > (i === 0 ? 0 : (killedAt[i - 1] ?? 0)) && n < ITEMS)).toBe(true);
    expect(counts?.clustered).toBeGreaterThan(0);
  } finally {
    if (!pgDatabase) await database.close();
  }
});
