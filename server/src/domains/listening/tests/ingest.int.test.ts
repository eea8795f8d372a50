import type { IngestItem } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { type Analyser, createAnalyser, facetSummary, ingestBatch, insertSource, type SourceRow, searchItems } from '../index.ts';

let t: TestApp;
let analyser: Analyser;
let source: SourceRow;
let other: SourceRow;
let unitIds: string[];

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 8, minutes)).toISOString();
const items: IngestItem[] = [
  { remoteId: 'a1', url: 'https://news.example/a1', text: 'Indonesia dan Malaysia menandatangani kesepakatan perikanan di Jakarta. Nelayan kecil sangat senang!', publishedAt: at(1) },
  { remoteId: 'a2', text: 'Japan and Australia agree on maritime security cooperation in the Pacific; the agreement is a great step.', publishedAt: at(2) },
  { remoteId: 'a3', text: 'Pemerintah gagal menangani banjir, warga sangat kecewa dengan pelayanan yang buruk.', publishedAt: at(3) },
  { remoteId: 'a4', text: '#Diplomacy update from @kemlu: https://kemlu.example/x — vaccine donations to Pacific partners arrive', publishedAt: at(4) },
];

beforeAll(async () => {
  t = await createTestApp();
  analyser = await createAnalyser();
  const root = await findRootUnit(t.ctx.db);
  unitIds = [root?.id ?? ''];
  source = await insertSource(t.ctx.db, { unitId: unitIds[0] as string, connector: 'rss', name: 'Test feed', config: { url: 'https://news.example/rss' } });
  other = await insertSource(t.ctx.db, { unitId: unitIds[0] as string, connector: 'import', name: 'Import' });
});
afterAll(() => t?.close());

describe('listening ingest', () => {
  it('analyses and stores a batch once, however often it is replayed', async () => {
    const first = await ingestBatch(t.ctx, analyser, source, items);
    expect(first.inserted).toHaveLength(4);
    const again = await ingestBatch(t.ctx, analyser, source, items);
    expect(again).toMatchObject({ inserted: [], skipped: 4 });
    // Same words under another external id from the same source: still one item.
    const reworded = await ingestBatch(t.ctx, analyser, source, [{ ...items[1], remoteId: 'a2-copy' } as IngestItem]);
    expect(reworded.inserted).toHaveLength(0);
    // Another source saying the same thing is a separate item (evidence of spread).
    const elsewhere = await ingestBatch(t.ctx, analyser, other, [items[1] as IngestItem]);
    expect(elsewhere.inserted).toHaveLength(1);
  });

  it('keeps the analysis: language, countries, topics, tone, entities', async () => {
    const all = await searchItems(t.ctx.db, { unitIds, limit: 50, sourceIds: [source.id] });
    const byId = new Map(all.map((r) => [r.externalId, r]));
    expect(byId.get('a1')).toMatchObject({ language: 'id', sentimentMethod: 'id-lexicon-nusax' });
    expect(byId.get('a1')?.countries).toEqual(expect.arrayContaining(['ID', 'MY']));
    expect(byId.get('a2')).toMatchObject({ language: 'en' });
    expect(byId.get('a2')?.countries).toEqual(expect.arrayContaining(['JP', 'AU']));
    expect(byId.get('a2')?.topicIds).toContain('maritime-security');
    expect(byId.get('a3')?.sentiment ?? 0).toBeLessThan(0);
    expect(byId.get('a4')).toMatchObject({ hashtags: ['diplomacy'], mentions: ['kemlu'] });
    expect(byId.get('a4')?.urls[0]).toContain('kemlu.example');
  });

  it('searches in Indonesian and English (stemmed), with filters and facets', async () => {
    // "kesepakatan" is stored under the Indonesian configuration; the query's stem matches it.
    expect((await searchItems(t.ctx.db, { unitIds, q: 'sepakat', limit: 10 })).map((r) => r.externalId)).toContain('a1');
    expect((await searchItems(t.ctx.db, { unitIds, q: 'agreements', limit: 10 })).map((r) => r.externalId)).toContain('a2');
    expect((await searchItems(t.ctx.db, { unitIds, countries: ['MY'], limit: 10 })).map((r) => r.externalId)).toEqual(['a1']);
    expect((await searchItems(t.ctx.db, { unitIds, sentimentMax: -0.1, limit: 10 })).map((r) => r.externalId)).toEqual(['a3']);
    expect(await searchItems(t.ctx.db, { unitIds: ['00000000-0000-7000-8000-000000000000'], limit: 10 })).toEqual([]);
    const facets = await facetSummary(t.ctx.db, { unitIds, limit: 100 });
    expect(facets.language.find((f) => f.value === 'id')?.count).toBe(2);
    expect(facets.country.map((f) => f.value)).toEqual(expect.arrayContaining(['AU', 'JP', 'ID', 'MY']));
    expect(facets.sampled).toBeNull();
    // Past the sample size, the counts describe the newest matches and say so.
    const sampled = await facetSummary(t.ctx.db, { unitIds, limit: 100 }, { sample: 2 });
    expect(sampled.sampled).toBe(2);
    expect(sampled.language.reduce((n, f) => n + f.count, 0)).toBe(2);
  });

  it('clusters near-duplicates across sources and keeps unrelated items apart', async () => {
    const story = 'Ribuan nelayan di Natuna menyambut kesepakatan perikanan regional yang melindungi laut dan mata pencaharian mereka';
    const a = await ingestBatch(t.ctx, analyser, source, [{ remoteId: 'c1', text: story, publishedAt: at(10) }]);
    const b = await ingestBatch(t.ctx, analyser, other, [{ remoteId: 'c2', text: `${story} #Natuna`, publishedAt: at(11) }]);
    const c = await ingestBatch(t.ctx, analyser, other, [{ remoteId: 'c3', text: 'Harga beras naik di pasar tradisional menjelang akhir tahun', publishedAt: at(12) }]);
    const all = await searchItems(t.ctx.db, { unitIds, limit: 100 });
    const cluster = (id: string) => all.find((r) => r.id === id)?.clusterId;
    expect(cluster(a.inserted[0] as string)).toBe(a.inserted[0]);
    expect(cluster(b.inserted[0] as string)).toBe(a.inserted[0]);
    expect(cluster(c.inserted[0] as string)).toBe(c.inserted[0]);
    const members = await searchItems(t.ctx.db, { unitIds, clusterId: a.inserted[0] as string, limit: 10 });
    expect(members.map((m) => m.externalId).sort()).toEqual(['c1', 'c2']);
  });

  it('drops what is not speech instead of failing the batch', async () => {
    const res = await ingestBatch(t.ctx, analyser, source, [
      { remoteId: 'b1', text: '   ', publishedAt: at(5) },
      { remoteId: 'b2', text: 'valid text after a NUL\u0000 byte', publishedAt: at(6) },
      { remoteId: 'b3', text: 'no date', publishedAt: 'yesterday' },
    ]);
    expect(res.inserted).toHaveLength(1);
  });
  it('keeps an item but drops a link that is not http(s): javascript:, data:, vbscript: in any disguise', async () => {
    const hostile = ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', '\u0001javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'VBScript:msgbox(1)', '&#106;avascript:alert(1)', 'javascript&colon;alert(1)', '//evil.example/x'];
    const batch: IngestItem[] = hostile.map((url, i) => ({ remoteId: `x${i}`, url, author: { remoteAccountId: `u${i}`, handle: `h${i}`, url }, text: `Item number ${i} with a hostile link about maritime cooperation`, publishedAt: at(20 + i) }));
    batch.push({ remoteId: 'x-ok', url: 'https://news.example/ok', author: { remoteAccountId: 'ok', handle: 'ok', url: 'HTTPS://news.example/@ok' }, text: 'An item with a good link about vaccine donations', publishedAt: at(40) });
    const res = await ingestBatch(t.ctx, analyser, source, batch);
    expect(res.inserted).toHaveLength(hostile.length + 1);
    const stored = await searchItems(t.ctx.db, { unitIds, limit: 100, sourceIds: [source.id] });
    const byId = new Map(stored.map((r) => [r.externalId, r]));
    for (let i = 0; i < hostile.length; i++) {
      expect(byId.get(`x${i}`)?.url, hostile[i]).toBeNull();
      expect(byId.get(`x${i}`)?.author?.url, hostile[i]).toBeUndefined();
    }
    expect(byId.get('x-ok')).toMatchObject({ url: 'https://news.example/ok', author: { url: 'HTTPS://news.example/@ok' } });
  });
  it('strips bidi controls from author handles and names, which cannot mean them', async () => {
    const res = await ingestBatch(t.ctx, analyser, source, [
      { remoteId: 'bidi-1', author: { remoteAccountId: 'b1', handle: 'kemlu\u202Eir_\u202C', displayName: 'Kemlu \u2067RI\u2069\u200F' }, text: 'A post by an account whose handle hides a direction override', publishedAt: at(50) },
    ]);
    expect(res.inserted).toHaveLength(1);
    const [stored] = await searchItems(t.ctx.db, { unitIds, limit: 10, sourceIds: [source.id], q: 'override' });
    expect(stored?.author).toMatchObject({ handle: 'kemluir_', name: 'Kemlu RI' });
  });
});
