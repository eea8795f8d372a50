// Turns feed bytes into text. Order of evidence: a byte-order mark, then the HTTP charset, then
// the XML declaration, then UTF-8 — the order of RFC 7303 §3, since the declaration is often a
// template default the publisher never changed while the server knows what it actually sends.
// Article pages follow the same order with `<meta charset>` in place of the XML declaration (the
// HTML encoding-sniffing order, minus the statistical guess browsers add).

export interface DecodedFeed {
  text: string;
  /** The WHATWG encoding name used (`utf-8`, `windows-1252`, …). */
  charset: string;
  /** Where it came from. */
  source: 'bom' | 'http' | 'xml-declaration' | 'meta' | 'default' | 'fallback';
  problems: string[];
}

const BOMS: { bytes: number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
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
  // The declaration is ASCII in every encoding a feed realistically uses (UTF-16 is caught by its BOM).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match?.[1]?.toLowerCase() ?? null;
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

const SOURCE_NAMES: Record<DecodedFeed['source'], string> = { bom: 'BOM', http: 'HTTP header', 'xml-declaration': 'XML declaration', meta: 'meta tag', default: 'default', fallback: 'fallback' };

function decodeBytes(bytes: Uint8Array, candidates: { label: string | null; source: DecodedFeed['source'] }[]): DecodedFeed {
  const problems: string[] = [];
  for (const bom of BOMS) {
    if (bom.bytes.every((b, i) => bytes[i] === b)) {
      const decoder = decoderFor(bom.charset, false) as TextDecoder;
      return { text: decoder.decode(bytes.subarray(bom.bytes.length)), charset: bom.charset, source: 'bom', problems };
    }
  }
  for (const { label, source } of candidates) {
    if (label === null) continue;
    const decoder = decoderFor(label, true);
    if (decoder === null) {
      problems.push(`unknown charset "${label}" (${SOURCE_NAMES[source]}) ignored`);
      continue;
    }
    return decodeWith(decoder, bytes, source, problems);
  }
  return decodeWith(decoderFor('utf-8', true) as TextDecoder, bytes, 'default', problems);
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
