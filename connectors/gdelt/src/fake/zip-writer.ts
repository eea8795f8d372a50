// Builds ZIP archives for tests and the fake server, the way GDELT ships them (one deflated file).
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../zip.ts';

export interface ZipWriteOptions {
  /** 8 deflate (GDELT's), 0 stored. */
  method?: 0 | 8;
  /** Write sizes and CRC after the data (flag bit 3) as streaming zippers do. */
  dataDescriptor?: boolean;
  /** Replace the recorded CRC-32, to test the reader's check. */
  crcOverride?: number;
}

/** One-entry ZIP archive holding `data` as `name`. */
export function buildZip(name: string, data: Uint8Array | string, options: ZipWriteOptions = {}): Buffer {
  const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const method = options.method ?? 8;
  const body = method === 8 ? deflateRawSync(content) : content;
  const crc = options.crcOverride ?? crc32(content);
  const nameBytes = Buffer.from(name, 'utf8');
  const flags = (options.dataDescriptor ? 0x8 : 0) | 0x800;
  const deferred = options.dataDescriptor === true;

  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt16LE(0, 10);
  local.writeUInt16LE(0x21, 12);
  local.writeUInt32LE(deferred ? 0 : crc, 14);
  local.writeUInt32LE(deferred ? 0 : body.length, 18);
  local.writeUInt32LE(deferred ? 0 : content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);

  const descriptor = Buffer.alloc(deferred ? 16 : 0);
  if (deferred) {
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(body.length, 8);
    descriptor.writeUInt32LE(content.length, 12);
  }

  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt16LE(0, 12);
  central.writeUInt16LE(0x21, 14);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);

  const centralOffset = local.length + nameBytes.length + body.length + descriptor.length;
  const centralSize = central.length + nameBytes.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(centralSize, 12);
  eocd.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, body, descriptor, central, nameBytes, eocd]);
}
