import { DEFAULT_TAXONOMY } from '@diplodesk/analysis';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../../platform/db/index.ts';
import { buildUnit, buildUser, testPassword } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { createAnalyser } from '../../analyse-item.ts';
import { ingestBatch } from '../../commands/ingest-batch.ts';
import { insertSource } from '../../listening.repo.ts';
import { seedListeningTopics } from '../commands/seed-topics.ts';
import { findOrganisationId, loadTaxonomy, taxonomyVersion } from '../taxonomy.repo.ts';

let t: TestApp;
let admin: Client;
let analyst: Client;
let missionAnalyst: Client;
let editor: Client;
let viewer: Client;

type Topic = { id: string; key: string; labels: { en: string; id: string }; keywords: Record<string, string[]>; position: number; archivedAt: string | null; itemsLast30Days: number; policies: Record<string, boolean> };
const list = async (c: Client) => (await c.get('/api/v1/listening/topics')).json() as { items: Topic[]; policies: Record<string, boolean> };
const byKey = async (c: Client, key: string) => (await list(c)).items.find((x) => x.key === key) as Topic;
const auditOf = async (targetId: string) => ((await admin.get(`/api/v1/audit?targetId=${targetId}`)).json().items as { action: string; summary: Record<string, unknown> }[]);
const events = (type: string) => queryRows<{ data: Record<string, unknown> }>(t.database.db, sql`select data from outbox where type = ${type} order by seq`);

beforeAll(async () => {
  t = await createTestApp();
  await seedListeningTopics(t.ctx);
  await seedListeningTopics(t.ctx); // idempotent
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const mission = await buildUnit(t.ctx);
  const users = await Promise.all([buildUser(t.ctx, { role: 'analyst' }), buildUser(t.ctx, { role: 'analyst', unit: mission }), buildUser(t.ctx, { role: 'editor' }), buildUser(t.ctx, { role: 'viewer' })]);
  const clients = await Promise.all(users.map((u) => signInAs(t.app, u.email, testPassword)));
  [analyst, missionAnalyst, editor, viewer] = clients as [Client, Client, Client, Client];
  // Items of the last 30 days (and one older), analysed with the seeded taxonomy.
  const root = await findOrganisationId(t.ctx.db);
  const source = await insertSource(t.ctx.db, { unitId: root ?? '', connector: 'import', name: 'Topic test items', status: 'paused', config: {} });
  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  await ingestBatch(t.ctx, await createAnalyser(), source, [
    { remoteId: 'a', text: 'The navy patrols the strait near Natuna after a warship was seen.', publishedAt: daysAgo(1) },
    { remoteId: 'b', text: 'Coast guard vessels escort fishing boats in the exclusive economic zone.', publishedAt: daysAgo(3) },
    { remoteId: 'c', text: 'Vaccine doses reach hospitals in the Pacific.', publishedAt: daysAgo(2) },
    { remoteId: 'd', text: 'Navy ships visited the port last spring.', publishedAt: daysAgo(45) },
  ]);
});
afterAll(() => t?.close());

describe('seeding the taxonomy', () => {
  it('stores the default topics once, keyed by the default ids, in order, audited as seeded', async () => {
    const { items } = await list(analyst);
    expect(items.map((x) => x.key)).toEqual(DEFAULT_TAXONOMY.map((x) => x.id));
    expect(items.map((x) => x.position)).toEqual(DEFAULT_TAXONOMY.map((_, i) => i));
    expect(items.find((x) => x.key === 'health')?.labels).toEqual({ en: 'Health', id: 'Kesehatan' });
    const created = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where action = 'listening-topic.created' and (summary->>'seeded')::boolean`);
    expect(Number(created[0]?.n)).toBe(DEFAULT_TAXONOMY.length);
    expect((await events('listening.taxonomy-changed')).filter((e) => e.data.change === 'seeded')).toHaveLength(DEFAULT_TAXONOMY.length);
  });

  it('is idempotent on a workspace without the demo, and never brings back an archived topic', async () => {
    const plain = await createTestApp({ demo: false });
    try {
      await seedListeningTopics(plain.ctx);
      const org = (await findOrganisationId(plain.ctx.db)) ?? '';
      const first = await loadTaxonomy(plain.ctx.db, org);
      expect(first.taxonomy.map((x) => x.id)).toEqual(DEFAULT_TAXONOMY.map((x) => x.id));
      await plain.ctx.db.execute(sql`update listening_topics set archived_at = now() where key = 'migration'`);
      await seedListeningTopics(plain.ctx);
      const rows = await queryRows<{ key: string; archived: boolean }>(plain.ctx.db, sql`select key, archived_at is not null as archived from listening_topics`);
      expect(rows).toHaveLength(DEFAULT_TAXONOMY.length);
      expect(rows.find((r) => r.key === 'migration')?.archived).toBe(true);
    } finally {
      await plain.close();
    }
  });
});

describe('reading the taxonomy', () => {
  it('lists every topic with items of the last 30 days; policies follow the caller', async () => {
    const maritime = await byKey(editor, 'maritime-security');
    expect(maritime.itemsLast30Days).toBe(2);
    expect((await byKey(editor, 'health')).itemsLast30Days).toBe(1);
    expect(maritime.policies.update).toBe(false);
    expect((await list(editor)).policies.create).toBe(false);
    expect((await byKey(analyst, 'health')).policies.update).toBe(true);
    expect((await list(missionAnalyst)).policies.create).toBe(true);
    expect((await viewer.get('/api/v1/listening/topics')).statusCode).toBe(403);
  });

  it('loadTaxonomy gives the active topics in order and a version that moves with every change', async () => {
    const before = await loadTaxonomy(t.ctx.db);
    expect(before.version).toMatch(/^[0-9a-f]{32}$/);
    expect(await taxonomyVersion(t.ctx.db)).toBe(before.version);
    const health = await byKey(analyst, 'health');
    const res = await analyst.patch(`/api/v1/listening/topics/${health.id}`, { keywords: { ...health.keywords, id: [...(health.keywords.id ?? []), 'posyandu'] } });
    expect(res.statusCode, res.body).toBe(200);
    const after = await loadTaxonomy(t.ctx.db);
    expect(after.version).not.toBe(before.version);
    expect(after.taxonomy.find((x) => x.id === 'health')?.keywords.id).toContain('posyandu');
    // A change that changes nothing leaves the version alone.
    await analyst.patch(`/api/v1/listening/topics/${health.id}`, { labels: health.labels });
    expect(await taxonomyVersion(t.ctx.db)).toBe(after.version);
  });
});

describe('editing the taxonomy', () => {
  it('adds keywords in Indonesian to a topic, audited with what changed, and announced', async () => {
    const maritime = await byKey(analyst, 'maritime-security');
    const keywords = { ...maritime.keywords, id: [...(maritime.keywords.id ?? []), ' nelayan ', 'nelayan', 'penangkapan ikan'] };
    const res = await analyst.patch(`/api/v1/listening/topics/${maritime.id}`, { keywords });
    expect(res.statusCode, res.body).toBe(200);
    const changed = res.json() as Topic;
    expect(changed.keywords.id?.slice(-2)).toEqual(['nelayan', 'penangkapan ikan']);
    expect(changed.keywords.en).toEqual(maritime.keywords.en);
    const [entry] = await auditOf(maritime.id);
    expect(entry).toMatchObject({ action: 'listening-topic.updated', summary: { key: 'maritime-security', changed: ['keywords'], keywordLanguages: ['id'] } });
    expect((await events('listening.taxonomy-changed')).at(-1)?.data).toMatchObject({ change: 'updated', key: 'maritime-security', topicId: maritime.id });
  });

  it('creates a topic keyed from its English label, and refuses a second one with the same label', async () => {
    const created = await analyst.post('/api/v1/listening/topics', { labels: { en: 'Fisheries & oceans', id: 'Perikanan & kelautan' }, keywords: { id: ['nelayan', 'ikan'], en: ['fish*', 'tuna'], fr: ['pêche'] } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ key: 'fisheries-oceans', position: DEFAULT_TAXONOMY.length, archivedAt: null, keywords: { en: ['fish*', 'tuna'], id: ['nelayan', 'ikan'], fr: ['pêche'] } });
    const again = await analyst.post('/api/v1/listening/topics', { labels: { en: 'Fisheries  &  Oceans', id: 'Lain' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'listening-topic.key-taken', details: { key: 'fisheries-oceans' } });
    expect((await auditOf(created.json().id))[0]).toMatchObject({ action: 'listening-topic.created', summary: { key: 'fisheries-oceans', keywordCounts: { en: 2, id: 2, fr: 1 }, seeded: false } });
  });

  it('rejects empty labels, keywords that cannot match or match everything, and over-long lists', async () => {
    const bad = async (body: unknown) => {
      const res = await analyst.post('/api/v1/listening/topics', body);
      expect(res.statusCode, res.body).toBe(400);
      return JSON.stringify(res.json().error);
    };
    await bad({ labels: { en: '   ', id: 'Kosong' } });
    expect(await bad({ labels: { en: 'Wildcards', id: 'Wildcard' }, keywords: { en: ['*'] } })).toContain('lone *');
    expect(await bad({ labels: { en: 'Punctuation', id: 'Tanda baca' }, keywords: { id: ['!!!'] } })).toContain('punctuation alone');
    expect(await bad({ labels: { en: 'Inside', id: 'Di dalam' }, keywords: { en: ['vac*cine'] } })).toContain('only end');
    expect(await bad({ labels: { en: 'Many', id: 'Banyak' }, keywords: { en: Array.from({ length: 201 }, (_, i) => `w${i}`) } })).toContain('200');
    expect(await bad({ labels: { en: 'Language', id: 'Bahasa' }, keywords: { 'en-GB!': ['x'] } })).toContain('language');
    const health = await byKey(analyst, 'health');
    expect((await analyst.patch(`/api/v1/listening/topics/${health.id}`, { labels: { en: 'Health', id: '' } })).statusCode).toBe(400);
    expect((await analyst.patch('/api/v1/listening/topics/01900000-0000-7000-8000-000000000001', { labels: { en: 'X', id: 'Y' } })).json().error.code).toBe('listening-topic.not-found');
    // Nothing half-written.
    expect((await list(analyst)).items.map((x) => x.key)).not.toEqual(expect.arrayContaining(['wildcards', 'punctuation', 'many']));
  });

  it('moves a topic in the list and numbers the list again', async () => {
    const fisheries = await byKey(analyst, 'fisheries-oceans');
    const res = await analyst.patch(`/api/v1/listening/topics/${fisheries.id}`, { position: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = await list(analyst);
    expect(items[1]?.key).toBe('fisheries-oceans');
    expect(items.map((x) => x.position)).toEqual(items.map((_, i) => i));
    expect((await loadTaxonomy(t.ctx.db)).taxonomy[1]?.id).toBe('fisheries-oceans');
  });

  it('archives a topic (no longer applied, still listed with its label) and restores it', async () => {
    const fisheries = await byKey(analyst, 'fisheries-oceans');
    const archived = await analyst.post(`/api/v1/listening/topics/${fisheries.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archivedAt).toBeTruthy();
    expect(archived.json().policies).toMatchObject({ archive: false, restore: true });
    expect((await loadTaxonomy(t.ctx.db)).taxonomy.map((x) => x.id)).not.toContain('fisheries-oceans');
    expect((await byKey(editor, 'fisheries-oceans')).labels.id).toBe('Perikanan & kelautan');
    const restored = await analyst.post(`/api/v1/listening/topics/${fisheries.id}/restore`);
    expect(restored.json().archivedAt).toBeNull();
    expect((await loadTaxonomy(t.ctx.db)).taxonomy.map((x) => x.id)).toContain('fisheries-oceans');
    const actions = (await auditOf(fisheries.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['listening-topic.archived', 'listening-topic.restored']));
  });

  it('lets only those who manage listening write', async () => {
    const health = await byKey(editor, 'health');
    expect((await editor.post('/api/v1/listening/topics', { labels: { en: 'Sport', id: 'Olahraga' } })).statusCode).toBe(403);
    expect((await editor.patch(`/api/v1/listening/topics/${health.id}`, { position: 0 })).statusCode).toBe(403);
    expect((await editor.post(`/api/v1/listening/topics/${health.id}/archive`)).statusCode).toBe(403);
    expect((await editor.post('/api/v1/listening/topics/reapply', { period: '7d' })).statusCode).toBe(403);
    expect((await missionAnalyst.post(`/api/v1/listening/topics/${health.id}/archive`)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/listening/topics/${health.id}/restore`)).statusCode).toBe(200);
  });
});

describe('trying a text against a draft', () => {
  it('scores the draft, says which keywords matched and whether the topic would be given', async () => {
    const res = await editor.post('/api/v1/listening/topics/test', {
      text: 'Para nelayan menangkap ikan di perairan Natuna; kapal patroli Bakamla berjaga.',
      language: 'id',
      topics: [
        { key: 'maritime-security', labels: { en: 'Maritime', id: 'Maritim' }, keywords: { id: ['natuna', 'bakamla', 'kapal'] } },
        { key: 'draft', labels: { en: 'Fisheries', id: 'Perikanan' }, keywords: { id: ['nelayan', 'tangkap'] } },
        { key: 'health', labels: { en: 'Health', id: 'Kesehatan' }, keywords: { id: ['vaksin'] } },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ language: 'id', keywordLanguage: 'id', usedModel: false });
    expect(body.topics.map((x: { key: string }) => x.key)).toEqual(['maritime-security', 'draft']);
    expect(body.topics[0]).toMatchObject({ score: 0.875, keywordScore: 0.875, assigned: true });
    expect(body.topics[0].matched.map((m: { keyword: string }) => m.keyword).sort()).toEqual(['bakamla', 'kapal', 'natuna']);
    expect(body.topics[1].matched).toEqual([
      { keyword: 'nelayan', count: 1 },
      { keyword: 'tangkap', count: 1 },
    ]);
  });

  it('detects the language when not given, and refuses a draft with a broken keyword', async () => {
    const res = await analyst.post('/api/v1/listening/topics/test', {
      text: 'Vaccine doses arrived at hospitals across the Pacific islands this week, health officials said.',
      topics: [{ key: 'health', labels: { en: 'Health', id: 'Kesehatan' }, keywords: { en: ['vaccin*', 'hospital*'] } }],
    });
    expect(res.json()).toMatchObject({ language: 'en', keywordLanguage: 'en', topics: [{ key: 'health', assigned: true }] });
    const broken = await analyst.post('/api/v1/listening/topics/test', { text: 'x', topics: [{ key: 'a', labels: { en: 'A', id: 'A' }, keywords: { en: ['*'] } }] });
    expect(broken.statusCode).toBe(400);
  });
});
