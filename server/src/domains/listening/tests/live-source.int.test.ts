// A Mastodon hashtag followed live: the poll job runs streaming sessions against the Mastodon
// fake's streaming API, each batch is appended to the ingest stream with the source's cursor,
// and sessions reconnect (backfilling from the cursor) without losing or doubling a status.
import { type MastodonFake, startFake } from '@diplodesk/connector-mastodon/fake';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtInConnectors, createConnectorRegistry } from '../../../platform/connectors/index.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { listeningJobs } from '../index.ts';

let t: TestApp;
let fake: MastodonFake;
let analyst: Client;
let runner: JobRunner;

async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  fake = await startFake();
  t = await createTestApp();
  const connectors = createConnectorRegistry(builtInConnectors(), fake.env, t.ctx.outbound);
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(listeningJobs(t.ctx, connectors, t.ingestStream, { streamSessionMs: 1500 })), workerId: 'live-test', pollMs: 50, concurrency: 2 });
  runner.start();
  t.startIngestWorker();
  const a = await buildUser(t.ctx, { role: 'analyst' });
  analyst = await signInAs(t.app, a.email, testPassword);
  await signInAs(t.app, adminEmail, adminPassword);
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
  await fake?.close();
});

it('follows a hashtag over the streaming API across session reconnects, each status stored once', async () => {
  const unitId = ((await analyst.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)?.id ?? '';
  fake.listening.postStatus({ text: 'Sebelum pemantauan dimulai #kemlu', author: 'budi' });
  const created = await analyst.post('/api/v1/listening/sources', { unitId, connector: 'mastodon', name: '#kemlu live', config: { instanceUrl: fake.baseUrl, hashtag: 'kemlu' }, intervalSeconds: 300, tags: [] });
  expect(created.statusCode, created.body).toBe(201);
  const sourceId = created.json().id as string;
  const stored = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from listening_items where source_id = ${sourceId}`))[0]?.n ?? 0;

  await eventually(() => Promise.resolve(fake.listening.openStreams() === 1), 'the streaming connection');
  const posted = [];
  for (let i = 0; i < 6; i++) {
    posted.push(fake.listening.postStatus({ text: `Kabar langsung nomor ${i} tentang kerja sama maritim Indonesia dan Jepang #kemlu`, author: `akun${i}`, language: 'id' }));
    await new Promise((r) => setTimeout(r, 400));
  }
  // Six statuses over 2.4 s span at least one session end (1.5 s) and its reconnect.
  await eventually(async () => (await stored()) >= 6, 'the streamed statuses');
  await new Promise((r) => setTimeout(r, 2000));
  const rows = await queryRows<{ external_id: string }>(t.ctx.db, sql`select external_id from listening_items where source_id = ${sourceId}`);
  const ids = rows.map((r) => r.external_id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const p of posted) expect(ids).toContain(p.uri);
  const source = (await analyst.get(`/api/v1/listening/sources/${sourceId}`)).json();
  expect(source.health).toMatchObject({ consecutiveFailures: 0, lastError: null });
  expect(source.health.lastSuccessAt).toBeTruthy();
});
