// ClaimReview feeds polled like a source, against a local fake fact-checker (node http on loopback,
// allowed by the suite's OUTBOUND_ALLOW_CIDRS as every fake platform is): a JSON-LD DataFeed with
// an ETag (then 304: nothing changes), an HTML article page with ld+json blocks among others, a feed
// with one bad entry (the rest imported, the bad one listed), a malformed feed, 429 with
// Retry-After, a wrong type, a body over the cap — each marking the feed's error and keeping every
// claim already imported — pause, delete, who may manage, and (in an app without the allow-list)
// a loopback address refused before any request leaves.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClaimFeedDto } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../platform/db/index.ts';
import { createJobRegistry, createJobRunner, type JobRunner } from '../../../platform/jobs/index.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { integrityJobs } from '../index.ts';

type Answer = { status?: number; headers?: Record<string, string>; body?: string };
type FakeChecker = { baseUrl: string; set(path: string, answer: Answer | ((headers: IncomingHttpHeaders) => Answer)): void; requests: { path: string; headers: IncomingHttpHeaders }[]; close(): Promise<void> };

/** A fact-checker's site: each path answers what the test set, and every request is recorded. */
async function startFakeChecker(): Promise<FakeChecker> {
  const answers = new Map<string, Answer | ((headers: IncomingHttpHeaders) => Answer)>();
  const requests: FakeChecker['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const set = answers.get(path);
    const answer = typeof set === 'function' ? set(req.headers) : (set ?? { status: 404, body: 'not here' });
    res.writeHead(answer.status ?? 200, answer.headers ?? {});
    res.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    set: (path, answer) => answers.set(path, answer),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const review = (claim: string, url: string | null, extra: Record<string, unknown> = {}) => ({
  '@type': 'ClaimReview',
  ...(url ? { url } : {}),
  claimReviewed: claim,
  inLanguage: 'id',
  author: { '@type': 'Organization', name: 'Cek Fakta Contoh' },
  reviewRating: { '@type': 'Rating', alternateName: 'Salah' },
  ...extra,
});
const dataFeed = (...reviews: unknown[]) =>
  JSON.stringify({ '@context': 'https://schema.org', '@type': 'DataFeed', dataFeedElement: reviews.map((item) => ({ '@type': 'DataFeedItem', item })) });
const ldJson = { 'content-type': 'application/ld+json; charset=utf-8' };

let t: TestApp;
let fake: FakeChecker;
let runner: JobRunner;
let admin: Client;
let analyst: Client;
let rootId = '';

const claimCount = async () => (await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from integrity_claims where unit_id = ${rootId}`))[0]?.n ?? 0;
const claimUrls = async () => (await queryRows<{ url: string | null; claim: string }>(t.ctx.db, sql`select url, claim_reviewed as claim from integrity_claims order by claim_reviewed`)).map((r) => `${r.claim} @ ${r.url}`);
const feedOf = async (id: string): Promise<ClaimFeedDto> => (await admin.get(`/api/v1/integrity/claim-feeds/${id}`)).json();

/** Waits for a poll that finishes after `since` (the feed's `lastPolledAt` moves past it). */
async function polledAfter(id: string, since: string | null): Promise<ClaimFeedDto> {
  const until = Date.now() + 20_000;
  for (;;) {
    const feed = await feedOf(id);
    if (feed.lastPolledAt && feed.lastPolledAt !== since) return feed;
    if (Date.now() > until) throw new Error(`feed ${id} was not polled`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function addFeed(path: string, name = path): Promise<ClaimFeedDto> {
  const res = await admin.post('/api/v1/integrity/claim-feeds', { unitId: rootId, name, url: `${fake.baseUrl}${path}`, intervalSeconds: 3600 });
  expect(res.statusCode, res.body).toBe(201);
  return polledAfter(res.json().id, null);
}

async function pollNow(feed: ClaimFeedDto): Promise<ClaimFeedDto> {
  const res = await admin.post(`/api/v1/integrity/claim-feeds/${feed.id}/poll`);
  expect(res.statusCode, res.body).toBe(202);
  return polledAfter(feed.id, feed.lastPolledAt);
}

beforeAll(async () => {
  fake = await startFakeChecker();
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(integrityJobs(t.integrity, { outbound: t.ctx.outbound, feedMaxBytes: 64 * 1024 })), workerId: 'claim-feeds-test', pollMs: 30 });
  runner.start();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  analyst = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst' })).email, testPassword);
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
  await fake?.close();
});

describe('a JSON-LD ClaimReview feed', () => {
  it('imports its reviews, starts their back-fill, audits it, and changes nothing on 304', async () => {
    const body = dataFeed(review('Vaksin mengandung cip pelacak', 'https://cek.example/vaksin-cip'), review('Kedutaan membagikan visa gratis', 'https://cek.example/visa-gratis'));
    fake.set('/feed.jsonld', (headers) => (headers['if-none-match'] === '"v1"' ? { status: 304, headers: { etag: '"v1"' } } : { headers: { ...ldJson, etag: '"v1"' }, body }));
    const first = await addFeed('/feed.jsonld', 'Cek Fakta feed');
    expect(first).toMatchObject({ status: 'ok', claimsCreated: 2, claimsUpdated: 0, lastError: null, lastResult: { notModified: false, reviews: 2, created: 2, skipped: 0 }, policies: { update: true, poll: true } });
    expect(await claimCount()).toBe(2);
    // The registry's back-fill looks for the new claims in stored items, as after a file import.
    const backfills = await queryRows<{ n: number }>(t.ctx.db, sql`select count(*)::int as n from jobs where name = 'integrity.backfill-claims@1' and jsonb_array_length(payload->'claimIds') = 2`);
    expect(backfills[0]?.n).toBe(1);
    const audit = await queryRows<{ action: string; summary: { created: number } }>(t.ctx.db, sql`select action, summary from audit_log where target_id = ${first.id} order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['integrity-claim-feed.created', 'integrity-claim-feed.imported']);
    expect(audit[1]?.summary.created).toBe(2);

    const second = await pollNow(first);
    expect(fake.requests.filter((r) => r.path === '/feed.jsonld').at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(second).toMatchObject({ status: 'ok', claimsCreated: 2, claimsUpdated: 0, lastResult: { notModified: true, created: 0, updated: 0 } });
    expect(await claimCount()).toBe(2);
    expect(new Date(second.nextPollAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 3000_000);
  });

  it('imports the good entries of a partly bad feed and lists the bad ones with why', async () => {
    fake.set('/mixed.jsonld', { headers: ldJson, body: JSON.stringify([review('Bandara ditutup selama sebulan', 'https://cek.example/bandara'), { '@type': 'ClaimReview', reviewRating: { alternateName: 'Salah' } }, { '@type': 'NewsArticle', headline: 'x' }]) });
    const feed = await addFeed('/mixed.jsonld');
    expect(feed).toMatchObject({ status: 'ok', claimsCreated: 1, lastResult: { reviews: 3, created: 1, skipped: 2 } });
    expect(feed.lastResult?.problems).toEqual([
      { index: 1, code: 'claim-missing', params: {}, reason: 'claimReviewed is missing' },
      { index: 2, code: 'not-a-claim-review', params: { types: 'NewsArticle' }, reason: 'not a ClaimReview (@type NewsArticle)' },
    ]);
    expect(await claimUrls()).toContain('Bandara ditutup selama sebulan @ https://cek.example/bandara');
  });
});

describe('an HTML article page', () => {
  it('reads the ClaimReview blocks among the other structured data; a review without a URL is the page', async () => {
    const html = `<!doctype html><html><head><title>Cek fakta</title>
      <script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"Cek Fakta Contoh"}</script>
      <script type='application/ld+json'>${JSON.stringify(review('Menteri mengundurkan diri kemarin', null))}</script>
      <script type="application/ld+json">{ not json</script>
      <script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'BreadcrumbList' }, review('Pemilu ditunda dua tahun', 'https://cek.example/pemilu')] })}</script>
      <script>var x = {"@type":"ClaimReview"};</script>
      </head><body><p>Artikel</p></body></html>`;
    fake.set('/article.html', { headers: { 'content-type': 'text/html; charset=utf-8', 'last-modified': 'Mon, 07 Dec 2026 10:00:00 GMT' }, body: html });
    const feed = await addFeed('/article.html');
    expect(feed).toMatchObject({ status: 'ok', claimsCreated: 2, lastResult: { reviews: 2, created: 2, skipped: 1, problems: [{ index: -1, code: 'script-not-json', params: { block: 3 }, reason: 'script block 3 is not JSON' }] } });
    const urls = await claimUrls();
    expect(urls).toContain(`Menteri mengundurkan diri kemarin @ ${fake.baseUrl}/article.html`);
    expect(urls).toContain('Pemilu ditunda dua tahun @ https://cek.example/pemilu');
    // The next poll is conditional on Last-Modified; the same page again updates, never doubles.
    const again = await pollNow(feed);
    expect(fake.requests.filter((r) => r.path === '/article.html').at(-1)?.headers['if-modified-since']).toBe('Mon, 07 Dec 2026 10:00:00 GMT');
    expect(again).toMatchObject({ claimsCreated: 2, claimsUpdated: 2, lastResult: { created: 0, updated: 2 } });
  });
});

describe('a feed that goes wrong', () => {
  it('marks the error clearly, backs off, keeps every claim imported, and recovers', async () => {
    fake.set('/flaky.jsonld', { headers: ldJson, body: dataFeed(review('Harga beras naik 300 persen', 'https://cek.example/beras')) });
    const ok = await addFeed('/flaky.jsonld');
    expect(ok.claimsCreated).toBe(1);
    const before = await claimCount();

    fake.set('/flaky.jsonld', { headers: ldJson, body: '{"@type": "DataFeed", ' });
    const malformed = await pollNow(ok);
    expect(malformed).toMatchObject({ status: 'failing', consecutiveFailures: 1, lastError: { code: 'not-json' }, claimsCreated: 1 });
    // Backed off: twice the interval (±10 %), not the interval.
    expect(new Date(malformed.nextPollAt ?? 0).getTime() - Date.now()).toBeGreaterThan(1.7 * 3600_000);
    expect(await claimCount()).toBe(before);

    fake.set('/flaky.jsonld', { status: 429, headers: { 'retry-after': '30000' }, body: 'slow down' });
    const limited = await pollNow(malformed);
    expect(limited).toMatchObject({ status: 'failing', consecutiveFailures: 2, lastError: { code: 'rate-limited', detail: 'HTTP 429' } });
    expect(new Date(limited.nextPollAt ?? 0).getTime() - Date.now()).toBeGreaterThan(29_000_000);

    fake.set('/flaky.jsonld', { headers: { 'content-type': 'image/png' }, body: 'PNG' });
    expect((await pollNow(limited)).lastError).toEqual({ code: 'content-type', detail: 'image/png' });

    fake.set('/flaky.jsonld', { headers: ldJson, body: dataFeed(review('x'.repeat(70 * 1024), 'https://cek.example/besar')) });
    const large = await pollNow(await feedOf(ok.id));
    expect(large.lastError?.code).toBe('too-large');

    fake.set('/flaky.jsonld', { status: 500, body: 'oops' });
    expect((await pollNow(large)).lastError).toEqual({ code: 'http-status', detail: 'HTTP 500' });

    fake.set('/flaky.jsonld', { headers: ldJson, body: '{"@type":"Organization","name":"not a feed"}' });
    expect((await pollNow(await feedOf(ok.id))).lastError?.code).toBe('no-claim-review');
    expect(await claimCount()).toBe(before);

    fake.set('/flaky.jsonld', { headers: ldJson, body: dataFeed(review('Harga beras naik 300 persen', 'https://cek.example/beras')) });
    const recovered = await pollNow(await feedOf(ok.id));
    expect(recovered).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastError: null, claimsCreated: 1, claimsUpdated: 1 });
  });
});

describe('managing feeds', () => {
  it('pauses, resumes (polled again at once), refuses a duplicate and a bad address, and deletes keeping the claims', async () => {
    fake.set('/managed.jsonld', { headers: ldJson, body: dataFeed(review('Paspor baru wajib dibayar dua kali', 'https://cek.example/paspor')) });
    const feed = await addFeed('/managed.jsonld');
    const paused = await admin.patch(`/api/v1/integrity/claim-feeds/${feed.id}`, { enabled: false });
    expect(paused.json()).toMatchObject({ status: 'paused', enabled: false, nextPollAt: null });
    expect((await admin.post('/api/v1/integrity/claim-feeds', { unitId: rootId, name: 'again', url: feed.url })).json().error.code).toBe('integrity-claim-feed.exists');
    const bad = await admin.post('/api/v1/integrity/claim-feeds', { unitId: rootId, name: 'bad', url: 'ftp://cek.example/feed' });
    expect(bad.statusCode).toBe(400);
    const resumed = await admin.patch(`/api/v1/integrity/claim-feeds/${feed.id}`, { enabled: true, intervalSeconds: 900 });
    expect(resumed.json()).toMatchObject({ enabled: true, intervalSeconds: 900 });
    expect((await polledAfter(feed.id, feed.lastPolledAt)).status).toBe('ok');
    const before = await claimCount();
    expect((await admin.delete(`/api/v1/integrity/claim-feeds/${feed.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/v1/integrity/claim-feeds/${feed.id}`)).statusCode).toBe(404);
    expect(await claimCount()).toBe(before);
    const actions = (await queryRows<{ action: string }>(t.ctx.db, sql`select action from audit_log where target_id = ${feed.id} order by seq`)).map((r) => r.action);
    expect(actions).toEqual(['integrity-claim-feed.created', 'integrity-claim-feed.imported', 'integrity-claim-feed.updated', 'integrity-claim-feed.updated', 'integrity-claim-feed.imported', 'integrity-claim-feed.deleted']);
  });

  it('shows feeds to readers but lets only integrity.manage change them', async () => {
    const list = await analyst.get('/api/v1/integrity/claim-feeds');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as ClaimFeedDto[];
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]?.policies).toEqual({ update: false, delete: false, poll: false });
    expect(list.json().policies.create).toBe(false);
    const id = items[0]?.id ?? '';
    expect((await analyst.post('/api/v1/integrity/claim-feeds', { unitId: rootId, name: 'mine', url: `${fake.baseUrl}/x` })).statusCode).toBe(403);
    expect((await analyst.post(`/api/v1/integrity/claim-feeds/${id}/poll`)).statusCode).toBe(403);
    expect((await analyst.patch(`/api/v1/integrity/claim-feeds/${id}`, { enabled: false })).statusCode).toBe(403);
    expect((await analyst.delete(`/api/v1/integrity/claim-feeds/${id}`)).statusCode).toBe(403);
  });
});

describe('a feed at a private address, without an allow-list', () => {
  it('is refused by the outbound guard before any request leaves, and says so', async () => {
    const strict = await createTestApp({ outboundAllowCidrs: [] });
    const strictRunner = createJobRunner({ db: strict.database.db, registry: createJobRegistry(integrityJobs(strict.integrity, { outbound: strict.ctx.outbound })), workerId: 'claim-feeds-ssrf', pollMs: 30 });
    strictRunner.start();
    try {
      fake.set('/internal.jsonld', { headers: ldJson, body: dataFeed(review('Internal only', 'https://cek.example/internal')) });
      const root = (await findRootUnit(strict.ctx.db))?.id ?? '';
      const owner = await signInAs(strict.app, adminEmail, adminPassword);
      const port = new URL(fake.baseUrl).port;
      for (const url of [`http://127.0.0.1:${port}/internal.jsonld`, `http://[::ffff:127.0.0.1]:${port}/internal.jsonld`, `http://0x7f.1:${port}/internal.jsonld`]) {
        const res = await owner.post('/api/v1/integrity/claim-feeds', { unitId: root, name: 'internal', url });
        expect(res.statusCode, res.body).toBe(201);
        const until = Date.now() + 20_000;
        let feed = res.json() as ClaimFeedDto;
        while (!feed.lastPolledAt && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 50));
          feed = (await owner.get(`/api/v1/integrity/claim-feeds/${feed.id}`)).json();
        }
        expect(feed).toMatchObject({ status: 'failing', lastError: { code: 'unreachable', detail: null }, claimsCreated: 0 });
      }
      expect(fake.requests.filter((r) => r.path === '/internal.jsonld')).toEqual([]);
    } finally {
      await strictRunner.stop();
      await strict.close();
    }
  });
});
