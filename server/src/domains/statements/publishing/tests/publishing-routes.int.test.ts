import type { FakePlatform } from '@diplodesk/connector-sdk/testing';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../app.ts';
import { createConnectorRegistry } from '../../../../platform/connectors/index.ts';
import type { PlatformContext } from '../../../../platform/context.ts';
import { createInProcessBus } from '../../../../platform/events/index.ts';
import { buildUser, testPassword } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, signInAs, testConfig } from '../../../../test/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/test-db.ts';
import { findRootUnit, initialiseWorkspace } from '../../../identity/index.ts';
import { schedulePublications } from '../index.ts';
import { insertStatement } from '../../statements.repo.ts';
import { publications } from '../publishing.tables.ts';
import { availableConnectors } from './harness.ts';
import { testOutbound } from '../../../../test/outbound.ts';

let db: TestDatabase;
let app: FastifyInstance;
let ctx: PlatformContext;
let admin: Client;
let unitId: string;
const fakes = new Map<string, FakePlatform>();

beforeAll(async () => {
  const loaded = await availableConnectors(['x', 'mastodon']);
  const env: Record<string, string> = {};
  for (const l of loaded) {
    const fake = await l.startFake();
    fakes.set(l.id, fake);
    Object.assign(env, fake.env);
  }
  db = await createTestDatabase();
  const config = testConfig({ publicUrl: 'http://diplodesk.test' });
  const connectors = createConnectorRegistry(loaded.map((l) => l.definition), env, testOutbound());
  ({ app, ctx } = await buildApp({ config, database: db, bus: createInProcessBus(), logger: pino({ level: 'silent' }), connectors }));
  await app.ready();
  await initialiseWorkspace(ctx);
  unitId = (await findRootUnit(db.db))!.id;
  admin = await signInAs(app, adminEmail, adminPassword);
});

afterAll(async () => {
  await app?.close();
  for (const f of fakes.values()) await f.close();
  await db?.drop();
});

describe('publishing routes', () => {
  it('lists the configured platforms', async () => {
    const res = await admin.get('/api/v1/channel-platforms');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id).sort()).toEqual(['mastodon', 'x']);
  });

  it('connects Mastodon through its form and never returns the token', async () => {
    const start = await admin.post('/api/v1/channel-accounts/connect', { unitId, platform: 'mastodon' });
    expect(start.statusCode).toBe(200);
    expect(start.json().kind).toBe('form');
    const values = fakes.get('mastodon')!.connectFormValues()!;
    const res = await admin.post('/api/v1/channel-accounts/connect/form', { unitId, platform: 'mastodon', values });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ platform: 'mastodon', status: 'active', textChannels: ['mastodon'] });
    expect(res.body).not.toContain(values.accessToken!);
    const list = await admin.get(`/api/v1/channel-accounts?unitId=${unitId}`);
    expect(list.body).not.toContain(values.accessToken!);
    expect(list.json().items).toHaveLength(1);
  });

  it('connects X through the OAuth redirect; the callback checks state and sends the browser to /channels', async () => {
    const start = await admin.post('/api/v1/channel-accounts/connect', { unitId, platform: 'x' });
    expect(start.statusCode).toBe(200);
    const { authorizeUrl } = start.json() as { authorizeUrl: string };
    const approved = await fetch(authorizeUrl, { redirect: 'manual' });
    const back = new URL(approved.headers.get('location')!);
    expect(back.pathname).toBe('/api/v1/channel-accounts/oauth/callback');
    const forged = await admin.get(`/api/v1/channel-accounts/oauth/callback?state=forged&code=${back.searchParams.get('code')}`);
    expect(forged.headers.location).toBe('/statements/channels?connected=expired');
    const res = await admin.get(`${back.pathname}${back.search}`);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/statements/channels?connected=x');
    const again = await admin.get(`${back.pathname}${back.search}`);
    expect(again.headers.location).toBe('/statements/channels?connected=expired');
    const list = (await admin.get(`/api/v1/channel-accounts?unitId=${unitId}`)).json().items as { platform: string }[];
    expect(list.map((a) => a.platform).sort()).toEqual(['mastodon', 'x']);
  });

  it('refuses connecting to a viewer', async () => {
    const viewer = await buildUser(ctx, { role: 'viewer' });
    const client = await signInAs(app, viewer.email, testPassword);
    const res = await client.post('/api/v1/channel-accounts/connect', { unitId, platform: 'mastodon' });
    expect(res.statusCode).toBe(403);
  });

  it('shows scheduled publications on the calendar and by statement; resolves and retries by hand; disconnects', async () => {
    const accounts = (await admin.get(`/api/v1/channel-accounts?unitId=${unitId}`)).json().items as { id: string; platform: string }[];
    const statementId = crypto.randomUUID();
    const at = new Date(Date.now() + 3_600_000);
    const { publicationIds } = await db.db.transaction((tx) =>
      schedulePublications(tx, {
        statementId,
        unitId,
        scheduledAt: at,
        actorId: crypto.randomUUID(),
        items: accounts.map((a) => ({ channelAccountId: a.id, text: 'Calendar test', title: 'On the calendar', language: 'en', media: [], linkUrl: 'https://newsroom.test/c' })),
      }),
    );
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 7_200_000).toISOString();
    const cal = await admin.get(`/api/v1/publications?unitId=${unitId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(cal.statusCode).toBe(200);
    expect(cal.json().items).toHaveLength(2);
    expect(cal.json().items[0]).toMatchObject({ state: 'scheduled', statementTitle: 'On the calendar' });
    // Publications never carry an account's credentials.
    expect(cal.body).not.toMatch(/token|sealed/i);
    const byStatement = await admin.get(`/api/v1/statements/${statementId}/publications`);
    expect(byStatement.json().items).toHaveLength(2);

    const [first, second] = publicationIds as [string, string];
    await db.db.update(publications).set({ state: 'unconfirmed', jobId: null }).where(eq(publications.id, first));
    const resolved = await admin.post(`/api/v1/publications/${first}/resolve`, { outcome: 'published', url: 'https://social.test/@kemlu/42' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'published', remoteUrl: 'https://social.test/@kemlu/42' });
    expect((await admin.post(`/api/v1/publications/${first}/resolve`, { outcome: 'not-posted' })).statusCode).toBe(409);

    await db.db.update(publications).set({ state: 'failed', jobId: null, lastError: 'rejected' }).where(eq(publications.id, second));
    const retried = await admin.post(`/api/v1/publications/${second}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ state: 'scheduled', lastError: null });

    const gone = await admin.delete(`/api/v1/channel-accounts/${accounts[0]!.id}`);
    expect(gone.statusCode).toBe(204);
    expect((await admin.get(`/api/v1/channel-accounts?unitId=${unitId}`)).json().items).toHaveLength(1);
  });

  it('shows newsroom-only statements on the calendar at their publication time (scheduled and published), not drafts', async () => {
    const content = (title: string) => ({ texts: [{ language: 'en', title, body: 'Body.' }], variants: [], attachmentIds: [] });
    const base = { unitId, kind: 'statement' as const, primaryLanguage: 'en', audienceTimeZone: 'Asia/Jakarta', createdByName: 'Test' };
    const soon = new Date(Date.now() + 86_400_000 * 3);
    const earlier = new Date(Date.now() + 86_400_000 * 2);
    const scheduled = await insertStatement(db.db, { ...base, status: 'scheduled', scheduledAt: soon, content: content('Newsroom only, scheduled') });
    const published = await insertStatement(db.db, { ...base, status: 'published', scheduledAt: earlier, publishedAt: earlier, content: content('Newsroom only, published') });
    await insertStatement(db.db, { ...base, status: 'draft', scheduledAt: soon, content: content('Still a draft') });
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000 * 5).toISOString();
    const cal = await admin.get(`/api/v1/publications?unitId=${unitId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(cal.statusCode).toBe(200);
    expect(cal.json().items).toEqual([]);
    expect(cal.json().newsroom).toEqual([
      { statementId: published.id, unitId, state: 'published', scheduledAt: earlier.toISOString(), publishedAt: earlier.toISOString(), statementTitle: 'Newsroom only, published' },
      { statementId: scheduled.id, unitId, state: 'scheduled', scheduledAt: soon.toISOString(), publishedAt: null, statementTitle: 'Newsroom only, scheduled' },
    ]);
    // Outside the range, nothing.
    const later = await admin.get(`/api/v1/publications?unitId=${unitId}&from=${encodeURIComponent(to)}&to=${encodeURIComponent(new Date(Date.now() + 86_400_000 * 9).toISOString())}`);
    expect(later.json().newsroom).toEqual([]);
  });
});
