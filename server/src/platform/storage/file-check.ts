// What an uploaded file really is, read from its bytes: the declared type and the file name's
// extension must agree with the content, active content (HTML, SVG, XML, script, programs) is
// refused whatever it claims to be, and each format's structure is walked far enough that a
// header glued onto filler ("ftyp" + 150 MB of zeros) or a polyglot (a GIF or PNG with a page or
// a script behind its end, a PDF that is also an HTML page) does not pass.

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

/** The file types an upload may have, with the file-name extensions each may carry. */
export const fileExtensions: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov', 'qt'],
  'video/webm': ['webm'],
  'application/pdf': ['pdf'],
};

// First bytes of each type, so a renamed .exe is not accepted as a PNG.
const magic: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'video/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  'video/quicktime': (b) => ['ftyp', 'moov', 'wide', 'free', 'mdat'].includes(b.subarray(4, 8).toString('latin1')),
  'video/webm': (b) => b.readUInt32BE(0) === 0x1a45dfa3,
};

// Markup or script a browser or viewer could run, looked for at the start of any upload (where
// browsers sniff) and as the start of a whole file.
const activeMarkup = /<(?:!doctype|html|head|body|script|iframe|svg|object|embed|\?xml)|javascript:/i;
const programs: [string, (b: Buffer) => boolean][] = [
  ['a Windows program', (b) => b[0] === 0x4d && b[1] === 0x5a],
  ['an ELF program', (b) => b.readUInt32BE(0) === 0x7f454c46],
  ['a Mach-O program', (b) => [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(b.readUInt32BE(0))],
  ['a script', (b) => b[0] === 0x23 && b[1] === 0x21],
  ['an archive', (b) => b.readUInt32BE(0) === 0x504b0304],
];

/** Why the file is refused, in words for the uploader, or null when it is what it says. */
export async function checkFileContent(mimeType: string, fileName: string, size: number, readAt: ReadAt): Promise<string | null> {
  if (size === 0) return 'The file is empty.';
  const head = await readAt(0, Math.min(size, 4096));
  const padded = head.length >= 16 ? head : Buffer.concat([head, Buffer.alloc(16 - head.length)]);
  const program = programs.find(([, test]) => test(padded));
  if (program) return `The file is ${program[0]}, which cannot be attached.`;
  if (activeMarkup.test(head.subarray(0, 1024).toString('latin1'))) return 'The file contains web page, SVG or script content, which cannot be attached.';
  const extension = /\.([^.\\/]{1,16})$/.exec(fileName)?.[1]?.toLowerCase();
  const allowed = fileExtensions[mimeType] ?? [];
  if (extension !== undefined && !allowed.includes(extension)) return `The file name ends in .${extension}, which does not match its content (${mimeType}).`;
  if (!magic[mimeType]?.(padded)) return 'The file’s content does not match its type.';
  const structure = await structureProblem(mimeType, size, readAt, head);
  return structure ? `The file is not a well-formed ${mimeType} file: ${structure}.` : null;
}

async function structureProblem(mimeType: string, size: number, readAt: ReadAt, head: Buffer): Promise<string | null> {
  switch (mimeType) {
    case 'video/mp4':
    case 'video/quicktime':
      return isoBmffProblem(size, readAt, mimeType === 'video/mp4');
    case 'video/webm':
      return webmProblem(size, head);
    case 'application/pdf':
      return pdfProblem(size, readAt);
    case 'image/png':
      return pngProblem(size, readAt);
    case 'image/gif':
      return gifProblem(await readAt(0, size));
    case 'image/jpeg':
      return jpegProblem(await readAt(0, size));
    case 'image/webp':
      return head.readUInt32LE(4) + 8 === size ? null : 'its RIFF size does not match the file';
    default:
      return 'no structure check for this type';
  }
}

/** ISO-BMFF (MP4, QuickTime): top-level box sizes must chain exactly to the end; moov and mdat must exist. */
async function isoBmffProblem(size: number, readAt: ReadAt, ftypFirst: boolean): Promise<string | null> {
  const seen = new Set<string>();
  let offset = 0;
  for (let boxes = 0; offset < size; boxes++) {
    if (boxes > 10_000) return 'too many boxes';
    const header = await readAt(offset, 16);
    if (header.length < 8) return `a box header is cut off at byte ${offset}`;
    const type = header.subarray(4, 8).toString('latin1');
    if (!/^[A-Za-z0-9 ©_-]{4}$/.test(type)) return `no valid box at byte ${offset}`;
    if (boxes === 0 && ftypFirst && type !== 'ftyp') return 'it does not start with an ftyp box';
    let boxSize = header.readUInt32BE(0);
    if (boxSize === 1) {
      if (header.length < 16) return `a box header is cut off at byte ${offset}`;
      const large = header.readBigUInt64BE(8);
      if (large > BigInt(Number.MAX_SAFE_INTEGER)) return `the box at byte ${offset} is larger than the file`;
      boxSize = Number(large);
      if (boxSize < 16) return `the box at byte ${offset} has an impossible size`;
    } else if (boxSize === 0) {
      boxSize = size - offset; // "to the end of the file", allowed for the last box only
    } else if (boxSize < 8) return `the box at byte ${offset} has an impossible size`;
    if (offset + boxSize > size) return `the ${type} box at byte ${offset} runs past the end of the file`;
    seen.add(type);
    offset += boxSize;
  }
  if (!seen.has('moov')) return 'it has no moov box (no movie)';
  if (!seen.has('mdat')) return 'it has no mdat box (no media data)';
  return null;
}

/** EBML variable-length integer at `at`: its length in bytes and value (null = unknown size). */
function vint(b: Buffer, at: number, keepMarker: boolean): { length: number; value: number | null } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = b[at + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { length, value: allOnes && !keepMarker ? null : value };
}

/** WebM: an EBML header element, then a Segment whose size, when known, reaches the end. */
function webmProblem(size: number, head: Buffer): string | null {
  const id = vint(head, 0, true);
  const headerSize = id ? vint(head, id.length, false) : null;
  if (!id || !headerSize || headerSize.value === null) return 'its EBML header is broken';
  const segmentAt = id.length + headerSize.length + headerSize.value;
  const segmentId = vint(head, segmentAt, true);
  if (segmentId?.value !== 0x18538067) return 'no Segment follows its EBML header';
  const segmentSize = vint(head, segmentAt + segmentId.length, false);
  if (!segmentSize) return 'its Segment size is broken';
  if (segmentSize.value === null) return null; // live-recorded files leave the size unknown
  return segmentAt + segmentId.length + segmentSize.length + segmentSize.value === size ? null : 'its Segment does not end at the end of the file';
}

/** PDF: startxref and %%EOF within the last kilobyte, and nothing but white space after %%EOF. */
async function pdfProblem(size: number, readAt: ReadAt): Promise<string | null> {
  const tail = (await readAt(Math.max(0, size - 1024), 1024)).toString('latin1');
  const end = tail.lastIndexOf('%%EOF');
  if (end < 0) return 'it has no %%EOF end marker';
  // Some writers pad with white space or NUL bytes; anything else after the end is a second file.
  if (tail.slice(end + 5).replace(/[\s\0]/g, '') !== '') return 'there is data after its %%EOF end marker';
  if (!tail.includes('startxref')) return 'it has no cross-reference pointer (startxref)';
  return null;
}

/** PNG: IHDR first, chunks chained by their lengths, IEND exactly at the end. */
async function pngProblem(size: number, readAt: ReadAt): Promise<string | null> {
  let offset = 8;
  for (let chunks = 0; offset < size; chunks++) {
    if (chunks > 100_000) return 'too many chunks';
    const header = await readAt(offset, 8);
    if (header.length < 8) return `a chunk header is cut off at byte ${offset}`;
    const type = header.subarray(4, 8).toString('latin1');
    if (!/^[A-Za-z]{4}$/.test(type)) return `no valid chunk at byte ${offset}`;
    if (chunks === 0 && type !== 'IHDR') return 'it does not start with IHDR';
    const next = offset + 12 + header.readUInt32BE(0);
    if (next > size) return `the ${type} chunk runs past the end of the file`;
    if (type === 'IEND') return next === size ? null : 'there is data after its IEND chunk';
    offset = next;
  }
  return 'it has no IEND chunk';
}

/** GIF: walks the blocks (extensions, images and their sub-blocks) to the trailer, which must be the last byte. */
function gifProblem(b: Buffer): string | null {
  const tableSize = (packed: number) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  const skipSubBlocks = (at: number): number => {
    let p = at;
    while (p < b.length && b[p] !== 0) p += (b[p] ?? 0) + 1;
    return p + 1;
  };
  let p = 13 + tableSize(b[10] ?? 0);
  while (p < b.length) {
    const block = b[p];
    if (block === 0x3b) return p + 1 === b.length ? null : 'there is data after its trailer';
    if (block === 0x21) p = skipSubBlocks(p + 2);
    else if (block === 0x2c) p = skipSubBlocks(p + 10 + tableSize(b[p + 9] ?? 0) + 1);
    else return `no valid block at byte ${p}`;
  }
  return 'it has no trailer';
}

/** JPEG: a start-of-scan segment, and the end-of-image marker as the last two bytes. */
function jpegProblem(b: Buffer): string | null {
  if (b.indexOf(Buffer.from([0xff, 0xda])) < 0) return 'it has no image data (start of scan)';
  // Some cameras pad the file with NUL bytes after the marker; nothing else may follow it.
  let end = b.length;
  while (end > 2 && b[end - 1] === 0) end--;
  return b[end - 2] === 0xff && b[end - 1] === 0xd9 ? null : 'it does not end with the end-of-image marker';
}
