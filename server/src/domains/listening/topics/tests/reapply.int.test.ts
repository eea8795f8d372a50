import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../../test/factories.ts';
import { type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { createAnalyser } from '../../analyse-item.ts';
import { ingestBatch } from '../../commands/ingest-batch.ts';
import { insertSource } from '../../listening.repo.ts';
import { seedListeningTopics } from '../commands/seed-topics.ts';
import { createReapplyTopicsJob } from '../reapply-topics.job.ts';
import { findOrganisationId } from '../taxonomy.repo.ts';
import { createTopicModelCache } from '../topic-models.ts';

let t: TestApp;
let analyst: Client;
let runner: JobRunner;

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
const topicIdsOf = async (externalId: string) => (await queryRows<{ ids: string[] }>(t.database.db, sql`select topic_ids as ids from listening_items where external_id = ${externalId}`))[0]?.ids;
const status = async () => (await analyst.get('/api/v1/listening/topics/reapply')).json() as { state: string; done: number; total: number; period: string | null; startedAt: string | null; finishedAt: string | null };

async function eventually<T>(probe: () => Promise<T | false | null | undefined>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await seedListeningTopics(t.ctx);
  analyst = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst' })).email, testPassword);
  const source = await insertSource(t.ctx.db, { unitId: (await findOrganisationId(t.ctx.db)) ?? '', connector: 'import', name: 'Reapply items', status: 'paused', config: {} });
  // Seven recent items that the seeded keywords do not tie to maritime affairs, and one older.
  const recent = ['Nelayan tradisional di Natuna Utara mengeluhkan hasil tangkapan', 'Nelayan Bitung meminta bantuan solar', 'Harga ikan naik, nelayan senang', 'Para nelayan libur melaut saat cuaca buruk', 'Koperasi nelayan menerima bantuan', 'Nelayan muda belajar navigasi', 'Festival tahunan para nelayan digelar meriah di pantai Bali minggu ini'];
  await ingestBatch(t.ctx, await createAnalyser(), source, [
    ...recent.map((text, i) => ({ remoteId: `r${i}`, text, language: 'id', publishedAt: daysAgo(1 + i) })),
    { remoteId: 'old', text: 'Nelayan lama bercerita tentang laut', language: 'id', publishedAt: daysAgo(60) },
  ]);
  // A small batch size, so one run is a chain of several jobs.
  const job = createReapplyTopicsJob({ batchSize: 3, models: createTopicModelCache() });
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry([job]), workerId: 'reapply-test', pollMs: 50 });
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
});

describe('re-applying topics to stored items', () => {
  it('re-classifies the period in batches with visible progress, and leaves older items alone', async () => {
    expect(await status()).toMatchObject({ state: 'idle', done: 0, total: 0 });
    expect(await topicIdsOf('r0')).not.toContain('fisheries');
    const created = await analyst.post('/api/v1/listening/topics', { labels: { en: 'Fisheries', id: 'Perikanan' }, keywords: { id: ['nelayan'] } });
    expect(created.statusCode, created.body).toBe(201);

    const started = await analyst.post('/api/v1/listening/topics/reapply', { period: '30d' });
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ state: 'running', period: '30d', done: 0, total: 7 });
    // One run at a time.
    const second = await analyst.post('/api/v1/listening/topics/reapply', { period: '7d' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('listening-topic.reapply-running');

    // Batch by batch: the progress moves through the chain of jobs.
    expect(await runner.runOnce()).toBe(true);
    expect(await status()).toMatchObject({ state: 'running', done: 3, total: 7 });
    runner.start();
    const done = await eventually(async () => {
      const s = await status();
      return s.state === 'done' ? s : null;
    }, 'the run to finish');
    expect(done).toMatchObject({ done: 7, total: 7, period: '30d' });
    expect(done.finishedAt).toBeTruthy();
    for (let i = 0; i < 7; i++) expect(await topicIdsOf(`r${i}`)).toContain('fisheries');
    expect(await topicIdsOf('old')).not.toContain('fisheries');
    const [jobs] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from jobs where name = 'listening.reapply-topics@1' and status = 'completed'`);
    expect(Number(jobs?.n)).toBe(3);
    const [audit] = await queryRows<{ summary: Record<string, unknown> }>(t.database.db, sql`select summary from audit_log where action = 'listening-topics.reapplied'`);
    expect(audit?.summary).toMatchObject({ period: '30d', items: 7 });
    const [event] = await queryRows<{ data: Record<string, unknown> }>(t.database.db, sql`select data from outbox where type = 'listening.topics-reapplied'`);
    expect(event?.data).toMatchObject({ period: '30d', items: 7 });
  });

  it('drops an archived topic from the items it re-classifies; the count follows', async () => {
    const fisheries = ((await analyst.get('/api/v1/listening/topics')).json().items as { id: string; key: string; itemsLast30Days: number }[]).find((x) => x.key === 'fisheries');
    expect(fisheries?.itemsLast30Days).toBe(7);
    await analyst.post(`/api/v1/listening/topics/${fisheries?.id}/archive`);
    expect((await analyst.post('/api/v1/listening/topics/reapply', { period: '7d' })).statusCode).toBe(202);
    await eventually(async () => (await status()).state === 'done', 'the second run');
    const counts = new Map<string, number>();
    for (let i = 0; i < 7; i++) counts.set(`r${i}`, (await topicIdsOf(`r${i}`))?.includes('fisheries') ? 1 : 0);
    // Published 1…6 days ago: re-classified; 7 days ago: outside the period, keeps its topic.
    expect([...counts.values()]).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });
});
