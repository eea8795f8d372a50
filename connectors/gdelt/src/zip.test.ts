import { describe, expect, it } from 'vitest';
import { buildZip } from './fake/zip-writer.ts';
import { crc32, readSingleFileZip, readZip, ZipError } from './zip.ts';

const text = 'GLOBALEVENTID\tSQLDATE\n'.repeat(200);

describe('readZip', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('reads deflated, stored and data-descriptor entries', () => {
    for (const options of [{ method: 8 as const }, { method: 0 as const }, { method: 8 as const, dataDescriptor: true }]) {
      const entry = readSingleFileZip(buildZip('20250301101500.export.CSV', text, options));
      expect(entry.name).toBe('20250301101500.export.CSV');
      expect(entry.data.toString('utf8')).toBe(text);
    }
  });

  it('reads an archive written by an independent ZIP writer', () => {
    // Made once with Python's zipfile (deflate) and kept inline, so the reader is not only tested
    // against our own writer.
    const archive = Buffer.from(
      'UEsDBBQAAAAIAOBRYVpHCpnqGgAAAOABAAAZAAAAMjAyNTAzMDExMDE1MDAuZXhwb3J0LkNTVjM0MoAAQ04jAyNTA2Mgw8DQgMtwVHxYiAMAUEsBAhQDFAAAAAgA4FFhWkcKmeoaAAAA4AEAABkAAAAAAAAAAAAAAIABAAAAADIwMjUwMzAxMTAxNTAwLmV4cG9ydC5DU1ZQSwUGAAAAAAEAAQBHAAAAUQAAAAAA',
      'base64',
    );
    const entries = readZip(archive);
    expect(entries.map((e) => e.name)).toEqual(['20250301101500.export.CSV']);
    expect(entries[0]?.data.toString('utf8')).toBe('1200000001\t20250301\t010\n'.repeat(20));
  });

  it('rejects an entry whose CRC-32 does not match', () => {
    const bad = buildZip('a.csv', text, { crcOverride: 0x12345678 });
    expect(() => readZip(bad)).toThrow(ZipError);
    expect(() => readZip(bad)).toThrow(/CRC-32 mismatch \(recorded 12345678/);
  });

  it('rejects flipped bytes in stored data through the CRC check', () => {
    const good = buildZip('a.csv', text, { method: 0 });
    const bad = Buffer.from(good);
    const at = 30 + 'a.csv'.length + 5;
    bad[at] = (bad[at] ?? 0) ^ 0xff;
    expect(() => readZip(bad)).toThrow(/CRC-32 mismatch/);
  });

  it('rejects a truncated archive and something that is not a zip', () => {
    const good = buildZip('a.csv', text);
    expect(() => readZip(good.subarray(0, 40))).toThrow(ZipError);
    expect(() => readZip(Buffer.from('<html>Not Found</html>'))).toThrow(ZipError);
  });
});
