// The impersonation and coordination detectors on listening's events (ADR 0024): items stored by the
// ingest path reach a group subscription on the bus; a look-alike of a registered official account
// (or of a connected publishing channel) raises one finding, a redelivered event nothing more; a
// planted coordinated group among background posts raises one network finding with exactly its
// accounts, readable as a graph; unrelated accounts raise nothing.
import type { IngestItem } from '@diplodesk/connector-sdk';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../platform/context.ts';
import { newIdFor, queryRows } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource, itemsCollected, type SourceRow } from '../../listening/index.ts';
import { createCoordinationWatch } from '../coordination/coordination-watch.ts';
import { until } from '../../../test/until.ts';

let t: TestApp;
let admin: Client;
let analyser: Analyser;
let rootId: string;
let x: SourceRow;

type FindingRow = { id: string; detector: string; subject_key: string; item_count: number; item_ids: string[]; account_keys: string[]; evidence: Record<string, unknown>; unit_id: string };
const findings = (detector: string) =>
  queryRows<FindingRow>(t.ctx.db, sql`select id, detector, subject_key, item_count, item_ids, account_keys, evidence, unit_id from integrity_findings where detector = ${detector} order by created_at`);
const raisedEvents = (detector: string) => queryRows<{ id: string }>(t.ctx.db, sql`select id from outbox where type = 'integrity.finding-raised' and data->>'detector' = ${detector}`);

let n = 0;
const post = (text: string, handle: string, at: Date, displayName?: string): IngestItem => ({
  remoteId: `d${++n}`,
  text,
  publishedAt: at.toISOString(),
  author: { remoteAccountId: `id-${handle}`, handle, ...(displayName ? { displayName } : {}) },
});
const ingest = async (items: IngestItem[]) => (await ingestBatch(t.ctx, analyser, x, items, t.storedItems)).inserted;

// Background texts: real-looking, all different, so that none are near-duplicates of each other.
const subjects = ['harbour', 'rice harvest', 'rail line', 'school year', 'monsoon', 'coffee exports', 'film festival', 'football final', 'city budget', 'power grid', 'bird count', 'night market'];
const verbs = ['opens', 'is delayed again', 'breaks a record', 'draws crowds', 'gets new funding', 'faces criticism', 'moves to the north', 'ends early'];
const places = ['in Surabaya', 'near Medan', 'across Bali', 'outside Makassar', 'in Bandung', 'around Semarang', 'on Lombok', 'in Pontianak'];

beforeAll(async () => {
  t = await createTestApp();
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  admin = await signInAs(t.app, adminEmail, adminPassword);
  analyser = await createAnalyser();
  x = await insertSource(t.ctx.db, { unitId: rootId, connector: 'x', name: 'X search', config: { query: 'indonesia' } });
});
afterAll(() => t?.close());

describe('impersonation', () => {
  it('keeps a registry of official accounts, pre-filled from the connected channels, with audited changes', async () => {
    // A channel the statements desk connected (its row, as publishing stores it).
    await t.ctx.db.execute(
      sql`insert into channel_accounts (id, unit_id, platform, handle, display_name, remote_account_id) values (${newIdFor()}, ${rootId}, 'x', 'KBRI_Tokyo', 'Embassy of Indonesia in Tokyo', '777')`,
    );
    const created = await admin.post('/api/v1/integrity/official-accounts', { unitId: rootId, platform: 'X', handle: '@KemluRI', displayName: 'Kementerian Luar Negeri RI' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ platform: 'x', handle: 'KemluRI', origin: 'manual', policies: { update: true, delete: true } });
    expect((await admin.post('/api/v1/integrity/official-accounts', { unitId: rootId, platform: 'x', handle: 'kemluri' })).json().error.code).toBe('integrity-official-account.exists');
    const list = await admin.get('/api/v1/integrity/official-accounts');
    expect(list.json().items).toMatchObject([
      { handle: 'KBRI_Tokyo', origin: 'channel', policies: { update: false } },
      { handle: 'KemluRI', origin: 'manual' },
    ]);
    const temp = await admin.post('/api/v1/integrity/official-accounts', { unitId: rootId, platform: 'mastodon', handle: 'kemlu@mastodon.social' });
    const changed = await admin.patch(`/api/v1/integrity/official-accounts/${temp.json().id}`, { displayName: 'Kemlu' });
    expect(changed.json()).toMatchObject({ displayName: 'Kemlu' });
    expect((await admin.delete(`/api/v1/integrity/official-accounts/${temp.json().id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/v1/integrity/official-accounts/${temp.json().id}`)).statusCode).toBe(404);
    const audit = await queryRows<{ action: string }>(t.ctx.db, sql`select action from audit_log where action like 'integrity-official-account.%' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['integrity-official-account.created', 'integrity-official-account.created', 'integrity-official-account.updated', 'integrity-official-account.removed']);
  });

  it('raises one finding for a look-alike, with the evidence side by side, and nothing more on redelivery', async () => {
    const now = new Date();
    const ids = await ingest([
      post('Visa gratis untuk semua, daftar sekarang!', 'KemIuRI', now, 'Kementerian Luar Negeri RI'),
      post('Pengumuman penting dari kedutaan hari ini', 'KBRI_Tokyo_resmi', now, 'KBRI Tokyo'),
      post('Weekend traffic report for the capital', 'jakarta_traffic', now, 'Jakarta Traffic'),
      post('Official statement on the bilateral visit', 'KemluRI', now, 'Kementerian Luar Negeri RI'),
    ]);
    expect(ids).toHaveLength(4);
    const raised = await until(() => findings('impersonation'), (f) => f.length === 2, 'two impersonation findings');
    const bySubject = new Map(raised.map((f) => [f.subject_key, f]));
    const kemlu = bySubject.get('account:x:kemiuri');
    expect(kemlu).toMatchObject({ item_count: 1, item_ids: [ids[0]], account_keys: ['x:KemIuRI'], unit_id: rootId });
    expect(kemlu?.evidence).toMatchObject({
      official: { platform: 'x', handle: 'KemluRI', origin: 'manual' },
      lookAlike: { platform: 'x', handle: 'KemIuRI', displayName: 'Kementerian Luar Negeri RI' },
      signals: { confusableSkeleton: true },
    });
    expect(bySubject.get('account:x:kbri_tokyo_resmi')?.evidence).toMatchObject({ official: { handle: 'KBRI_Tokyo', origin: 'channel' }, signals: { addedWords: ['resmi'] } });

    // The same event delivered again, then a new item by a known look-alike and one by a new one.
    await inTransaction(t.ctx, (tx) => appendEvents(tx, [{ type: itemsCollected, unitId: rootId, data: { sourceId: x.id, ids } }]));
    const more = await ingest([post('Sekali lagi: visa gratis!', 'KemIuRI', new Date(), 'Kementerian Luar Negeri RI'), post('Info resmi', 'Kemlu_RI_official', new Date())]);
    const after = await until(() => findings('impersonation'), (f) => f.length === 3, 'the third look-alike');
    expect(after.find((f) => f.subject_key === 'account:x:kemiuri')).toMatchObject({ item_count: 2, item_ids: [ids[0], more[0]] });
    expect(await raisedEvents('impersonation')).toHaveLength(3);
    // The official account and the unrelated one raised nothing.
    expect(after.flatMap((f) => f.account_keys)).not.toContain('x:KemluRI');
    expect(after.flatMap((f) => f.account_keys)).not.toContain('x:jakarta_traffic');
  });
});

describe('coordination', () => {
  it('raises one network finding for a planted group among background posts, and nothing for unrelated accounts', async () => {
    const start = Date.now() - 3 * 3_600_000;
    const minute = 60_000;
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    const background: IngestItem[] = [];
    // 40 accounts posting their own news at random times over three hours …
    for (let i = 0; i < 120; i++) {
      background.push(post(`The ${pick(subjects)} ${pick(verbs)} ${pick(places)} (report ${i})`, `reader_${i % 40}_news`, new Date(start + random() * 180 * minute)));
    }
    // … and sharing popular links, but hours apart: people, not a network.
    for (let l = 0; l < 10; l++) {
      for (let k = 0; k < 4; k++) background.push(post(`Worth reading https://news.example/story-${l}?utm_source=x`, `reader_${(l * 7 + k * 11) % 40}_news`, new Date(start + random() * 180 * minute)));
    }
    // Five accounts sharing the same four links, each burst within about ten seconds.
    const group = ['amplify_01', 'amplify_02', 'amplify_03', 'amplify_04', 'amplify_05'];
    const planted: IngestItem[] = [];
    for (let l = 0; l < 4; l++) {
      const at = start + (20 + l * 40) * minute;
      for (const [g, handle] of group.entries()) planted.push(post(`${pick(['Must see', 'Share this', 'The truth'])} https://campaign.example/p/${l} #${g}`, handle, new Date(at + g * 2_000 + random() * 1_000)));
    }
    await ingest(background.slice(0, 80));
    await ingest(planted);
    await ingest(background.slice(80));

    const [network] = await until(() => findings('coordination'), (f) => f.length > 0 && f[0]!.account_keys.length === group.length, 'the network finding');
    const all = await findings('coordination');
    expect(all).toHaveLength(1);
    expect([...(network?.account_keys ?? [])].sort()).toEqual(group.map((h) => `x:${h}`));
    expect(network?.subject_key).toMatch(/^pair:x:amplify_0\d\|x:amplify_0\d$/);
    expect(network?.item_count).toBe(planted.length);

    const graph = await admin.get(`/api/v1/integrity/findings/${network?.id}/network`);
    expect(graph.statusCode, graph.body).toBe(200);
    const body = graph.json();
    expect(body.nodes.map((node: { label: string }) => node.label).sort()).toEqual(group);
    // Which pairs fall within the window estimated from the data (CooRnet) depends on the bursts'
    // spacing: at least a chain through all five, each pair co-sharing all four links.
    expect(body.edges.length).toBeGreaterThanOrEqual(group.length - 1);
    expect(body.edges.length).toBeLessThanOrEqual(10);
    for (const edge of body.edges) expect(edge.weight).toBe(4);
    expect(body.edges[0].objects[0]).toMatch(/^url:campaign\.example\/p\/\d$/);
    expect(body.timeline).toHaveLength(planted.length);
    expect(body.window.seconds).toBeGreaterThan(0);

    // An impersonation finding has no network.
    const [imp] = await findings('impersonation');
    expect((await admin.get(`/api/v1/integrity/findings/${imp?.id}/network`)).json().error.code).toBe('integrity-finding.no-network');
    // Nothing else was raised.
    expect(await raisedEvents('coordination')).toHaveLength(1);
  });

  it('rebuilds a new process\'s tracker from the stored items, without raising again', async () => {
    const restarted = createCoordinationWatch();
    expect(await restarted.onItems(t.ctx, [])).toBe(0);
    // Every item stored by this file (all within the horizon) is back in the tracker.
    const [{ count } = { count: 0 }] = await queryRows<{ count: number }>(t.ctx.db, sql`select count(*)::int as count from listening_items`);
    expect(restarted.size.items).toBe(count);
    const [network] = await findings('coordination');
    expect(network?.item_count).toBe(20);
    expect(await raisedEvents('coordination')).toHaveLength(1);
  });
});
