import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ImportDto, ImportPreviewDto } from '@diplodesk/contracts';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRegistry, createJobRunner, type JobDefinition, type JobRunner } from '../../../../platform/jobs/index.ts';
import { buildUnit, buildUser, testPassword } from '../../../../test/factories.ts';
import { adminEmail, adminPassword, type Client, createTestApp, signInAs, type TestApp } from '../../../../test/test-app.ts';
import { findRootUnit } from '../../../identity/index.ts';
import { jobs } from '../../../../platform/db/platform.tables.ts';
import { listeningImports } from '../../listening.tables.ts';
import type { IngestStream } from '../../stream/ingest-stream.ts';
import { expireImport, importExpiresAfterMs } from '../expire-import.job.ts';
import { createImportJob, type ImportJobDeps, readImport } from '../import-file.job.ts';

let t: TestApp;
let admin: Client;
let analyst: Client;
let viewer: Client;
let outsider: Client;
let runner: JobRunner;
let deps: ImportJobDeps;
let unitId = '';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

// Indonesian headers, two rows that cannot be imported (no text; a date nobody can read — that
// row starts with a spreadsheet formula, which the rejected-rows report must neutralise).
const goodCsv = [
  'isi,tanggal,tautan,penulis',
  `Menlu RI bertemu Menlu Jepang membahas kerja sama maritim,${daysAgo(1)},https://kemlu.example/a1,kemlu`,
  `"Indonesia kirim bantuan kemanusiaan ke Gaza, kata juru bicara",${daysAgo(2)},https://kemlu.example/a2,jubir`,
  `,${daysAgo(3)},https://kemlu.example/a3,kosong`,
  '@SUM(1+1)*cmd|\' /C calc\'!A0 Delegasi ASEAN tiba di Jakarta,kemarin sore,https://kemlu.example/a4,redaksi',
  `Vaccine donations reach Pacific partners,${daysAgo(4)},https://kemlu.example/a5,desk`,
].join('\n');

/** `rows` rows; every fifth has no text. */
function numberedCsv(rows: number, tag: string): string {
  const lines = ['isi,tanggal'];
  for (let i = 1; i <= rows; i++) lines.push(i % 5 === 0 ? `,${daysAgo(1)}` : `Berita ${tag} nomor ${i} tentang diplomasi digital,${daysAgo(1)}`);
  return `${lines.join('\n')}\n`;
}

async function upload(client: Client, name: string, body: Buffer | Readable, unit = unitId): Promise<LightMyRequestResponse> {
  return client.request({
    method: 'POST',
    url: `/api/v1/listening/imports?unitId=${unit}`,
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
    payload: body,
  });
}

async function uploaded(name: string, text: string) {
  const res = await upload(analyst, name, Buffer.from(text));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { import: ImportDto; preview: ImportPreviewDto };
}

const importOf = async (id: string) => (await analyst.get(`/api/v1/listening/imports/${id}`)).json();

/** Runs queued import jobs until none is due (the ingest worker stores what they append). */
async function drainJobs() {
  while (await runner.runOnce());
}

async function eventually<T>(probe: () => Promise<T | false | null | undefined>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const settledImport = (id: string) => eventually(async () => ((await importOf(id)).settled ? importOf(id) : null), 'analysis to catch up');

const storageFiles = () => fs.readdirSync(t.config.storageDir, { recursive: true }).filter((f) => fs.statSync(path.join(t.config.storageDir, String(f))).isFile()).length;

beforeAll(async () => {
  t = await createTestApp();
  t.startIngestWorker();
  // Small chunks, so a few rows already make several transactions (and a resume point between them).
  deps = { stream: t.ingestStream, storage: t.ctx.storage, chunkRows: 3 };
  runner = createJobRunner({ db: t.database.db, registry: createJobRegistry([createImportJob(deps) as unknown as JobDefinition]), workerId: 'import-test' });
  admin = await signInAs(t.app, adminEmail, adminPassword);
  analyst = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst' })).email, testPassword);
  viewer = await signInAs(t.app, (await buildUser(t.ctx, { role: 'viewer' })).email, testPassword);
  unitId = (await findRootUnit(t.ctx.db))?.id ?? '';
  const mission = await buildUnit(t.ctx, { kind: 'mission', name: 'KBRI Canberra' });
  outsider = await signInAs(t.app, (await buildUser(t.ctx, { role: 'analyst', unit: mission })).email, testPassword);
});
afterAll(async () => {
  await t?.close();
});

describe('uploading a file for import', () => {
  it('reads a CSV with Indonesian headers: format, suggested mapping and the first rows as they will be read', async () => {
    const res = await upload(analyst, 'pantauan media.csv', Buffer.from(goodCsv));
    expect(res.statusCode, res.body).toBe(201);
    const { import: created, preview } = res.json();
    expect(created).toMatchObject({ status: 'ready', fileName: 'pantauan media.csv', format: 'csv', delimiter: ',', sourceId: null, rowsRead: 0, policies: { start: true, cancel: true } });
    expect(preview.columns).toEqual(['isi', 'tanggal', 'tautan', 'penulis']);
    expect(preview.suggestedMapping).toMatchObject({ text: 'isi', publishedAt: 'tanggal', url: 'tautan', author: 'penulis' });
    expect(preview.mappingProblem).toBeNull();
    expect(preview.rows).toHaveLength(5);
    expect(preview.rows[1].item).toMatchObject({ text: 'Indonesia kirim bantuan kemanusiaan ke Gaza, kata juru bicara', url: 'https://kemlu.example/a2', author: 'jubir' });
    expect(preview.rows[2]).toMatchObject({ row: 3, item: null, problem: { reason: 'empty-text', line: 4 } });
    expect(preview.rows[3]).toMatchObject({ row: 4, item: null, problem: { reason: 'invalid-date', line: 5 } });
    expect(preview.sample[0]).toMatchObject({ isi: expect.stringContaining('Menlu RI'), penulis: 'kemlu' });
    const audit = (await admin.get(`/api/v1/audit?targetId=${created.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(['listening-import.uploaded']);
  });

  it('keeps a file name without bidi controls, so "gpj.exe" cannot pose as a picture', async () => {
    const { import: created } = await uploaded('pantauan\u202Evsc.exe', goodCsv);
    expect(created.fileName).toBe('pantauanvsc.exe');
  });

  it('reads JSON Lines with nested keys', async () => {
    const lines = [
      { id: 't1', full_text: 'Kemlu: WNI di Sudan dievakuasi dengan selamat', created_at: '2025-08-17T10:00:00Z', user: { screen_name: 'kemlu_ri' }, lang: 'id' },
      { id: 't2', full_text: 'Indonesia supports the two-state solution', created_at: '2025-08-18T10:00:00Z', user: { screen_name: 'indonesia_un' }, lang: 'en' },
    ];
    const { import: created, preview } = await uploaded('tweets.ndjson', `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    expect(created.mapping).toMatchObject({ text: 'full_text', remoteId: 'id', publishedAt: 'created_at', author: 'user.screen_name', language: 'lang' });
    expect(preview).toMatchObject({ format: 'ndjson', delimiter: null });
    expect(preview.rows.map((r) => r.item?.author)).toEqual(['kemlu_ri', 'indonesia_un']);
  });

  it('converts a UTF-16 export (Excel "Unicode text") to UTF-8', async () => {
    const text = 'isi\ttanggal\r\nSão Tomé dan Príncipe menjalin hubungan diplomatik\t2025-08-17\r\n';
    const res = await upload(analyst, 'unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().preview).toMatchObject({ convertedFrom: 'utf-16le', delimiter: '\t', columns: ['isi', 'tanggal'] });
    expect(res.json().preview.rows[0].item.text).toBe('São Tomé dan Príncipe menjalin hubungan diplomatik');
  });

  it('refuses a binary file, an empty one and one over the size limit, keeping nothing', async () => {
    const before = storageFiles();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const binary = await upload(analyst, 'grafik.csv', png);
    expect(binary.statusCode).toBe(415);
    expect(binary.json().error).toMatchObject({ code: 'listening-import.not-text', details: { reason: 'binary' } });
    const empty = await upload(analyst, 'kosong.csv', Buffer.alloc(0));
    expect(empty.json().error).toMatchObject({ code: 'listening-import.not-text', details: { reason: 'empty' } });

    // 200 MB and one line more, streamed without a length: refused when the limit is crossed.
    const line = Buffer.from(`${'Berita panjang tentang diplomasi digital Indonesia '.repeat(20)}\n`);
    const lines = Math.ceil((200 * 1024 * 1024) / line.length) + 1;
    const huge = Readable.from((function* () {
      yield Buffer.from('isi\n');
      for (let i = 0; i < lines; i++) yield line;
    })());
    const tooLarge = await upload(analyst, 'besar.csv', huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'listening-import.too-large', details: { reason: 'too-large', maxBytes: 200 * 1024 * 1024 } });
    expect(storageFiles()).toBe(before);
  });

  it('needs listening.manage at the unit', async () => {
    expect((await upload(viewer, 'a.csv', Buffer.from(goodCsv))).statusCode).toBe(403);
    expect((await upload(outsider, 'a.csv', Buffer.from(goodCsv))).statusCode).toBe(403);
    const { import: created } = await uploaded('rahasia.csv', goodCsv);
    expect((await outsider.get(`/api/v1/listening/imports/${created.id}`)).json().error.code).toBe('listening-import.not-found');
    expect((await outsider.get('/api/v1/listening/imports')).json().items).toEqual([]);
  });
});

describe('reviewing the mapping', () => {
  it('re-reads the rows with another mapping, and refuses a mapping without the text', async () => {
    const { import: created } = await uploaded('ulasan.csv', goodCsv);
    const swapped = (await analyst.post(`/api/v1/listening/imports/${created.id}/preview`, { mapping: { text: 'penulis', publishedAt: 'tautan' } })).json();
    expect(swapped.mappingProblem).toBeNull();
    expect(swapped.rows.every((r: { problem: { reason: string } | null }) => r.problem?.reason === 'invalid-date')).toBe(true);
    const noDate = (await analyst.post(`/api/v1/listening/imports/${created.id}/preview`, { mapping: { text: 'isi' } })).json();
    expect(noDate.rows.filter((r: { item: unknown }) => r.item)).toHaveLength(4);

    const none = (await analyst.post(`/api/v1/listening/imports/${created.id}/preview`, { mapping: { text: null, url: 'tautan' } })).json();
    expect(none).toMatchObject({ mappingProblem: 'text-missing', rows: [] });
    expect(none.sample).toHaveLength(5);
    expect((await analyst.post(`/api/v1/listening/imports/${created.id}/preview`, { mapping: { text: 'konten' } })).json().mappingProblem).toBe('unknown-column');

    const withoutText = await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: { url: 'tautan' } });
    expect(withoutText.statusCode).toBe(400);
    const unknown = await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: { text: 'konten' } });
    expect(unknown.json().error).toMatchObject({ code: 'listening-import.mapping-invalid', details: { problem: 'unknown-column' } });
    expect((await importOf(created.id)).status).toBe('ready');
  });
});

describe('importing in the background', () => {
  let firstSourceId = '';

  it('stores every good row once, reports the rejected ones, and counts what is new', async () => {
    const { import: created, preview } = await uploaded('pantauan.csv', goodCsv);
    const started = await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: preview.mapping });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'running', policies: { start: false, cancel: true } });
    firstSourceId = started.json().sourceId;
    await drainJobs();
    const done = await settledImport(created.id);
    expect(done).toMatchObject({ status: 'done', percent: 100, rowsRead: 5, rejected: 2, reasons: { 'empty-text': 1, 'invalid-date': 1 }, appended: 3, stored: 3, duplicates: 0, hasRejectedReport: true, error: null });
    expect(done.finishedAt).toBeTruthy();

    const items = (await analyst.get(`/api/v1/listening/items?sources=${firstSourceId}`)).json().items;
    expect(items.map((i: { url: string }) => i.url).sort()).toEqual(['https://kemlu.example/a1', 'https://kemlu.example/a2', 'https://kemlu.example/a5']);
    const source = (await analyst.get(`/api/v1/listening/sources/${firstSourceId}`)).json();
    expect(source).toMatchObject({ connector: 'import', status: 'paused', name: 'Import: pantauan.csv' });

    const report = await analyst.get(`/api/v1/listening/imports/${created.id}/rejected`);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.headers['content-disposition']).toBe("attachment; filename*=UTF-8''pantauan-rejected.csv");
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,line,reason,detail,raw');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['3,4,empty-text', '4,5,invalid-date']);
    expect(lines[2]).toContain(`"'@SUM(1+1)*cmd|' /C calc'!A0 Delegasi ASEAN`);
    expect(report.body).not.toMatch(/,@SUM/);

    const audit = (await admin.get(`/api/v1/audit?targetId=${created.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['listening-import.uploaded', 'listening-import.started']));
    const list = (await analyst.get('/api/v1/listening/imports')).json();
    expect(list.items.find((i: { id: string }) => i.id === created.id)).toMatchObject({ status: 'done' });
    expect((await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: preview.mapping })).json().error.code).toBe('listening-import.invalid-state');
  });

  it('adds nothing when the same file is imported again', async () => {
    const { import: created, preview } = await uploaded('pantauan (salinan).csv', goodCsv);
    const started = (await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: preview.mapping })).json();
    expect(started.sourceId).toBe(firstSourceId);
    await drainJobs();
    const done = await settledImport(created.id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 5, rejected: 2, appended: 3, stored: 0, duplicates: 3 });
    expect((await analyst.get(`/api/v1/listening/items?sources=${firstSourceId}`)).json().items).toHaveLength(3);
  });

  it('resumes after an interruption exactly where it stopped: same totals, nothing lost or doubled', async () => {
    const { import: created, preview } = await uploaded('terputus.csv', numberedCsv(20, 'terputus'));
    await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: preview.mapping });
    // One chunk, then the process "stops".
    expect(await readImport(deps, t.database.db, created.id, new AbortController().signal, { maxChunks: 1 })).toEqual({ state: 'more' });
    expect(await importOf(created.id)).toMatchObject({ status: 'running', rowsRead: 3 });
    // The next chunk dies half-way through its transaction: nothing of it is kept.
    let failOnce = true;
    const real = t.ingestStream;
    const crashing: IngestStream = {
      kind: real.kind,
      backlog: () => real.backlog(),
      isFull: () => real.isFull(),
      waitForRoom: (signal) => real.waitForRoom(signal),
      async append(tx, entries) {
        await real.append(tx, entries);
        if (failOnce) {
          failOnce = false;
          throw new Error('simulated crash');
        }
      },
    };
    await expect(readImport({ ...deps, stream: crashing }, t.database.db, created.id, new AbortController().signal)).rejects.toThrow('simulated crash');
    expect(await importOf(created.id)).toMatchObject({ status: 'running', rowsRead: 3, rejected: 0 });
    // The job picks it up again from the recorded point.
    await drainJobs();
    const done = await settledImport(created.id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 20, rejected: 4, reasons: { 'empty-text': 4 }, appended: 16, stored: 16, duplicates: 0 });
    const report = (await analyst.get(`/api/v1/listening/imports/${created.id}/rejected`)).body.trim().split('\r\n').slice(1);
    expect(report.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['5,6', '10,11', '15,16', '20,21']);
  });

  it('stops after the current chunk when cancelled; what was read stays', async () => {
    const { import: created, preview } = await uploaded('dibatalkan.csv', numberedCsv(30, 'batal'));
    const started = (await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: preview.mapping })).json();
    await readImport(deps, t.database.db, created.id, new AbortController().signal, { maxChunks: 2 });
    const cancelled = await analyst.post(`/api/v1/listening/imports/${created.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', rowsRead: 6, policies: { cancel: false } });
    await drainJobs();
    const after = await settledImport(created.id);
    expect(after).toMatchObject({ status: 'cancelled', rowsRead: 6, rejected: 1, stored: 5 });
    expect((await analyst.get(`/api/v1/listening/items?sources=${started.sourceId}`)).json().items).toHaveLength(5);
    expect((await analyst.post(`/api/v1/listening/imports/${created.id}/cancel`)).json().error.code).toBe('listening-import.invalid-state');
    const audit = (await admin.get(`/api/v1/audit?targetId=${created.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toContain('listening-import.cancelled');
  });

  it('fails with a clear reason when the stored file cannot be read', async () => {
    const { import: created, preview } = await uploaded('hilang.csv', numberedCsv(4, 'hilang'));
    await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: preview.mapping });
    const [row] = await t.database.db.select().from(listeningImports).where(eq(listeningImports.id, created.id));
    await t.ctx.storage.remove(row?.storageKey ?? '');
    await drainJobs();
    expect(await importOf(created.id)).toMatchObject({ status: 'failed', error: { code: 'file-missing' }, policies: { cancel: false } });
  });
});

describe('imports are imports, not sources', () => {
  const storedFile = async (id: string) => {
    const [row] = await t.database.db.select().from(listeningImports).where(eq(listeningImports.id, id));
    return row?.storageKey ?? '';
  };
  const exists = async (key: string) => {
    try {
      for await (const _ of t.ctx.storage.open(key)) return true;
      return true;
    } catch {
      return false;
    }
  };

  it('an abandoned upload expires after its time: the file is removed, it cannot start, and it says so', async () => {
    const { import: created, preview } = await uploaded('ditinggal.csv', numberedCsv(4, 'ditinggal'));
    expect(created.expiresAt).toBe(new Date(Date.parse(created.createdAt) + importExpiresAfterMs).toISOString());
    const key = await storedFile(created.id);
    expect(await exists(key)).toBe(true);
    // Its expiry was queued with the upload, for its time.
    const [queued] = await t.database.db.select().from(jobs).where(eq(jobs.idempotencyKey, `listening.expire-import@1:${created.id}`));
    expect(queued?.runAt.toISOString()).toBe(created.expiresAt);
    // Before its time nothing happens.
    await t.database.db.transaction((tx) => expireImport(tx, t.ctx, { importId: created.id }, new Date(Date.parse(created.createdAt) + importExpiresAfterMs - 1000)));
    expect(await importOf(created.id)).toMatchObject({ status: 'ready' });
    await t.database.db.transaction((tx) => expireImport(tx, t.ctx, { importId: created.id }, new Date(Date.parse(created.createdAt) + importExpiresAfterMs)));
    expect(await importOf(created.id)).toMatchObject({ status: 'expired', expiresAt: null, policies: { start: false, cancel: false } });
    expect(await exists(key)).toBe(false);
    expect((await analyst.post(`/api/v1/listening/imports/${created.id}/start`, { mapping: preview.mapping })).json().error.code).toBe('listening-import.invalid-state');
    const audit = (await admin.get(`/api/v1/audit?targetId=${created.id}`)).json().items.map((e: { action: string }) => e.action);
    expect(audit).toContain('listening-import.expired');
    // A started import is not touched by its expiry.
    const other = await uploaded('dimulai.csv', numberedCsv(4, 'dimulai'));
    await analyst.post(`/api/v1/listening/imports/${other.import.id}/start`, { mapping: other.preview.mapping });
    await t.database.db.transaction((tx) => expireImport(tx, t.ctx, { importId: other.import.id }, new Date(Date.now() + 2 * importExpiresAfterMs)));
    expect((await importOf(other.import.id)).status).toBe('running');
    await drainJobs();
  });

  it('discarding an upload that never started removes its file', async () => {
    const { import: created } = await uploaded('dibuang.csv', numberedCsv(4, 'dibuang'));
    const key = await storedFile(created.id);
    expect((await analyst.post(`/api/v1/listening/imports/${created.id}/cancel`)).json()).toMatchObject({ status: 'cancelled' });
    expect(await exists(key)).toBe(false);
  });

  it('lists imports with who made them, and keeps import files out of the sources list (their items stay)', async () => {
    const list = (await analyst.get('/api/v1/listening/imports')).json();
    const done = list.items.find((i: { fileName: string }) => i.fileName === 'pantauan.csv');
    expect(done.createdBy).toMatchObject({ name: expect.any(String) });
    expect(done.createdBy.name).not.toBe('');
    const sources = (await analyst.get('/api/v1/listening/sources')).json().items as { connector: string; config: Record<string, string> }[];
    expect(sources.filter((s) => s.connector === 'import' && s.config.sha256)).toEqual([]);
    // Items of an import are still found by their import's source.
    expect((await analyst.get(`/api/v1/listening/items?sources=${done.sourceId}`)).json().items.length).toBeGreaterThan(0);
    // Whoever needs every source (to name an item's) asks for them all.
    const all = (await analyst.get('/api/v1/listening/sources?include=imports')).json().items as { id: string }[];
    expect(all.map((s) => s.id)).toContain(done.sourceId);
  });
});
