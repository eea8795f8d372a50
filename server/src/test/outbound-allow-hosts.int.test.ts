// ASVS 13.2.4 / 13.2.5: with OUTBOUND_ALLOW_HOSTS set, the installation talks only to the hosts its
// administrator listed. A person adding a source or connecting a channel elsewhere is told why, and
// nothing is stored; a source stored before the list was narrowed is read nowhere else either.
import { startFake as startMastodonFake } from '@diplodesk/connector-mastodon/fake';
import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import type { FakePlatform } from '@diplodesk/connector-sdk/testing';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { findRootUnit, initialiseWorkspace } from '../domains/identity/index.ts';
import { insertSource } from '../domains/listening/index.ts';
import { builtInConnectors, createConnectorRegistry } from '../platform/connectors/index.ts';
import type { PlatformContext } from '../platform/context.ts';
import { newIdFor, queryRows } from '../platform/db/index.ts';
import { auditLog } from '../platform/db/platform.tables.ts';
import { createInProcessBus } from '../platform/events/index.ts';
import { createOutbound, hostNotAllowedMessage, type Outbound, parseAllowList, parseHostList, type ResolveAll } from '../platform/outbound/index.ts';
import { TEST_OUTBOUND_ALLOW } from './outbound.ts';
import { adminEmail, adminPassword, type Client, signInAs, testConfig } from './test-app.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

let db: TestDatabase;
let app: FastifyInstance;
let ctx: PlatformContext;
let outbound: Outbound;
let admin: Client;
let unitId = '';
let feeds: FakeFeedServer;
let mastodon: FakePlatform;
let port = '';

// The listed names all lead to the local fakes; the fakes' own address (127.0.0.1) is not listed.
const resolver: ResolveAll = async (hostname) => (hostname.endsWith('.test') || hostname.endsWith('.go.id') ? [{ address: '127.0.0.1', family: 4 }] : []);

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  feeds.setFeed('/rss.xml', { body: rss20Feed({ title: 'Kemlu', items: [{ guid: 'k-1', title: 'Siaran pers', description: 'Isi siaran pers.', link: 'https://kemlu.go.id/1', pubDate: new Date().toUTCString() }] }) });
  port = new URL(feeds.baseUrl).port;
  mastodon = await startMastodonFake();
  db = await createTestDatabase();
  outbound = createOutbound({ allow: parseAllowList(TEST_OUTBOUND_ALLOW), hosts: parseHostList('feeds.listed.test, *.go.id'), resolve: resolver, timeoutMs: 5_000 });
  const connectors = createConnectorRegistry(builtInConnectors(), mastodon.env, outbound);
  ({ app, ctx } = await buildApp({ config: testConfig({ outboundAllowHosts: ['feeds.listed.test', '*.go.id'] }), database: db, bus: createInProcessBus(), logger: pino({ level: 'silent' }), connectors, outbound }));
  await app.ready();
  await initialiseWorkspace(ctx);
  unitId = (await findRootUnit(db.db))!.id;
  admin = await signInAs(app, adminEmail, adminPassword);
});

afterAll(async () => {
  await app?.close();
  await outbound?.close();
  await feeds?.close();
  await mastodon?.close();
  await db?.drop();
});

const count = async (query: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(db.db, query))[0]?.n ?? 0);
const addSource = (url: string) => admin.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: `Feed at ${new URL(url).host}`, config: { url }, intervalSeconds: 3600, tags: [] });

describe('a listening source outside OUTBOUND_ALLOW_HOSTS', () => {
  it('is refused when added, with the reason, and nothing is stored, audited or queued', async () => {
    const before = { sources: await count(sql`select count(*)::int as n from listening_sources`), audit: await count(sql`select count(*)::int as n from audit_log`), jobs: await count(sql`select count(*)::int as n from jobs`) };
    const res = await addSource(`http://127.0.0.1:${port}/rss.xml`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'outbound.host-not-allowed', message: hostNotAllowedMessage('127.0.0.1'), details: { field: 'url', host: '127.0.0.1' } });
    const unlisted = await addSource('https://news.unlisted.example/feed.xml');
    expect(unlisted.json().error.message).toMatch(/only fetches from the hosts its administrator listed, and news\.unlisted\.example is not one of them/);
    // A wildcard covers names under it, not the bare suffix.
    expect((await addSource('https://go.id/rss.xml')).statusCode).toBe(400);
    expect({ sources: await count(sql`select count(*)::int as n from listening_sources`), audit: await count(sql`select count(*)::int as n from audit_log`), jobs: await count(sql`select count(*)::int as n from jobs`) }).toEqual(before);
    expect(feeds.requests).toEqual([]);
  });

  it('takes a listed host (or one under a listed wildcard), reads it, and refuses a change to another host', async () => {
    const res = await addSource(`http://feeds.listed.test:${port}/rss.xml`);
    expect(res.statusCode, res.body).toBe(201);
    expect((await addSource(`http://www.kemlu.go.id:${port}/rss.xml`)).statusCode).toBe(201);
    const id = res.json().id as string;
    const tested = (await admin.post(`/api/v1/listening/sources/${id}/test`, {})).json();
    expect(tested.ok).toBe(true);
    expect(tested.preview.map((p: { remoteId: string }) => p.remoteId)).toEqual(['k-1']);
    const moved = await admin.patch(`/api/v1/listening/sources/${id}`, { config: { url: 'https://feeds.elsewhere.example/rss.xml' } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.code).toBe('outbound.host-not-allowed');
    expect((await admin.get(`/api/v1/listening/sources/${id}`)).json().config).toEqual({ url: `http://feeds.listed.test:${port}/rss.xml` });
  });

  it('is not reached through a redirect from a listed host: the test read says why', async () => {
    feeds.redirect('/moved.xml', `http://127.0.0.1:${port}/rss.xml`);
    const res = await addSource(`http://feeds.listed.test:${port}/moved.xml`);
    const before = feeds.requests.length;
    const tested = (await admin.post(`/api/v1/listening/sources/${res.json().id}/test`, {})).json();
    expect(tested).toMatchObject({ ok: false, preview: [], error: hostNotAllowedMessage('127.0.0.1') });
    // The health check and the read each asked the listed host; neither followed it to the fake's own address.
    expect(new Set(feeds.requests.slice(before).map((r) => r.path))).toEqual(new Set(['/moved.xml']));
  });

  it('stored before the list was narrowed, it is read nowhere: "Test" says why', async () => {
    const id = newIdFor();
    await insertSource(db.db, { id, unitId, connector: 'rss', name: 'Older feed', config: { url: `http://127.0.0.1:${port}/rss.xml` }, credentialsSealed: null, intervalSeconds: 3600, tags: [], nextPollAt: new Date(Date.now() + 3_600_000), createdBy: null });
    const before = feeds.requests.length;
    const tested = (await admin.post(`/api/v1/listening/sources/${id}/test`, {})).json();
    expect(tested).toMatchObject({ ok: false, preview: [], error: hostNotAllowedMessage('127.0.0.1') });
    expect(feeds.requests.length).toBe(before);
  });
});

describe('a channel at a host outside OUTBOUND_ALLOW_HOSTS', () => {
  it('is not connected: the person is told why, the failure is audited, no account is stored', async () => {
    const from = (await db.db.select({ seq: auditLog.seq }).from(auditLog)).reduce((m, r) => Math.max(m, r.seq), 0);
    // The fake instance listens on 127.0.0.1, which the list does not name.
    const values = mastodon.connectFormValues()!;
    const res = await admin.post('/api/v1/channel-accounts/connect/form', { unitId, platform: 'mastodon', values });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'outbound.host-not-allowed', message: hostNotAllowedMessage(new URL(values.instanceUrl!).hostname) });
    const [failure] = await db.db.select().from(auditLog).where(and(gt(auditLog.seq, from), eq(auditLog.action, 'channel-account.connect-failed')));
    expect(failure?.summary).toEqual({ platform: 'mastodon', reason: 'host-not-allowed' });
    expect(await count(sql`select count(*)::int as n from channel_accounts`)).toBe(0);
    expect(JSON.stringify(failure)).not.toContain(values.accessToken!);
  });
});

describe('a single sign-on issuer outside OUTBOUND_ALLOW_HOSTS', () => {
  it('is refused with the reason before its discovery document is fetched, and nothing is stored', async () => {
    const res = await admin.post('/api/v1/sso/providers', {
      key: 'unlisted-idp',
      displayName: 'Unlisted',
      issuer: 'https://login.unlisted.example/realms/kemlu',
      clientId: 'diplodesk',
      clientSecret: 'client-secret',
      scopes: 'openid email',
      enabled: true,
      linkExistingByEmail: false,
      noMatch: 'refuse',
      requireMfa: false,
      rules: [],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toEqual({ code: 'outbound.host-not-allowed', message: hostNotAllowedMessage('login.unlisted.example'), details: { field: 'issuer', host: 'login.unlisted.example' } });
    expect(await count(sql`select count(*)::int as n from sso_providers`)).toBe(0);
  });
});
