import { describe, expect, it } from 'vitest';
import { sniffText, toUtf8 } from './sniff-text.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function collect(source: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const p of source) parts.push(p);
  return new TextDecoder().decode(Buffer.concat(parts));
}

async function* chunks(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('sniffText', () => {
  it('takes UTF-8 text, with or without a byte order mark', () => {
    expect(sniffText(utf8('isi,tanggal\nKemlu menyambut delegasi,2025-08-17\n'), true)).toEqual({ kind: 'utf-8' });
    expect(sniffText(utf8('\uFEFFisi\nHalo\n'), true)).toEqual({ kind: 'utf-8' });
    expect(sniffText(utf8('text\nSão Tomé — “Perjanjian” 日本\n'), true)).toEqual({ kind: 'utf-8' });
  });

  it('does not hold a character cut by the end of a partial read against the file', () => {
    const bytes = utf8('text\nJepang 日本');
    expect(sniffText(bytes.subarray(0, bytes.length - 1), false)).toEqual({ kind: 'utf-8' });
  });

  it('refuses empty files and binary content', () => {
    expect(sniffText(new Uint8Array(0), true)).toEqual({ kind: 'empty' });
    expect(sniffText(utf8('\uFEFF'), true)).toEqual({ kind: 'empty' });
    // A PNG signature and a ZIP (xlsx) header both carry NUL bytes.
    expect(sniffText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), false)).toEqual({ kind: 'binary' });
    expect(sniffText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), false)).toEqual({ kind: 'binary' });
    const noisy = new Uint8Array(200).map((_, i) => (i % 7 === 0 ? 0x01 : 0x41));
    expect(sniffText(noisy, true)).toEqual({ kind: 'binary' });
  });

  it('recognises UTF-16 by its byte order mark and Windows-1252 by its bytes', () => {
    expect(sniffText(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), true)).toEqual({ kind: 'convert', encoding: 'utf-16le' });
    expect(sniffText(new Uint8Array([0xfe, 0xff, 0x00, 0x61]), true)).toEqual({ kind: 'convert', encoding: 'utf-16be' });
    // "café;Señor" as Windows-1252: é = 0xE9, ñ = 0xF1.
    expect(sniffText(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x3b, 0x53, 0x65, 0xf1, 0x6f, 0x72, 0x0a]), true)).toEqual({ kind: 'convert', encoding: 'windows-1252' });
    // Bytes Windows-1252 leaves undefined are not text in any legacy encoding we read.
    expect(sniffText(new Uint8Array([0x61, 0x81, 0x62, 0x8d, 0x0a]), true)).toEqual({ kind: 'binary' });
  });

  it('keeps mostly-valid UTF-8 as UTF-8 (the broken rows are rejected one by one)', () => {
    const bytes = Buffer.concat([Buffer.from('text\nSão Tomé é Príncipe\n'), Buffer.from([0xe9, 0x0a])]);
    expect(sniffText(bytes, true)).toEqual({ kind: 'utf-8' });
  });
});

describe('toUtf8', () => {
  it('converts UTF-16 (dropping its byte order mark) and Windows-1252, across chunk boundaries', async () => {
    const text = 'isi\ttanggal\r\nSão Tomé 日本\t2025-08-17\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(await collect(toUtf8(chunks(le, 3), 'utf-16le'))).toBe(text);
    const latin = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x0a]);
    expect(await collect(toUtf8(chunks(latin, 2), 'windows-1252'))).toBe('café €\n');
  });
});
