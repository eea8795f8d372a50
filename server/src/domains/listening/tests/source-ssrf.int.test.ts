// Hole 3 of the security review: an analyst's feed address must not reach this server, its network
// or anything the outbound guard refuses — whatever way the address is written, whatever the name
// resolves to, wherever a redirect points — and every failure reads the same, so no port can be
// told from another. This app has NO allow-list (the rest of the suite allows loopback for fakes).
import { builtInConnectors, createConnectorRegistry } from '../../../platform/connectors/index.ts';
import { type FakeFeedServer, rss20Feed, startFakeFeedServer } from '@diplodesk/connector-rss/fake';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../platform/jobs/index.ts';
import { createOutbound, parseAllowList, type ResolveAll } from '../../../platform/outbound/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { listeningJobs } from '../index.ts';
import { connectorCredentials } from '../listening-jobs.ts';
import { findSource } from '../listening.repo.ts';

const NEUTRAL = 'The address could not be reached or is not allowed.';

let t: TestApp;
let feeds: FakeFeedServer;
let analyst: Client;
let runner: JobRunner;
let unitId = '';
let port = '';

// A hostile DNS server: every name under .example resolves to this machine.
const hostileResolver: ResolveAll = async (hostname) => (hostname.endsWith('.example') ? [{ address: '127.0.0.1', family: 4 }] : []);

beforeAll(async () => {
  feeds = await startFakeFeedServer();
  feeds.setFeed('/internal.xml', { body: rss20Feed({ title: 'Internal', items: [{ guid: 'secret-1', title: 'Internal only', description: 'Not for outsiders.', link: 'https://news.example/secret', pubDate: new Date().toUTCString() }] }) });
  port = new URL(feeds.baseUrl).port;
  t = await createTestApp({ outboundAllowCidrs: [] });
  const connectors = createConnectorRegistry(builtInConnectors(), {}, createOutbound({ allow: parseAllowList(''), resolve: hostileResolver }));
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(listeningJobs(t.ctx, connectors, t.ingestStream)), workerId: 'ssrf-test', pollMs: 50, concurrency: 1 });
  runner.start();
  const admin = await signInAs(t.app, adminEmail, adminPassword);
  const a = await buildUser(t.ctx, { role: 'analyst' });
  analyst = await signInAs(t.app, a.email, testPassword);
  unitId = ((await admin.get('/api/v1/units')).json().items as { id: string; parentId: string | null }[]).find((u) => u.parentId === null)?.id ?? '';
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
  await feeds?.close();
});

async function addSource(url: string, extra: { credentials?: Record<string, string> } = {}): Promise<string> {
  const res = await analyst.post('/api/v1/listening/sources', { unitId, connector: 'rss', name: `Feed ${url}`.slice(0, 100), config: { url }, intervalSeconds: 3600, tags: [], ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function itemsOf(sourceId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from listening_items where source_id = ${sourceId}`);
  return Number(rows[0]?.n ?? 0);
}

async function failedPoll(sourceId: string): Promise<{ lastError: string | null; consecutiveFailures: number }> {
  const until = Date.now() + 15_000;
  for (;;) {
    const health = (await analyst.get(`/api/v1/listening/sources/${sourceId}`)).json().health as { lastError: string | null; consecutiveFailures: number; lastSuccessAt: string | null };
    if (health.consecutiveFailures > 0 || health.lastSuccessAt) return health;
    if (Date.now() > until) throw new Error('the first poll did not finish');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('an RSS source at a hostile address', () => {
  const forms = () => [
    `http://127.0.0.1:${port}/internal.xml`,
    `http://2130706433:${port}/internal.xml`,
    `http://0177.0.0.1:${port}/internal.xml`,
    `http://0x7f.1:${port}/internal.xml`,
    `http://0.0.0.0:${port}/internal.xml`,
    `http://[::ffff:127.0.0.1]:${port}/internal.xml`,
    `http://localhost:${port}/internal.xml`,
  ];

  it('is refused by "Test" with one neutral message, whatever the form, and the feed server sees nothing', async () => {
    for (const url of forms()) {
      const id = await addSource(url);
      const tested = (await analyst.post(`/api/v1/listening/sources/${id}/test`, {})).json();
      expect({ url, ok: tested.ok, preview: tested.preview, error: tested.error, detail: tested.health.detail }).toEqual({ url, ok: false, preview: [], error: NEUTRAL, detail: NEUTRAL });
    }
    expect(feeds.requests.filter((r) => r.path === '/internal.xml')).toEqual([]);
  });

  it('reads the same for a closed port and a refused address (no port scanning)', async () => {
    const closed = await addSource('http://127.0.0.1:1/feed.xml');
    const tested = (await analyst.post(`/api/v1/listening/sources/${closed}/test`, {})).json();
    expect(tested.error).toBe(NEUTRAL);
    expect(tested.health.detail).toBe(NEUTRAL);
    // Each test fetch leaves an audit entry naming the host and the outcome.
    const audit = await queryRows<{ summary: Record<string, unknown> }>(t.database.db, sql`select summary from audit_log where action = 'listening-source.tested' and target_id = ${closed}`);
    expect(audit.map((a) => a.summary)).toEqual([{ host: '127.0.0.1:1', outcome: 'failed', items: 0 }]);
  });

  it('stores nothing when polled, and the failure shows only the neutral message', async () => {
    const id = await addSource(`http://0x7f.1:${port}/internal.xml`);
    const health = await failedPoll(id);
    expect(health.lastError).toBe(NEUTRAL);
    expect(await itemsOf(id)).toBe(0);
  });

  it('refuses a public-looking name that resolves to loopback', async () => {
    const id = await addSource(`http://feeds.news.example:${port}/internal.xml`);
    const health = await failedPoll(id);
    expect(health.lastError).toBe(NEUTRAL);
    expect(await itemsOf(id)).toBe(0);
    expect(feeds.requests.filter((r) => r.path === '/internal.xml')).toEqual([]);
  });

  it('fetches the shown address: a url inside the sealed credentials does not override it', async () => {
    const id = await addSource('https://feeds.public.test/rss.xml', { credentials: { url: `http://127.0.0.1:${port}/internal.xml` } });
    const source = await findSource(t.ctx.db, id);
    expect(source && connectorCredentials(t.ctx, source).extra?.url).toBe('https://feeds.public.test/rss.xml');
    const tested = (await analyst.post(`/api/v1/listening/sources/${id}/test`, {})).json();
    expect(tested.preview).toEqual([]);
    expect(feeds.requests.filter((r) => r.path === '/internal.xml')).toEqual([]);
  });
});
