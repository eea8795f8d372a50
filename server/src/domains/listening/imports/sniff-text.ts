// What an uploaded file is, judged from its first bytes: UTF-8 text (what the importer reads), text
// in an encoding we convert (UTF-16 with a byte order mark, as Excel's "Unicode text" export writes,
// or Windows-1252, Excel's CSV default on Windows), or not text at all.

export type ConvertibleEncoding = 'utf-16le' | 'utf-16be' | 'windows-1252';
export type TextSniff = { kind: 'utf-8' } | { kind: 'convert'; encoding: ConvertibleEncoding } | { kind: 'binary' } | { kind: 'empty' };

// Bytes Windows-1252 leaves undefined; with C0 controls other than whitespace they mark binary data.
const undefinedIn1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Tab, line feed, vertical tab, form feed, carriage return, and escape (seen in some exports). */
const isTextControl = (b: number) => (b >= 0x09 && b <= 0x0d) || b === 0x1b;

/** Counts well-formed multi-byte UTF-8 sequences and bytes that fit none. */
function utf8Census(bytes: Uint8Array, isComplete: boolean): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) {
      invalid++;
      i++;
      continue;
    }
    // A sequence cut by the end of a partial read is not evidence either way.
    if (i + length > bytes.length && !isComplete) break;
    let ok = i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

function controlShare(bytes: Uint8Array): number {
  let controls = 0;
  for (const b of bytes) if ((b < 0x20 && !isTextControl(b)) || b === 0x7f) controls++;
  return bytes.length === 0 ? 0 : controls / bytes.length;
}

/**
 * Classifies a file from its first bytes. `isComplete` says whether `head` is the whole file (a
 * multi-byte character cut at the end of a partial read is then not held against it).
 *
 * @example
 * sniffText(new TextEncoder().encode('isi,tanggal\nHalo,2025-08-17\n'), true) // { kind: 'utf-8' }
 */
export function sniffText(head: Uint8Array, isComplete: boolean): TextSniff {
  if (head.length === 0) return { kind: 'empty' };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return head.length === 3 && isComplete ? { kind: 'empty' } : { kind: 'utf-8' };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'convert', encoding: 'utf-16le' };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'convert', encoding: 'utf-16be' };
  if (head.includes(0)) return { kind: 'binary' };
  // More than 1 % control characters is not something people type.
  if (controlShare(head) > 0.01) return { kind: 'binary' };
  const { multibyte, invalid } = utf8Census(head, isComplete);
  // Mostly-valid UTF-8 stays UTF-8: the few broken rows are rejected one by one, not the file.
  if (invalid === 0 || multibyte > invalid) return { kind: 'utf-8' };
  for (const b of head) if (undefinedIn1252.has(b)) return { kind: 'binary' };
  return { kind: 'convert', encoding: 'windows-1252' };
}

/** Re-encodes a stream as UTF-8 (the decoder drops a UTF-16 byte order mark). */
export async function* toUtf8(source: AsyncIterable<Uint8Array>, encoding: ConvertibleEncoding): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield encoder.encode(text);
  }
  const tail = decoder.decode();
  if (tail) yield encoder.encode(tail);
}
