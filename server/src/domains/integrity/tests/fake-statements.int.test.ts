// Fake official statements (issue 13, item 5): a statement is cleared, signed and published to the
// newsroom through the API; items framed as the ministry's statement then reach the detector on
// listening's events. An altered copy raises one `modified` finding with the word diff and the
// genuine entry (two accounts posting it add to the same finding); a made-up statement and a link
// to a newsroom page that does not exist raise `fabricated` ones; a withdrawn statement presented
// afterwards raises a `withdrawn` one; a genuine copy, an excerpt under its link, news reporting the
// ministry's words and the ministry's own account raise nothing; a redelivered event raises nothing twice.
import type { IngestItem } from '@diplodesk/connector-sdk';
import { type FakeStatementEvidence, fakeStatementEvidence } from '@diplodesk/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../platform/context.ts';
import { queryRows } from '../../../platform/db/index.ts';
import { appendEvents } from '../../../platform/events/outbox.ts';
import { buildUser, testPassword } from '../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../test/test-app.ts';
import { findRootUnit } from '../../identity/index.ts';
import { type Analyser, createAnalyser, ingestBatch, insertSource, itemsCollected, itemsReanalysed, type SourceRow } from '../../listening/index.ts';
import { until } from '../../../test/until.ts';

let publicUrl = '';
let t: TestApp;
let editor: Client;
let approver: Client;
let admin: Client;
let analyser: Analyser;
let rootId: string;
let x: SourceRow;

type FindingRow = { id: string; subject_key: string; type: string; severity: string; title: string; item_count: number; item_ids: string[]; account_keys: string[]; evidence: FakeStatementEvidence };
const findings = () =>
  queryRows<FindingRow>(t.ctx.db, sql`select id, subject_key, type, severity, title, item_count, item_ids, account_keys, evidence from integrity_findings where detector = 'fake-statement' order by created_at`);
const raisedEvents = () => queryRows<{ id: string }>(t.ctx.db, sql`select id from outbox where type = 'integrity.finding-raised' and data->>'detector' = 'fake-statement'`);
/** A made-up statement: once its finding is there, the batch it came in (or an event before it) has been handled. */
const sentinel = (handle: string, text: string) => post(`SIARAN PERS Kemlu RI\n${text}`, handle);
const sentinelFinding = (handle: string) => until(findings, (rows) => rows.some((f) => f.account_keys.includes(`x:${handle}`)), `the finding of ${handle}`);

let n = 0;
const post = (text: string, handle: string, at = new Date()): IngestItem => ({ remoteId: `fs${++n}`, text, publishedAt: at.toISOString(), author: { remoteAccountId: `id-${handle}`, handle } });
const ingest = async (items: IngestItem[]) => (await ingestBatch(t.ctx, analyser, x, items, t.storedItems)).inserted;

const title = 'Indonesia menyambut kesepakatan kemitraan iklim regional';
const body =
  'Pemerintah Indonesia menyambut baik kesepakatan kemitraan iklim regional yang dicapai hari ini di Jakarta oleh sepuluh negara Asia Tenggara.\n\n' +
  'Kesepakatan ini mengikat para pihak untuk mengurangi emisi sebesar 40 persen sebelum tahun 2035 dan membentuk dana bersama untuk adaptasi pesisir.\n\n' +
  'Indonesia akan terus bekerja sama dengan semua mitra untuk melindungi masyarakat pesisir dan nelayan kecil dari dampak perubahan iklim.';
const withdrawnBody =
  'Kementerian mengumumkan bahwa layanan paspor di seluruh perwakilan di Eropa dihentikan sementara selama tiga hari karena pemeliharaan sistem.\n\n' +
  'Warga negara Indonesia yang memerlukan dokumen perjalanan darurat dapat menghubungi perwakilan terdekat melalui nomor hotline yang tersedia.';
let entryUrl = '';
let withdrawnEntryUrl = '';

async function published(texts: { language: string; title: string; body: string }[]): Promise<{ id: string; url: string }> {
  const created = await editor.post('/api/v1/statements', { unitId: rootId, kind: 'statement', primaryLanguage: 'id', audienceTimeZone: 'Asia/Jakarta', texts });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await editor.post(`/api/v1/statements/${id}/submit`, { baseVersion: 1 })).statusCode).toBe(200);
  expect((await approver.post(`/api/v1/statements/${id}/decisions`, { baseVersion: 1, decision: 'approve' })).statusCode).toBe(200);
  expect((await admin.post(`/api/v1/statements/${id}/decisions`, { baseVersion: 1, decision: 'approve' })).statusCode).toBe(200);
  const done = await editor.post(`/api/v1/statements/${id}/schedule`, { scheduledAt: null });
  expect(done.json().status, done.body).toBe('published');
  return { id, url: done.json().newsroom[0].url as string };
}

beforeAll(async () => {
  t = await createTestApp();
  publicUrl = t.config.publicUrl;
  rootId = (await findRootUnit(t.ctx.db))?.id ?? '';
  const users = await Promise.all((['editor', 'approver', 'admin'] as const).map((role) => buildUser(t.ctx, { role })));
  [editor, approver, admin] = (await Promise.all(users.map((u) => signInAs(t.app, u.email, testPassword)))) as [Client, Client, Client];
  analyser = await createAnalyser();
  x = await insertSource(t.ctx.db, { unitId: rootId, connector: 'x', name: 'X search', config: { query: 'kemlu' } });
  // The ministry's names come from the workspace: its official account, and our country.
  const owner = await signInAs(t.app, adminEmail, adminPassword);
  expect((await owner.post('/api/v1/integrity/official-accounts', { unitId: rootId, platform: 'x', handle: 'KemluRI', displayName: 'Kementerian Luar Negeri RI' })).statusCode).toBe(201);
  expect((await owner.request({ method: 'PUT', url: '/api/v1/insights/settings/our-country', payload: { country: 'ID' } })).statusCode).toBe(200);
  entryUrl = (await published([{ language: 'id', title, body }])).url;
  const old = await published([{ language: 'id', title: 'Layanan paspor di Eropa dihentikan sementara', body: withdrawnBody }]);
  withdrawnEntryUrl = old.url;
  expect((await approver.post(`/api/v1/statements/${old.id}/withdraw`, { reason: 'Layanan sudah pulih.' })).statusCode).toBe(200);
}, 120_000);
afterAll(() => t?.close());

describe('fake official statements', () => {
  it('raises one modified finding with the diff for an altered copy framed as "Siaran Pers", two accounts in it', async () => {
    expect(entryUrl.startsWith(`${publicUrl}/newsroom/id/`)).toBe(true);
    const altered = `SIARAN PERS\nKementerian Luar Negeri Republik Indonesia\n\n${body.replace('sebesar 40 persen sebelum tahun 2035', 'sebesar 5 persen sebelum tahun 2060')}`;
    // The same text shared by a second account (the store keeps one item per text and source: it adds a hashtag).
    const ids = await ingest([post(altered, 'berita_viral'), post(`${altered} #Kemlu`, 'akun_kedua')]);
    expect(ids).toHaveLength(2);
    const [f] = await until(findings, (rows) => rows.length === 1 && rows[0]?.item_count === 2, 'one modified finding with two items');
    expect(f).toMatchObject({ type: 'modified', severity: 'high', item_count: 2, account_keys: ['x:berita_viral', 'x:akun_kedua'] });
    expect(f?.title).toBe(`Altered copy of the statement "${title}" presented as official`);
    const evidence = fakeStatementEvidence.parse(f?.evidence);
    expect(evidence).toMatchObject({ kind: 'modified', cueStrength: 'strong', genuine: { title, url: entryUrl, language: 'id' }, withdrawn: null });
    expect(evidence.genuine?.kid).toMatch(/.+/);
    expect(evidence.cues.map((c) => c.kind)).toEqual(expect.arrayContaining(['framing', 'generic-issuer']));
    expect(evidence.similarity).toBeGreaterThan(0.5);
    expect(evidence.similarity).toBeLessThan(1);
    const removed = evidence.diff?.filter((d) => d.op === 'removed').map((d) => d.text.trim());
    const added = evidence.diff?.filter((d) => d.op === 'added').map((d) => d.text.trim());
    expect(removed?.join(' ')).toMatch(/40.*2035/);
    expect(added?.join(' ')).toMatch(/5.*2060/);
  });

  it('raises nothing for a genuine copy, an excerpt under its link, reporting news, or the ministry\'s own account', async () => {
    const before = (await findings()).length;
    const firstParagraph = body.split('\n\n')[0] ?? '';
    await ingest([
      post(`Siaran Pers Kemlu RI\n\n${body}`, 'penyalin_jujur'),
      post(`Siaran Pers Kemlu RI: ${firstParagraph.slice(0, 100)}… ${entryUrl}`, 'pembaca_setia'),
      post('Kementerian Luar Negeri dalam siaran pers pada Senin menyatakan bahwa perundingan iklim akan dilanjutkan pekan depan.', 'kantor_berita'),
      post('Siaran Pers Kemlu RI: pemerintah akan menggelar jumpa pers soal iklim besok pagi pukul sembilan di Jakarta.', 'KemluRI'),
      sentinel('penanda_satu', 'Pemerintah membagikan laptop gratis kepada setiap warga yang mendaftar melalui tautan di bawah ini sebelum akhir pekan.'),
    ]);
    // Detected in one transaction with the others: once the made-up one is there, all were decided.
    const after = await sentinelFinding('penanda_satu');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ type: 'fabricated', account_keys: ['x:penanda_satu'], item_count: 1 });
  });

  it('raises a fabricated finding for a made-up statement, and a high one for a link to a page the newsroom never published', async () => {
    await ingest([
      post('PERNYATAAN RESMI Kementerian Luar Negeri Republik Indonesia\nMulai besok semua warga negara asing dapat masuk ke Indonesia tanpa visa dan tanpa paspor selama satu tahun penuh.', 'hoaks_visa'),
      post(`Siaran pers Kemlu RI soal pembatalan semua visa pelajar: ${publicUrl}/newsroom/id/pembatalan-visa-pelajar`, 'hoaks_link'),
    ]);
    const rows = await until(findings, (r) => r.some((f) => f.account_keys.includes('x:hoaks_visa')) && r.some((f) => f.account_keys.includes('x:hoaks_link')), 'two fabricated findings');
    const fabricated = rows.filter((f) => f.type === 'fabricated');
    const made = fabricated.find((f) => f.account_keys.includes('x:hoaks_visa'));
    expect(made).toMatchObject({ severity: 'medium', item_count: 1 });
    expect(made?.title).toMatch(/^Presented as an official statement, matches no signed statement: "Mulai besok semua warga negara asing/);
    expect(fakeStatementEvidence.parse(made?.evidence)).toMatchObject({ kind: 'fabricated', genuine: null, diff: null, newsroomLinks: [] });
    const link = fabricated.find((f) => f.account_keys.includes('x:hoaks_link'));
    expect(link).toMatchObject({ severity: 'high' });
    expect(fakeStatementEvidence.parse(link?.evidence).newsroomLinks).toEqual([{ url: `${publicUrl}/newsroom/id/pembatalan-visa-pelajar`, found: false }]);
  });

  it('raises a withdrawn finding for a withdrawn statement presented after its withdrawal', async () => {
    await ingest([post(`SIARAN PERS\nKementerian Luar Negeri Republik Indonesia\n\n${withdrawnBody}`, 'akun_lama')]);
    const rows = await until(findings, (r) => r.some((f) => f.type === 'withdrawn'), 'a withdrawn finding');
    const w = rows.find((f) => f.type === 'withdrawn');
    expect(w).toMatchObject({ severity: 'medium', title: 'Withdrawn statement "Layanan paspor di Eropa dihentikan sementara" presented as current' });
    expect(fakeStatementEvidence.parse(w?.evidence)).toMatchObject({ kind: 'withdrawn', genuine: { url: withdrawnEntryUrl }, withdrawn: { reason: 'Layanan sudah pulih.' } });
  });

  it('raises nothing twice when the events are delivered again, nor when re-analysis moves an item to another cluster', async () => {
    const before = await findings();
    const events = (await raisedEvents()).length;
    const ids = before.flatMap((f) => f.item_ids);
    await inTransaction(t.ctx, (tx) => appendEvents(tx, [{ type: itemsCollected, unitId: rootId, data: { sourceId: x.id, ids } }]));
    // Re-analysis put the fabricated item in another cluster (another subject key for it).
    const moved = before.find((f) => f.account_keys.includes('x:hoaks_visa'))?.item_ids[0] ?? '';
    const other = before.find((f) => f.type === 'modified')?.item_ids[0] ?? '';
    await t.ctx.db.execute(sql`update listening_items set cluster_id = ${other} where id = ${moved}`);
    await inTransaction(t.ctx, (tx) => appendEvents(tx, [{ type: itemsReanalysed, unitId: rootId, data: { sourceId: x.id, ids: [moved] } }]));
    // A batch after the redelivered event: its finding shows the event before it was handled.
    await ingest([sentinel('penanda_dua', 'Semua kedutaan besar di Timur Tengah ditutup permanen mulai bulan depan dan staf diplomatik dipulangkan ke tanah air.')]);
    const after = await sentinelFinding('penanda_dua');
    expect(after.slice(0, before.length).map((f) => [f.id, f.item_count, f.item_ids])).toEqual(before.map((f) => [f.id, f.item_count, f.item_ids]));
    expect(after).toHaveLength(before.length + 1);
    expect(await raisedEvents()).toHaveLength(events + 1);
  });
});
