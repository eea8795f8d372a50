// A minimal ZIP reader for GDELT's single-file archives: stored (0) and deflate (8) entries, no
// encryption, no ZIP64. Sizes and CRC come from the central directory when there is one, because
// streaming zippers leave them zero in the local header (general-purpose flag bit 3).
import { inflateRawSync } from 'node:zlib';

export class ZipError extends Error {
  override readonly name = 'ZipError';
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (IEEE 802.3, as ZIP uses).
 *
 * @example
 * crc32(Buffer.from('123456789')) // 0xcbf43926
 */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (CRC_TABLE[(crc ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface EntryHeader {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

function findEndOfCentralDirectory(buf: Buffer): number {
  // The EOCD record is 22 bytes plus a comment of at most 65,535 bytes.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

function centralEntries(buf: Buffer, eocd: number): EntryHeader[] {
  const count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  const entries: EntryHeader[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL_SIG) throw new ZipError('corrupt central directory');
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    entries.push({
      flags: buf.readUInt16LE(offset + 8),
      method: buf.readUInt16LE(offset + 10),
      crc: buf.readUInt32LE(offset + 16),
      compressedSize: buf.readUInt32LE(offset + 20),
      size: buf.readUInt32LE(offset + 24),
      localOffset: buf.readUInt32LE(offset + 42),
      name: buf.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function localEntry(buf: Buffer, offset: number): { header: EntryHeader; dataStart: number } {
  if (offset + 30 > buf.length || buf.readUInt32LE(offset) !== LOCAL_SIG) throw new ZipError('not a ZIP local file header');
  const nameLength = buf.readUInt16LE(offset + 26);
  const extraLength = buf.readUInt16LE(offset + 28);
  return {
    header: {
      flags: buf.readUInt16LE(offset + 6),
      method: buf.readUInt16LE(offset + 8),
      crc: buf.readUInt32LE(offset + 14),
      compressedSize: buf.readUInt32LE(offset + 18),
      size: buf.readUInt32LE(offset + 22),
      localOffset: offset,
      name: buf.toString('utf8', offset + 30, offset + 30 + nameLength),
    },
    dataStart: offset + 30 + nameLength + extraLength,
  };
}

function extract(buf: Buffer, meta: EntryHeader, dataStart: number): Buffer {
  if (meta.flags & 0x1) throw new ZipError(`${meta.name}: encrypted entries are not supported`);
  if (meta.compressedSize === 0xffffffff || meta.size === 0xffffffff) throw new ZipError(`${meta.name}: ZIP64 is not supported`);
  const end = dataStart + meta.compressedSize;
  if (end > buf.length) throw new ZipError(`${meta.name}: truncated (needs ${end} bytes, has ${buf.length})`);
  const raw = buf.subarray(dataStart, end);
  let data: Buffer;
  if (meta.method === 0) data = Buffer.from(raw);
  else if (meta.method === 8) {
    try {
      data = inflateRawSync(raw);
    } catch (error) {
      throw new ZipError(`${meta.name}: deflate stream is corrupt (${(error as Error).message})`);
    }
  } else throw new ZipError(`${meta.name}: compression method ${meta.method} is not supported`);
  if (data.length !== meta.size) throw new ZipError(`${meta.name}: size ${data.length} does not match the recorded ${meta.size}`);
  const actual = crc32(data);
  if (actual !== meta.crc) throw new ZipError(`${meta.name}: CRC-32 mismatch (recorded ${hex(meta.crc)}, computed ${hex(actual)})`);
  return data;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/**
 * Reads every file of a ZIP archive, checking each one's size and CRC-32.
 *
 * @example
 * const [entry] = readZip(await readFile('20250101000000.export.CSV.zip'));
 */
export function readZip(input: Uint8Array): ZipEntry[] {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) {
    // No central directory (a cut-off download): the local header alone must carry the sizes.
    const { header, dataStart } = localEntry(buf, 0);
    if (header.flags & 0x8) throw new ZipError('truncated archive: no central directory and sizes deferred');
    return [{ name: header.name, data: extract(buf, header, dataStart) }];
  }
  return centralEntries(buf, eocd)
    .filter((entry) => !entry.name.endsWith('/'))
    .map((entry) => {
      const { dataStart } = localEntry(buf, entry.localOffset);
      return { name: entry.name, data: extract(buf, entry, dataStart) };
    });
}

/** The one file of a GDELT archive (the first, if an archive ever holds more). */
export function readSingleFileZip(input: Uint8Array): ZipEntry {
  const [first] = readZip(input);
  if (!first) throw new ZipError('empty archive');
  return first;
}
