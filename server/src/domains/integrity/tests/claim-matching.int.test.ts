// Claim matching on listening's store path (ADR 0023): an item repeating a registered claim is
// linked in the transaction that stores it, so the link exists when `items-collected` (what the live
// stream reads) is seen; copies in the same near-duplicate cluster add evidence to one finding; a
// redelivered or re-analysed item raises nothing twice; the workspace's thresholds decide between
// linking and suggesting; a claim registered later finds an old item through its back-fill job.
import type { IngestItem } from '@diplodesk/connector-sdk';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../platform/context.ts';
import { queryRows } from '../../../platform/db/index.ts';
import type { DomainEvent } from '../../../platform/events/outbox.ts';
import { createJobRegistry, createJobRunner } from '../../../platform/jobs/index.ts';
import { buildUnit, buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit, findUnit } from '../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource, type SourceRow, storedItems } from '../../listening/index.ts';
import { integrityJobs } from '../index.ts';
import { until } from '../../../test/until.ts';

let t: TestApp;
let admin: Client;
let analyser: Analyser;
let rootId: string;
let feed: SourceRow;
let runner: ReturnType<typeof createJobRunner>;

type LinkRow = { item_id: string; claim_id: string; state: string; score: number };
type FindingRow = { id: string; subject_key: string; item_count: number; account_keys: string[]; status: string };

const linksOf = (itemIds: readonly string[]) =>
  itemIds.length === 0 ? Promise.resolve([]) : queryRows<LinkRow>(t.ctx.db, sql`select item_id, claim_id, state, score from integrity_claim_links where item_id in ${sql`(${sql.join(itemIds.map((id) => sql`${id}::uuid`), sql`, `)})`}`);
const findingsOf = (claimId: string) => queryRows<FindingRow>(t.ctx.db, sql`select id, subject_key, item_count, account_keys, status from integrity_findings where claim_id = ${claimId} order by created_at`);
const eventsOf = (type: string, claimId: string) => queryRows<{ unit_id: string }>(t.ctx.db, sql`select unit_id from outbox where type = ${type} and data->>'claimId' = ${claimId}`);

async function registerClaim(text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/v1/integrity/claims', { unitId: rootId, claimReviewed: text, language: 'en', reviewRating: { alternateName: 'False' }, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

let n = 0;
const post = (text: string, handle: string, publishedAt = new Date().toISOString()): IngestItem => ({ remoteId: `p${++n}`, text, publishedAt, author: { remoteAccountId: handle, handle } });
const ingest = async (...items: IngestItem[]) => (await ingestBatch(t.ctx, analyser, feed, items, t.storedItems)).inserted;

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
  analyser = await createAnalyser();
  feed = await insertSource(t.ctx.db, { unitId: rootId, connector: 'rss', name: 'Wire', config: { url: 'https://news.example/rss' } });
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry(integrityJobs(t.integrity, { outbound: t.ctx.outbound, backfillPageSize: 2 })), workerId: 'integrity-test', pollMs: 40 });
});
afterAll(async () => {
  await runner?.stop();
  await t?.close();
});

describe('claim matching on the ingest path', () => {
  let visaClaim: string;
  let firstItem: string;

  it('links an item repeating a registered claim before items-collected announces it', async () => {
    visaClaim = await registerClaim('The Ministry of Foreign Affairs is offering free visas to Japan for everyone who registers online', {
      translations: [{ language: 'id', text: 'Kementerian Luar Negeri memberikan visa gratis ke Jepang bagi semua yang mendaftar secara daring' }],
    });
    // What a subscriber of items-collected (the live stream) finds when the event reaches it.
    const seen: { ids: string[]; links: LinkRow[] }[] = [];
    const live: DomainEvent[] = [];
    const stop = t.bus.subscribeFanout(async (event: DomainEvent) => {
      if (event.type === 'integrity.finding-raised') live.push(event);
      if (event.type !== 'listening.items-collected') return;
      const ids = (event.data as { ids: string[] }).ids;
      seen.push({ ids, links: await linksOf(ids) });
    });
    t.startIngestWorker();
    const item = post('BREAKING: the Ministry of Foreign Affairs is offering free visas to Japan for everyone who registers online! Share now', 'visa_news');
    await inTransaction(t.ctx, (tx) => t.ingestStream.append(tx, [{ sourceId: feed.id, unitId: rootId, item }]));
    const [first] = await until(async () => seen, (s) => s.length > 0, 'items-collected');
    // The live gateway (fan-out, to readers of the unit) pushes the new finding.
    const [raised] = await until(async () => live, (l) => l.length > 0, 'finding-raised on the bus');
    stop();
    expect(raised).toMatchObject({ unitId: rootId, data: { detector: 'claim-match', claimId: visaClaim, status: 'new' } });
    firstItem = first?.ids[0] ?? '';
    expect(first?.links).toMatchObject([{ item_id: firstItem, claim_id: visaClaim, state: 'auto' }]);
    const findings = await findingsOf(visaClaim);
    expect(findings).toMatchObject([{ subject_key: `claim:${visaClaim}:cluster:${firstItem}`, item_count: 1, account_keys: ['visa_news'], status: 'new' }]);
    expect(await eventsOf('integrity.finding-raised', visaClaim)).toEqual([{ unit_id: rootId }]);
    // The item's page shows the claim and its debunk.
    const links = await admin.get(`/api/v1/integrity/items/${firstItem}/claim-links`);
    expect(links.json().items).toMatchObject([{ claimId: visaClaim, state: 'auto', claim: { rating: 'False' } }]);
  });

  it('adds near-duplicate copies to the same finding, and raises nothing twice on redelivery or re-analysis', async () => {
    const copy = await ingest(post('the Ministry of Foreign Affairs is offering free visas to Japan for everyone who registers online!! Share now', 'echo_account'));
    expect(await linksOf(copy)).toMatchObject([{ claim_id: visaClaim, state: 'auto' }]);
    let findings = await findingsOf(visaClaim);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ item_count: 2, account_keys: ['visa_news', 'echo_account'] });

    // Redelivered: the same item again is skipped by listening, so nothing reaches the matcher.
    const [stored] = await storedItems(t.ctx.db, [firstItem]);
    if (!stored) throw new Error('first item missing');
    const again = await ingestBatch(t.ctx, analyser, feed, [post(stored.text, 'visa_news')].map((p) => ({ ...p, remoteId: 'p1' })), t.storedItems);
    expect(again.inserted).toEqual([]);
    // Re-analysed: the hook run again on stored items (as a re-analysis or back-fill would) links nothing new.
    await inTransaction(t.ctx, async (tx) => t.storedItems(tx, await storedItems(tx, [firstItem, ...copy])));
    findings = await findingsOf(visaClaim);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.item_count).toBe(2);
    expect(await eventsOf('integrity.finding-raised', visaClaim)).toHaveLength(1);
    const spread = (await admin.get(`/api/v1/integrity/claims/${visaClaim}/spread`)).json();
    expect(spread).toMatchObject({ items: 2, accounts: 2 });
    expect((await admin.get('/api/v1/integrity/findings/counts')).json().open).toBe(1);
  });

  it('suggests or links by the workspace thresholds; a person confirms a suggestion', async () => {
    const claim = await registerClaim('5G towers spread the coronavirus across Jakarta');
    const analyst = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst' })).email, testPassword);
    const set = (autoLink: number, suggest: number) => admin.request({ method: 'PUT', url: '/api/v1/integrity/settings', payload: { autoLink, suggest } });

    // Nothing reaches a suggest threshold of 1: no link at all.
    expect((await set(1, 1)).statusCode).toBe(200);
    const ignored = await ingest(post('Is it true that 5G towers spread the coronavirus across Jakarta? asking for a friend', 'asker_1'));
    expect(await linksOf(ignored)).toEqual([]);

    // Suggest from 0.5, link only at 1: a person is asked.
    const settings = (await set(1, 0.5)).json();
    expect(settings).toMatchObject({ autoLink: 1, suggest: 0.5 });
    const asked = await ingest(post('People say 5G towers spread the coronavirus across Jakarta, is that true?', 'asker_2'));
    const [suggested] = await linksOf(asked);
    expect(suggested).toMatchObject({ claim_id: claim, state: 'suggested' });
    expect(await findingsOf(claim)).toEqual([]);
    const queue = (await admin.get(`/api/v1/integrity/claims/${claim}/links?state=suggested`)).json();
    expect(queue.total).toBe(1);
    const linkId = queue.items[0].id;
    expect((await analyst.post(`/api/v1/integrity/claim-links/${linkId}/confirm`)).statusCode).toBe(403);
    const confirmed = await admin.post(`/api/v1/integrity/claim-links/${linkId}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', policies: { confirm: false, reject: true } });
    expect(await findingsOf(claim)).toHaveLength(1);
    expect((await admin.post(`/api/v1/integrity/claim-links/${linkId}/confirm`)).statusCode).toBe(409);

    // Back to the shipped defaults: the same kind of post is linked at once.
    const defaults = (await admin.get('/api/v1/integrity/settings')).json().defaults;
    expect((await set(defaults.autoLink, defaults.suggest)).statusCode).toBe(200);
    const linked = await ingest(post('Wake up: 5G towers spread the coronavirus across Jakarta and nobody reports it', 'wake_up'));
    const [link] = await linksOf(linked);
    expect(link?.state).toBe(link && link.score >= defaults.autoLink ? 'auto' : 'suggested');
    expect(link?.state).toBe('auto');
  });

  it('finds an item stored before its claim through the back-fill job', async () => {
    const old = await ingest(
      post('My uncle says drinking diluted bleach cures malaria within three days, he tried it', 'uncle_fan', new Date(Date.now() - 20 * 86_400_000).toISOString()),
      post('Harga beras naik di pasar tradisional menjelang akhir tahun', 'pasar_info'),
    );
    expect(await linksOf(old)).toEqual([]);
    const claim = await registerClaim('Drinking diluted bleach cures malaria within three days');
    runner.start();
    const [link] = await until(() => linksOf(old), (l) => l.length > 0, 'the back-fill link');
    expect(link).toMatchObject({ item_id: old[0], claim_id: claim, state: 'auto' });
    const done = await until(async () => (await admin.get(`/api/v1/integrity/claims/${claim}`)).json(), (c) => c.backfill.state === 'done', 'the back-fill to finish');
    expect(done.backfill.done).toBeGreaterThanOrEqual(done.backfill.total);
    expect(done.links.auto).toBe(1);
    expect(await findingsOf(claim)).toHaveLength(1);
  });

  it('matches a claim against items of its unit and below only; a mission sees the claims above it', async () => {
    const root = await findUnit(t.ctx.db, rootId);
    if (!root) throw new Error('no root');
    const mission = await buildUnit(t.ctx, { parent: root, kind: 'mission', name: 'Embassy in Tokyo' });
    const missionFeed = await insertSource(t.ctx.db, { unitId: mission.id, connector: 'rss', name: 'Tokyo wire', config: { url: 'https://tokyo.example/rss' } });
    const created = await admin.post('/api/v1/integrity/claims', { unitId: mission.id, claimReviewed: 'The embassy in Tokyo closes its consular section for good next month', language: 'en', reviewRating: { alternateName: 'False' } });
    expect(created.statusCode, created.body).toBe(201);
    const missionClaim: string = created.json().id;
    const headquarters = await ingest(post('Reports say the embassy in Tokyo closes its consular section for good next month', 'hq_reader'));
    expect(await linksOf(headquarters)).toEqual([]);
    const inMission = (await ingestBatch(t.ctx, analyser, missionFeed, [post('The embassy in Tokyo closes its consular section for good next month, sad news', 'tokyo_reader'), post('the Ministry of Foreign Affairs is offering free visas to Japan for everyone who registers online', 'tokyo_visa')], t.storedItems)).inserted;
    const links = await linksOf(inMission);
    expect(links.map((l) => l.claim_id).sort()).toEqual([missionClaim, visaClaim].sort());

    const missionAnalyst = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst', unit: mission })).email, testPassword);
    const seen = (await missionAnalyst.get('/api/v1/integrity/claims?limit=200')).json().items.map((c: { id: string }) => c.id);
    expect(seen).toEqual(expect.arrayContaining([visaClaim, missionClaim]));
    const findings = (await missionAnalyst.get('/api/v1/integrity/findings')).json().items;
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ claimId: missionClaim, unitId: mission.id })]));
    // Headquarters' claim stays managed at headquarters.
    expect((await missionAnalyst.get(`/api/v1/integrity/claims/${visaClaim}`)).json().policies).toEqual({ update: false, delete: false });
  });

  it('follows the registry: a re-worded claim matches its new words, a deleted one nothing', async () => {
    const claim = await registerClaim('Volcanic ash from Mount Merapi poisons the water supply of Yogyakarta');
    const reworded = await admin.patch(`/api/v1/integrity/claims/${claim}`, { claimReviewed: 'The national football team was banned from the Asian Cup for match fixing' });
    expect(reworded.statusCode, reworded.body).toBe(200);
    const oldWords = await ingest(post('Warning: volcanic ash from Mount Merapi poisons the water supply of Yogyakarta, do not drink', 'ash_alert'));
    expect(await linksOf(oldWords)).toEqual([]);
    const newWords = await ingest(post('Shocking: the national football team was banned from the Asian Cup for match fixing', 'sports_rumours'));
    expect(await linksOf(newWords)).toMatchObject([{ claim_id: claim, state: 'auto' }]);
    expect((await admin.delete(`/api/v1/integrity/claims/${claim}`)).statusCode).toBe(204);
    const afterDelete = await ingest(post('Is it true the national football team was banned from the Asian Cup for match fixing??', 'sports_fan'));
    expect(await linksOf(afterDelete)).toEqual([]);
  });
});
