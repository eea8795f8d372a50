import { describe, expect, it } from 'vitest';
import { CsvRecordReader, sniffDelimiter } from './csv-reader.ts';
import { previewImport } from './preview-import.ts';
import type { RawRecord } from './records.ts';
import { suggestMapping } from './suggest-mapping.ts';

const encode = (text: string) => new TextEncoder().encode(text);

function readAll(text: string | Uint8Array, delimiter = ',', chunkSize = 3): RawRecord[] {
  const bytes = typeof text === 'string' ? encode(text) : text;
  const reader = new CsvRecordReader(delimiter);
  const out: RawRecord[] = [];
  // Small chunks put quotes, CRLF pairs and multi-byte characters across chunk boundaries.
  for (let i = 0; i < bytes.length; i += chunkSize) out.push(...reader.push(bytes.subarray(i, i + chunkSize)));
  out.push(...reader.end());
  return out;
}

describe('CsvRecordReader', () => {
  it('reads quoted fields, escaped quotes, embedded newlines and CRLF', () => {
    const records = readAll('id,text\r\n1,"Halo, ""dunia""\r\nbaris dua"\r\n2,plain é 日本\r\n\r\n3,"",\n');
    expect(records.map((r) => r.fields)).toEqual([['id', 'text'], ['1', 'Halo, "dunia"\r\nbaris dua'], ['2', 'plain é 日本'], ['3', '', '']]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it('gives the byte offset after each record, so a resume can seek there', () => {
    const text = 'a,b\r\n"x\ny",2\nlast,3';
    // Chunks of 4 bytes split the first CRLF pair; the offset still lands after the LF.
    for (const size of [1, 4, 64]) {
      const records = readAll(text, ',', size);
      expect(records.map((r) => [r.endOffset, r.line, r.nextLine])).toEqual([
        [5, 1, 2],
        [13, 2, 4],
        [19, 4, 4],
      ]);
      expect(records[2]?.fields).toEqual(['last', '3']);
    }
  });

  it('rejects a record with invalid UTF-8 and keeps reading', () => {
    const bytes = new Uint8Array([...encode('a,b\n1,caf'), 0xe9, ...encode('\n2,ok\n')]);
    const records = readAll(bytes);
    expect(records[1]?.error?.reason).toBe('invalid-utf8');
    expect(records[1]?.raw).toBe('1,caf\uFFFD');
    expect(records[2]?.fields).toEqual(['2', 'ok']);
  });

  it('reports an unclosed quote at the end and text after a closing quote', () => {
    expect(readAll('a,b\n1,"open\n')[1]?.error?.reason).toBe('unclosed-quote');
    expect(readAll('a,b\r\nx,y\r').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['x', 'y'],
    ]);
    expect(readAll('a,b\n1,"x"y\n2,z\n').map((r) => r.error?.reason)).toEqual([undefined, 'malformed-quote', undefined]);
  });

  it('bounds a runaway quoted field and resynchronises at the next line', () => {
    const reader = new CsvRecordReader(',', { maxRecordBytes: 16 });
    const records = [...reader.push(encode(`1,"${'x'.repeat(40)}\n2,ok\n`)), ...reader.end()];
    expect(records[0]?.error?.reason).toBe('record-too-large');
    expect(records[1]?.fields).toEqual(['2', 'ok']);
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;"x, y";3\n', ';'],
    ['a\tb\n1\t2\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['judul;isi\n"Satu, dua";"tiga, empat, lima"\n', ';'],
  ])('finds the delimiter of %j', (text, expected) => {
    expect(sniffDelimiter(encode(text))).toBe(expected);
  });
});

describe('previewImport', () => {
  it('previews a semicolon CSV with a BOM and Indonesian headers', () => {
    const preview = previewImport(encode('\uFEFFID;Judul;Isi;Penulis;Tanggal;Tautan;Bahasa\n7;Pernyataan;"Indonesia; ASEAN";kemlu;17/08/2025;https://kemlu.go.id/a;id\n8;Kedua;Teks'));
    expect(preview).toMatchObject({ format: 'csv', delimiter: ';', columns: ['ID', 'Judul', 'Isi', 'Penulis', 'Tanggal', 'Tautan', 'Bahasa'] });
    // The last line has no line break: it may be cut, so it is not shown.
    expect(preview.sampleRows).toEqual([{ ID: '7', Judul: 'Pernyataan', Isi: 'Indonesia; ASEAN', Penulis: 'kemlu', Tanggal: '17/08/2025', Tautan: 'https://kemlu.go.id/a', Bahasa: 'id' }]);
    expect(preview.suggestedMapping).toEqual({ remoteId: 'ID', title: 'Judul', text: 'Isi', author: 'Penulis', publishedAt: 'Tanggal', url: 'Tautan', language: 'Bahasa' });
  });

  it('previews JSONL with nested keys flattened', () => {
    const preview = previewImport(encode('{"id":"1","full_text":"hello","created_at":"2025-01-01","user":{"screen_name":"a"},"lang":"en"}\n\n{"id":"2","full_text":"x","user":{"screen_name":"b"}}\n'));
    expect(preview.format).toBe('jsonl');
    expect(preview.columns).toEqual(['id', 'full_text', 'created_at', 'user.screen_name', 'lang']);
    expect(preview.sampleRows[1]).toEqual({ id: '2', full_text: 'x', created_at: '', 'user.screen_name': 'b', lang: '' });
    expect(preview.suggestedMapping).toEqual({ remoteId: 'id', text: 'full_text', publishedAt: 'created_at', author: 'user.screen_name', language: 'lang' });
  });

  it('refuses UTF-16', () => {
    expect(() => previewImport(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toThrow(/UTF-16/);
  });
});

describe('suggestMapping', () => {
  it('maps English export headers', () => {
    expect(suggestMapping(['tweet_id', 'Created At', 'User Name', 'Tweet Text', 'Link', 'Language'])).toEqual({
      remoteId: 'tweet_id',
      publishedAt: 'Created At',
      author: 'User Name',
      text: 'Tweet Text',
      url: 'Link',
      language: 'Language',
    });
  });

  it('maps Indonesian headers, including longer names', () => {
    expect(suggestMapping(['Teks Berita', 'Tanggal Terbit', 'Nama Pengguna', 'Judul'])).toEqual({ text: 'Teks Berita', publishedAt: 'Tanggal Terbit', author: 'Nama Pengguna', title: 'Judul' });
  });

  it('falls back to the column with the longest prose for the text', () => {
    const rows = [{ a: '1', b: 'a long sentence about trade', c: 'https://x.test/1' }];
    expect(suggestMapping(['a', 'b', 'c'], rows).text).toBe('b');
  });
});
