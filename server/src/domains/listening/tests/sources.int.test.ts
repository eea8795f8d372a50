import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, createConnectorRegistry } from '../../../platform/connectors/index.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { listeningJobs } from '../index.ts';

let t: TestApp;
let feeds: FakeFeedServer;
let admin: Client;
let analyst: Client;
let viewer: Client;
let runner: JobRunner;
let unitId = '';

const day = (d: number) => new Date(Date.UTC(2026, 10, d, 6)).toUTCString();

async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  feeds.setFeed('/kemlu.xml', {
    body: rss20Feed({
      title: 'Berita',
      language: 'id',
      items: [
        { guid: 'n1', title: 'Indonesia dan Jepang sepakati kerja sama maritim', description: 'Kesepakatan ditandatangani di Tokyo.', link: 'https://news.example/n1', pubDate: day(20) },
        { guid: 'n2', title: 'Vaccine donation to Pacific partners', description: 'Indonesia sends vaccines to Fiji and Papua New Guinea.', link: 'https://news.example/n2', pubDate: day(21) },
      ],
    }),
  });
  t = await createTestApp();
  const connectors = createConnectorRegistry(builtInConnectors(), {}, t.ctx.outbound);
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(listeningJobs(t.ctx, connectors, t.ingestStream)), workerId: 'listening-test', pollMs: 50, concurrency: 1 });
  runner.start();
  t.startIngestWorker();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const a = await buildUser(t.ctx, { role: 'analyst' });
  const v = await buildUser(t.ctx, { role: 'viewer' });
  analyst = await signInAs(t.app, a.email, testPassword);
  viewer = await signInAs(t.app, v.email, testPassword);
  unitId = ((await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)?.id ?? '';
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
  await feeds?.close();
});

describe('listening sources', () => {
  it('adds an RSS source, polls it in the background, and stores each entry once', async () => {
    const created = await analyst.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: 'Kemlu news', config: { url: feeds.url('/kemlu.xml') }, intervalSeconds: 60, tags: ['media'] });
    expect(created.statusCode, created.body).toBe(201);
    const source = created.json();
    expect(source).toMatchObject({ connector: 'rss', status: 'active', hasCredentials: false, tags: ['media'] });

    const found = await eventually(async () => {
      const res = (await analyst.get(`/api/v1/listening/items?sources=${source.id}`)).json();
      return res.items.length === 2 ? res : null;
    }, 'the first poll');
    const byExternal = new Map(found.items.map((i: { externalId: string }) => [i.externalId, i]));
    expect(byExternal.get('n1')).toMatchObject({ language: 'id', url: 'https://news.example/n1' });
    expect((byExternal.get('n1') as { countries: string[] }).countries).toEqual(expect.arrayContaining(['ID', 'JP']));
    expect((byExternal.get('n2') as { countries: string[] }).countries).toEqual(expect.arrayContaining(['FJ', 'PG']));
    expect(found.facets.language.map((f: { value: string }) => f.value).sort()).toEqual(['en', 'id']);

    const after = (await analyst.get(`/api/v1/listening/sources/${source.id}`)).json();
    expect(after.health).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(after.health.lastSuccessAt).toBeTruthy();
    expect(after.itemsTotal).toBe(2);
    expect(new Date(after.nextPollAt).getTime()).toBeGreaterThan(Date.now());
    // The next poll is queued exactly once.
    const [queued] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from jobs where name = 'listening.poll-source@1' and status = 'queued'`);
    expect(Number(queued?.n)).toBe(1);
  });

  it('tests a source without storing anything, and reports a broken one on its health', async () => {
    const broken = (await analyst.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: 'Gone', config: { url: feeds.url('/missing.xml') } })).json();
    const test = (await analyst.post(`/api/v1/listening/sources/${broken.id}/test`)).json();
    expect(test.ok).toBe(false);
    expect(test.error).toBeTruthy();
    const health = await eventually(async () => {
      const s = (await analyst.get(`/api/v1/listening/sources/${broken.id}`)).json();
      return s.health.consecutiveFailures > 0 ? s.health : null;
    }, 'the failed poll');
    expect(health.lastError).toContain('404');
    const ok = (await analyst.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: 'Preview', config: { url: feeds.url('/kemlu.xml') }, intervalSeconds: 3600 })).json();
    await analyst.patch(`/api/v1/listening/sources/${ok.id}`, { status: 'paused' });
    const preview = (await analyst.post(`/api/v1/listening/sources/${ok.id}/test`)).json();
    expect(preview.ok).toBe(true);
    expect(preview.preview).toHaveLength(2);
  });

  it('pauses and resumes; only analysts and administrators manage sources; credentials never leave', async () => {
    const s = (await admin.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: 'Private feed', config: { url: feeds.url('/kemlu.xml') }, credentials: { token: 'secret-feed-token-123' } })).json();
    expect(s.hasCredentials).toBe(true);
    const paused = await admin.patch(`/api/v1/listening/sources/${s.id}`, { status: 'paused' });
    expect(paused.json().status).toBe('paused');
    const list = await viewer.get('/api/v1/listening/sources');
    expect(list.statusCode).toBe(403);
    expect((await viewer.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: 'x', config: {} })).statusCode).toBe(403);
    const all = await analyst.get('/api/v1/listening/sources');
    expect(all.body).not.toContain('secret-feed-token-123');
    const audit = (await admin.get(`/api/v1/audit?targetId=${s.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['listening-source.created', 'listening-source.updated']));
  });
  it('stores a feed entry whose link is javascript: without the link, and says so on the source', async () => {
    feeds.setFeed('/hostile.xml', {
      body: rss20Feed({
        title: 'Hostile',
        items: [
          { guid: 'h1', title: 'Click me', description: 'An entry whose link runs script when clicked.', link: ' JavaScript:alert(document.cookie)', pubDate: day(22) },
          { guid: 'h2', title: 'Fine', description: 'An entry with an ordinary link.', link: 'https://news.example/h2', pubDate: day(22) },
        ],
      }),
    });
    const source = (await analyst.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: 'Hostile feed', config: { url: feeds.url('/hostile.xml') }, intervalSeconds: 3600 })).json();
    const found = await eventually(async () => {
      const res = (await analyst.get(`/api/v1/listening/items?sources=${source.id}`)).json();
      return res.items.length === 2 ? res : null;
    }, 'the poll of the hostile feed');
    const byExternal = new Map(found.items.map((i: { externalId: string; url: string | null }) => [i.externalId, i.url]));
    expect(byExternal.get('h1')).toBeNull();
    expect(byExternal.get('h2')).toBe('https://news.example/h2');
    const health = (await analyst.get(`/api/v1/listening/sources/${source.id}`)).json().health;
    expect(health.detail).toContain('link dropped');
  });
});
