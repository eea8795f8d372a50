// Small, structurally valid files of each attachment type, and hostile variants of them.

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function box(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
}

function chunk(type: string, data: Buffer): Buffer {
  // The CRC is not what the check reads; any four bytes do for a test file.
  return Buffer.concat([u32(data.length), Buffer.from(type, 'latin1'), data, u32(0)]);
}

/** A PNG of about `bytes` bytes: signature, IHDR, one IDAT, IEND. */
export function pngFile(bytes = 64): Buffer {
  const ihdr = Buffer.from('00000001000000010806000000', 'hex');
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', Buffer.alloc(Math.max(1, bytes - 57), 7)), chunk('IEND', Buffer.alloc(0))]);
}

/** The smallest GIF: header, screen descriptor, one image, trailer. */
export function gifFile(): Buffer {
  return Buffer.from('474946383961' + '01000100800000' + '000000ffffff' + '2c00000000010001000002024401' + '00' + '3b', 'hex');
}

export function jpegFile(): Buffer {
  return Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.from('ffda000c03010002110311003f00', 'hex'), Buffer.alloc(32, 0x55), Buffer.from('ffd9', 'hex')]);
}

export function pdfFile(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n', 'latin1');
}

/** ftyp, moov, mdat: the top-level boxes of an MP4, sizes chained to the end. */
export function mp4File(): Buffer {
  return Buffer.concat([box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1')), box('moov', box('mvhd', Buffer.alloc(100))), box('mdat', Buffer.alloc(256, 1))]);
}

/** An `ftyp` header followed by `zeroBytes` zero bytes, streamed (never held in memory). */
export async function* ftypThenZeros(zeroBytes: number): AsyncGenerator<Uint8Array> {
  yield box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1'));
  const block = Buffer.alloc(1024 * 1024);
  for (let left = zeroBytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}
