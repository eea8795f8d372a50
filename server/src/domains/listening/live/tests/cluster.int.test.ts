import type { IngestItem } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, testPassword } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource } from '../../index.ts';

// An item's spread: its near-duplicate cluster's size, sources, authors, a timeline whose bars
// are chosen from the span, and the members newest first — as far as the caller may read.
let t: TestApp;
let analyser: Analyser;
let admin: Client;
let tokyoReader: Client;

const story = 'Menteri luar negeri kedua negara sepakat memperkuat patroli bersama di perairan Natuna untuk melindungi nelayan kecil dari kapal asing';
const t0 = Date.UTC(2026, 10, 20, 8, 0);
const minutes = (m: number) => new Date(t0 + m * 60_000).toISOString();
const by = (handle: string) => ({ remoteAccountId: handle, handle });

type Cluster = { clusterId: string; size: number; sources: number; authors: number; firstSeen: string; latestSeen: string; bucket: string; timeline: { start: string; count: number }[]; members: { id: string; externalId: string }[]; nextCursor: string | null };

async function clusterOf(client: Client, itemId: string, query = ''): Promise<Cluster> {
  const res = await client.get(`/api/v1/listening/items/${itemId}/cluster${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Cluster;
}

let firstId = '';
let tokyoItemId = '';
let loneId = '';
let slowId = '';

beforeAll(async () => {
  t = await createTestApp();
  analyser = await createAnalyser();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const root = await findRootUnit(t.ctx.db);
  const tokyo = await buildUnit(t.ctx, { name: 'Embassy Tokyo (cluster)' });
  tokyoReader = await signInAs(t.app, (await buildUser(t.ctx, { role: 'editor', unit: tokyo })).email, testPassword);
  const wire = await insertSource(t.ctx.db, { unitId: root?.id ?? '', connector: 'import', name: 'Wire' });
  const social = await insertSource(t.ctx.db, { unitId: root?.id ?? '', connector: 'import', name: 'Social' });
  const tokyoSource = await insertSource(t.ctx.db, { unitId: tokyo.id, connector: 'import', name: 'Tokyo press' });

  const first = await ingestBatch(t.ctx, analyser, wire, [{ remoteId: 'c1', text: story, publishedAt: minutes(0), author: by('harian') }]);
  firstId = first.inserted[0] ?? '';
  // Retold over 95 minutes by three more accounts on two sources: 5-minute bars.
  const retold: [string, IngestItem][] = [
    ['social', { remoteId: 'c2', text: `${story}. #LautKita`, publishedAt: minutes(3), author: by('bahari') }],
    ['social', { remoteId: 'c3', text: `Mantap! ${story}`, publishedAt: minutes(4), author: by('pesisir') }],
    ['wire', { remoteId: 'c4', text: `${story} 🇮🇩`, publishedAt: minutes(95), author: by('harian') }],
  ];
  for (const [name, item] of retold) await ingestBatch(t.ctx, analyser, name === 'wire' ? wire : social, [item]);
  const inTokyo = await ingestBatch(t.ctx, analyser, tokyoSource, [{ remoteId: 'c5', text: `RT: ${story}`, publishedAt: minutes(40), author: by('tokyo_press') }]);
  tokyoItemId = inTokyo.inserted[0] ?? '';
  const lone = await ingestBatch(t.ctx, analyser, wire, [{ remoteId: 'c6', text: 'Harga beras naik di pasar tradisional menjelang akhir tahun', publishedAt: minutes(10) }]);
  loneId = lone.inserted[0] ?? '';
  // Another story retold over two days: hourly bars.
  const slow = 'Indonesia and Japan mark seventy years of diplomatic relations with a cultural festival in Tokyo and a new exchange programme';
  const s = await ingestBatch(t.ctx, analyser, social, [{ remoteId: 'd1', text: slow, publishedAt: minutes(0) }]);
  slowId = s.inserted[0] ?? '';
  await ingestBatch(t.ctx, analyser, wire, [{ remoteId: 'd2', text: `${slow}.`, publishedAt: minutes(47 * 60 + 30) }]);
});
afterAll(() => t?.close());

describe('item spread', () => {
  it('summarises the cluster: size, sources, authors, first and latest seen', async () => {
    const c = await clusterOf(admin, firstId);
    expect(c).toMatchObject({ clusterId: firstId, size: 5, sources: 3, authors: 4, firstSeen: minutes(0), latestSeen: minutes(95), bucket: '5m' });
  });

  it('draws a timeline of 5-minute bars over the span, empty bars included', async () => {
    const c = await clusterOf(admin, firstId);
    expect(c.timeline[0]).toEqual({ start: minutes(0), count: 3 });
    expect(c.timeline).toHaveLength(20);
    expect(c.timeline.at(-1)).toEqual({ start: minutes(95), count: 1 });
    expect(c.timeline.find((b) => b.start === minutes(40))?.count).toBe(1);
    expect(c.timeline.reduce((sum, b) => sum + b.count, 0)).toBe(5);
    expect(c.timeline.filter((b) => b.count === 0)).toHaveLength(17);
  });

  it('chooses hourly bars for a two-day spread', async () => {
    const c = await clusterOf(admin, slowId);
    expect(c).toMatchObject({ size: 2, bucket: '1h' });
    expect(c.timeline).toHaveLength(48);
  });

  it('pages the members, newest first', async () => {
    const page1 = await clusterOf(admin, firstId, '?limit=2');
    expect(page1.members.map((m) => m.externalId)).toEqual(['c4', 'c5']);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await clusterOf(admin, firstId, `?limit=2&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`);
    expect(page2.members.map((m) => m.externalId)).toEqual(['c3', 'c2']);
    const page3 = await clusterOf(admin, firstId, `?limit=2&cursor=${encodeURIComponent(page2.nextCursor ?? '')}`);
    expect(page3.members.map((m) => m.externalId)).toEqual(['c1']);
    expect(page3.nextCursor).toBeNull();
    expect((await admin.get(`/api/v1/listening/items/${firstId}/cluster?cursor=nonsense`)).statusCode).toBe(400);
  });

  it('shows a lone item as a cluster of one', async () => {
    const c = await clusterOf(admin, loneId);
    expect(c).toMatchObject({ size: 1, sources: 1, members: [{ id: loneId }] });
    expect(c.timeline).toEqual([{ start: minutes(10), count: 1 }]);
  });

  it('counts only the members the caller may read', async () => {
    const c = await clusterOf(tokyoReader, tokyoItemId);
    expect(c).toMatchObject({ clusterId: firstId, size: 1, sources: 1, authors: 1 });
    expect(c.members.map((m) => m.id)).toEqual([tokyoItemId]);
    const hidden = await tokyoReader.get(`/api/v1/listening/items/${firstId}/cluster`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('listening-item.not-found');
  });
});
