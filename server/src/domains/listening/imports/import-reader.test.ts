import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportFormat, ImportMapping } from '@diplodesk/connector-import';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../../platform/storage/storage.ts';
import { type ImportFile, ImportFileError, openImportReader } from './import-reader.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-reader-'));
const storage = createLocalStorage(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Quoted line breaks, CRLF and bare CR line ends, a row with a missing field, an empty text, a bad date.
const csv = [
  '\uFEFFisi;tanggal;tautan',
  'Menlu bertemu mitra ASEAN;2025-08-17;https://kemlu.example/1',
  '"Pernyataan bersama:\r\nkerja sama maritim";2025-08-18;https://kemlu.example/2',
  'Baris tanpa kolom cukup;2025-08-19',
  ';2025-08-20;https://kemlu.example/4',
  'Tanggal rusak;kemarin;https://kemlu.example/5',
  'Bantuan kemanusiaan untuk Gaza;2025-08-21;https://kemlu.example/6\rDiplomasi digital;2025-08-22;https://kemlu.example/7',
  'Penutup;lusa;https://kemlu.example/8',
].join('\r\n');
const jsonl = ['{"text":"Satu","id":"a"}', '', '{"text":"Dua","id":"b"}', 'not json', '{"text":"","id":"d"}', '{"text":"Lima","id":"e"}', ''].join('\n');

async function stored(text: string) {
  return (await storage.put(new TextEncoder().encode(text))).storageKey;
}

type Read = { items: string[]; rejected: string[]; rows: number };

/** Reads the whole file with a fresh reader per chunk, resuming from the last position each time (as a crash would). */
async function readResuming(file: ImportFile, chunkRows: number): Promise<Read> {
  const out: Read = { items: [], rejected: [], rows: 0 };
  let at = { bytesRead: 0, rowsRead: 0 };
  for (;;) {
    const reader = await openImportReader(storage, { ...file, ...at });
    const chunk = await reader.next(chunkRows);
    await reader.close();
    out.items.push(...chunk.items.map((i) => `${i.remoteId}|${i.text}|${i.publishedAt}`));
    out.rejected.push(...chunk.rejected.map((r) => `${r.row}@${r.line}:${r.reason}`));
    if (chunk.position) at = { bytesRead: chunk.position.offset, rowsRead: chunk.position.row };
    out.rows = at.rowsRead;
    if (chunk.done) return out;
  }
}

async function fileOf(text: string, format: ImportFormat, mapping: ImportMapping, delimiter: string | null): Promise<ImportFile> {
  return { storageKey: await stored(text), format, delimiter, mapping, bytesRead: 0, rowsRead: 0, defaultPublishedAt: '2025-01-01T00:00:00.000Z' };
}

describe('openImportReader', () => {
  it('reads a CSV the same in one go and resumed after every row: same items, same row and line numbers', async () => {
    const file = await fileOf(csv, 'csv', { text: 'isi', publishedAt: 'tanggal', url: 'tautan' }, ';');
    const straight = await readResuming(file, 1000);
    expect(straight.items).toHaveLength(4);
    expect(straight.rejected).toEqual(['3@5:column-count', '4@6:empty-text', '5@7:invalid-date', '8@10:invalid-date']);
    expect(straight.rows).toBe(8);
    for (const size of [1, 2, 3]) expect(await readResuming(file, size)).toEqual(straight);
  });

  it('reads JSON Lines resumed the same, blank lines counted in line numbers', async () => {
    const file = await fileOf(jsonl, 'jsonl', { text: 'text', remoteId: 'id' }, null);
    const straight = await readResuming(file, 100);
    expect(straight.items.map((i) => i.split('|')[0])).toEqual(['a', 'b', 'e']);
    expect(straight.rejected).toEqual(['3@4:invalid-json', '4@5:empty-text']);
    for (const size of [1, 2]) expect(await readResuming(file, size)).toEqual(straight);
  });

  it('fails with a file error when the stored file is gone or shorter than what was read', async () => {
    const file = await fileOf(csv, 'csv', { text: 'isi' }, ';');
    await expect(openImportReader(storage, { ...file, bytesRead: csv.length * 2, rowsRead: 3 })).rejects.toBeInstanceOf(ImportFileError);
    await storage.remove(file.storageKey);
    const reader = await openImportReader(storage, file);
    await expect(reader.next(10)).rejects.toMatchObject({ code: 'file-missing' });
  });

  it('fails with a file error when the mapping names a column the file lacks', async () => {
    const file = await fileOf(csv, 'csv', { text: 'konten' }, ';');
    const reader = await openImportReader(storage, file);
    await expect(reader.next(10)).rejects.toMatchObject({ code: 'unreadable' });
  });
});
