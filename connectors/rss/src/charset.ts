// Turns feed bytes into text. Order of evidence: a byte-order mark, then the HTTP charset, then
// the XML declaration, then UTF-8 — the order of RFC 7303 §3, since the declaration is often a
// template default the publisher never changed while the server knows what it actually sends.
// Feeds in UTF-16 or UTF-32 without a BOM are recognised by the zero bytes around their first
// ASCII characters (XML 1.0 Appendix F) before any label is trusted: no label can make those
// bytes readable as anything else. TextDecoder has no UTF-32, so that is decoded here.
// Article pages follow the same order with `<meta charset>` in place of the XML declaration (the
// HTML encoding-sniffing order, minus the statistical guess browsers add).

export interface DecodedFeed {
  text: string;
  /** The WHATWG encoding name used (`utf-8`, `windows-1252`, …), or `utf-32le` / `utf-32be`. */
  charset: string;
  /** Where it came from; `byte-pattern` is UTF-16/32 recognised from the first bytes. */
  source: 'bom' | 'byte-pattern' | 'http' | 'xml-declaration' | 'meta' | 'default' | 'fallback';
  problems: string[];
}

// UTF-32 LE before UTF-16 LE: its BOM starts with the UTF-16 LE one.
const BOMS: { bytes: number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'utf-32le' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'utf-32be' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
];

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}

/** The `encoding` of an `<?xml …?>` declaration at the start of the bytes, if any. */
export function charsetFromXmlDeclaration(bytes: Uint8Array): string | null {
  // Read as ASCII: UTF-16/32 documents are recognised by BOM or byte pattern before this is asked.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  const label = match?.[1]?.toLowerCase() ?? null;
  // A declaration readable as ASCII cannot be in UTF-16/32, whatever it says (a copied template).
  return label !== null && /^(?:utf-?16|utf-?32|ucs-?[24]|iso-10646-ucs)/.test(label) ? 'utf-8' : label;
}

/** UTF-16/32 recognised from the zero bytes around the first ASCII character (XML 1.0 Appendix F), or null. */
export function unicodeFromBytePattern(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = [bytes[0] !== 0, bytes[1] !== 0, bytes[2] !== 0, bytes[3] !== 0];
  const ascii = (bytes[0] as number) < 0x80 && (bytes[1] as number) < 0x80 && (bytes[2] as number) < 0x80 && (bytes[3] as number) < 0x80;
  if (!ascii) return null;
  if (a && !b && !c && !d) return 'utf-32le';
  if (!a && !b && !c && d) return 'utf-32be';
  if (a && !b && c && !d) return 'utf-16le';
  if (!a && b && !c && d) return 'utf-16be';
  return null;
}

// Browsers prescan 1024 bytes; real pages put the tag after a few scripts often enough to look further.
const META_PRESCAN_BYTES = 4096;

/** The charset named by `<meta charset>` or `<meta http-equiv="content-type" content="…; charset=…">` near the start of an HTML page. */
export function charsetFromHtmlMeta(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, META_PRESCAN_BYTES)).replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag);
    if (!direct?.[1]) continue;
    // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML spec: treat it as UTF-8).
    const label = direct[1].toLowerCase();
    return label.startsWith('utf-16') ? 'utf-8' : label;
  }
  return null;
}

function utf32Endianness(label: string): 'le' | 'be' | null {
  if (label === 'utf-32le' || label === 'utf32le') return 'le';
  // Unicode §3.10: UTF-32 without a BOM is big-endian.
  if (label === 'utf-32' || label === 'utf32' || label === 'utf-32be' || label === 'utf32be' || label === 'ucs-4' || label === 'iso-10646-ucs-4') return 'be';
  return null;
}

const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * Decodes UTF-32 in one pass through a UTF-16 buffer; code units past U+10FFFF, surrogates and a
 * cut-off tail become U+FFFD, with a problem.
 */
export function decodeUtf32(bytes: Uint8Array, littleEndian: boolean, problems: string[]): string {
  const input = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const whole = bytes.length - (bytes.length % 4);
  // Every 4-byte unit becomes at most two UTF-16 units (4 bytes); +2 for a replaced cut-off tail.
  const out = new Uint8Array(whole + 2);
  const output = new DataView(out.buffer);
  let n = 0;
  let invalid = 0;
  for (let i = 0; i < whole; i += 4) {
    let cp = input.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      invalid += 1;
      cp = 0xfffd;
    }
    if (cp < 0x10000) {
      output.setUint16(n, cp, true);
      n += 2;
    } else {
      cp -= 0x10000;
      output.setUint16(n, 0xd800 + (cp >> 10), true);
      output.setUint16(n + 2, 0xdc00 + (cp & 0x3ff), true);
      n += 4;
    }
  }
  if (whole < bytes.length) {
    output.setUint16(n, 0xfffd, true);
    n += 2;
  }
  if (invalid > 0) problems.push(`${invalid} invalid UTF-32 code unit${invalid === 1 ? '' : 's'} replaced`);
  if (whole < bytes.length) problems.push('UTF-32 text cut off mid-character');
  return UTF16LE.decode(out.subarray(0, n));
}

function decoderFor(label: string, fatal: boolean): TextDecoder | null {
  try {
    // ignoreBOM: the BOM is stripped below, by hand, once.
    return new TextDecoder(label, { fatal, ignoreBOM: true });
  } catch {
    return null;
  }
}

/**
 * Decodes feed bytes, choosing the charset from BOM, HTTP header, XML declaration, else UTF-8.
 * ISO-8859-1 is read as Windows-1252 (as browsers do), so "smart quotes" in 0x80–0x9F survive.
 * Bytes that are not valid in the chosen UTF-8 are re-read as Windows-1252, with a problem noted.
 *
 * @example
 * decodeFeed(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'text/xml; charset=iso-8859-1').text // 'café'
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): DecodedFeed {
  return decodeBytes(bytes, [
    { label: unicodeFromBytePattern(bytes), source: 'byte-pattern' },
    { label: charsetFromContentType(contentType), source: 'http' },
    { label: charsetFromXmlDeclaration(bytes), source: 'xml-declaration' },
  ]);
}

/**
 * Decodes an HTML page: BOM, then the HTTP charset, then `<meta charset>`, else UTF-8 (invalid
 * UTF-8 re-read as Windows-1252, as {@link decodeFeed} does).
 *
 * @example
 * decodeHtml(new Uint8Array([...new TextEncoder().encode('<meta charset="windows-1252">'), 0x80]), 'text/html').text.endsWith('€') // true
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | null): DecodedFeed {
  return decodeBytes(bytes, [
    { label: charsetFromContentType(contentType), source: 'http' },
    { label: charsetFromHtmlMeta(bytes), source: 'meta' },
  ]);
}

const SOURCE_NAMES: Record<DecodedFeed['source'], string> = { bom: 'BOM', 'byte-pattern': 'byte pattern', http: 'HTTP header', 'xml-declaration': 'XML declaration', meta: 'meta tag', default: 'default', fallback: 'fallback' };

function decodeBytes(bytes: Uint8Array, candidates: { label: string | null; source: DecodedFeed['source'] }[]): DecodedFeed {
  const problems: string[] = [];
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) return decodeUnicode(bom.charset, bytes.subarray(bom.bytes.length), 'bom', problems);
  }
  for (const { label, source } of candidates) {
    if (label === null) continue;
    // Recognised from the bytes themselves: decoded leniently, as a BOM would be.
    if (source === 'byte-pattern' || utf32Endianness(label) !== null) return decodeUnicode(label, bytes, source, problems);
    const decoder = decoderFor(label, true);
    if (decoder === null) {
      problems.push(`unknown charset "${label}" (${SOURCE_NAMES[source]}) ignored`);
      continue;
    }
    return decodeWith(decoder, bytes, source, problems);
  }
  return decodeWith(decoderFor('utf-8', true) as TextDecoder, bytes, 'default', problems);
}

function decodeUnicode(label: string, bytes: Uint8Array, source: DecodedFeed['source'], problems: string[]): DecodedFeed {
  const utf32 = utf32Endianness(label);
  if (utf32 !== null) {
    // A UTF-32 label with a BOM in the body: the BOM says the byte order.
    let endian = utf32;
    let body = bytes;
    if (source !== 'bom' && bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) [endian, body] = ['le', bytes.subarray(4)];
    else if (source !== 'bom' && bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) [endian, body] = ['be', bytes.subarray(4)];
    return { text: decodeUtf32(body, endian === 'le', problems), charset: `utf-32${endian}`, source, problems };
  }
  const decoder = decoderFor(label, false) as TextDecoder;
  return { text: decoder.decode(bytes), charset: decoder.encoding, source, problems };
}

function decodeWith(decoder: TextDecoder, bytes: Uint8Array, source: DecodedFeed['source'], problems: string[]): DecodedFeed {
  try {
    return { text: decoder.decode(bytes), charset: decoder.encoding, source, problems };
  } catch {
    // A fatal decoder only throws for UTF-8/UTF-16; legacy single-byte charsets accept every byte.
    problems.push(`bytes are not valid ${decoder.encoding}; decoded as windows-1252`);
    const fallback = decoderFor('windows-1252', false) as TextDecoder;
    return { text: fallback.decode(bytes), charset: 'windows-1252', source: 'fallback', problems };
  }
}
