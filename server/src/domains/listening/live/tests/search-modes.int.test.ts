import type { IngestItem } from '@diplodesk/connector-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, testPassword } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { createAnalyser, ingestBatch, insertSource } from '../../index.ts';

// `match=contains`: a case-insensitive substring with `%`, `_` and `\` taken literally (partial
// words, scripts without spaces); and "did you mean" when a short word search finds nothing.
let t: TestApp;
let admin: Client;
let outsider: Client;

const at = (minutes: number) => new Date(Date.now() - (600 - minutes) * 60_000).toISOString();
const items: IngestItem[] = [
  { remoteId: 's1', text: 'Diskon 50% untuk nelayan kecil di pelabuhan Natuna mulai pekan depan.', publishedAt: at(1) },
  { remoteId: 's2', text: 'Diskon 50 persen tidak berlaku bagi kapal asing yang menangkap ikan secara ilegal.', publishedAt: at(2) },
  { remoteId: 's3', text: 'The ministry renamed the file budget_2026_final before the hearing on fisheries.', publishedAt: at(3) },
  { remoteId: 's4', text: 'The ministry renamed the file budgetX2026Xfinal after the hearing on fisheries.', publishedAt: at(4) },
  { remoteId: 's5', text: '印度尼西亚与太平洋岛国同意联合巡逻，打击非法捕鱼。', publishedAt: at(5) },
  { remoteId: 's6', text: 'ประเทศอินโดนีเซียและหมู่เกาะแปซิฟิกตกลงลาดตระเวนร่วมกัน', publishedAt: at(6) },
  { remoteId: 's7', text: 'Patroli bersama di Laut Natuna diperkuat\n\nKapal patroli dari kedua negara berlayar bersama. #LautKita', publishedAt: at(7) },
  { remoteId: 's8', text: 'A back\\slash in a path: C:\\diplo\\desk is where the archive lives.', publishedAt: at(8) },
];

beforeAll(async () => {
  t = await createTestApp();
  admin = await signInAs(t.app, adminEmail, adminPassword);
  const root = await findRootUnit(t.ctx.db);
  const source = await insertSource(t.ctx.db, { unitId: root?.id ?? '', connector: 'import', name: 'Search modes' });
  await ingestBatch(t.ctx, await createAnalyser(), source, items);
  const other = await buildUnit(t.ctx, { name: 'Embassy Lima (search modes)' });
  outsider = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst', unit: other })).email, testPassword);
});
afterAll(() => t?.close());

async function ids(client: Client, q: string, match: 'words' | 'contains'): Promise<string[]> {
  const res = await client.get(`/api/v1/listening/items?q=${encodeURIComponent(q)}&match=${match}&facets=0&limit=50`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { externalId: string }[]).map((i) => i.externalId).filter((id) => /^s\d$/.test(id)).sort();
}

describe('contains search', () => {
  it('matches parts of words, ignoring case', async () => {
    expect(await ids(admin, 'LAYAN', 'contains')).toEqual(['s1']);
    // Word search matches whole (stemmed) words only.
    expect(await ids(admin, 'layan', 'words')).toEqual([]);
  });

  it('takes % and _ and \\ literally', async () => {
    expect(await ids(admin, '50%', 'contains')).toEqual(['s1']);
    expect(await ids(admin, 'budget_2026', 'contains')).toEqual(['s3']);
    expect(await ids(admin, '\\diplo\\', 'contains')).toEqual(['s8']);
    expect(await ids(admin, '%', 'contains')).toEqual(['s1']);
  });

  it('finds a substring in scripts written without spaces', async () => {
    expect(await ids(admin, '联合巡逻', 'contains')).toEqual(['s5']);
    expect(await ids(admin, 'ลาดตระเวน', 'contains')).toEqual(['s6']);
    // The word search cannot split these scripts into words.
    expect(await ids(admin, '联合巡逻', 'words')).toEqual([]);
  });

  it('stays within the units the caller may read, and refuses an unknown mode', async () => {
    expect(await ids(outsider, 'nelayan', 'contains')).toEqual([]);
    expect((await admin.get('/api/v1/listening/items?q=x&match=regex')).statusCode).toBe(400);
  });
});

describe('did you mean', () => {
  const suggest = async (client: Client, q: string) => {
    const res = await client.get(`/api/v1/listening/suggestions?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().suggestions as string[];
  };

  it('offers close spellings from headlines and hashtags for one or two words', async () => {
    expect(await ids(admin, 'patrolli', 'words')).toEqual([]);
    expect(await suggest(admin, 'patrolli')).toContain('patroli');
    expect(await suggest(admin, 'lautkit')).toContain('lautkita');
    // A known word is kept, the misspelt one replaced.
    expect(await suggest(admin, 'natuna patrolli')).toContain('natuna patroli');
    expect((await suggest(admin, 'patrolli')).length).toBeLessThanOrEqual(5);
  });

  it('offers nothing for long queries or to those who cannot read the items', async () => {
    expect(await suggest(admin, 'patrolli bersama natuna')).toEqual([]);
    expect(await suggest(outsider, 'patrolli')).toEqual([]);
    expect((await admin.get('/api/v1/listening/suggestions?q=')).statusCode).toBe(400);
  });
});
