import { describe, expect, it } from 'vitest';
import { charsetFromHtmlMeta, decodeFeed, decodeHtml } from './charset.ts';
import { encodeWindows1252 } from './fake/index.ts';

describe('decodeFeed', () => {
  const sample = 'café ’ €';

  it('uses the HTTP charset, then the XML declaration, then UTF-8', () => {
    const cp = encodeWindows1252(`<?xml version="1.0" encoding="windows-1252"?><x>${sample}</x>`);
    expect(decodeFeed(cp, 'application/rss+xml; charset=windows-1252')).toMatchObject({ charset: 'windows-1252', source: 'http' });
    expect(decodeFeed(cp, 'text/xml')).toMatchObject({ charset: 'windows-1252', source: 'xml-declaration' });
    expect(decodeFeed(cp, 'text/xml').text).toContain(sample);
    expect(decodeFeed(new TextEncoder().encode(`<x>${sample}</x>`), null)).toMatchObject({ text: `<x>${sample}</x>`, source: 'default', problems: [] });
  });

  it('reads ISO-8859-1 as Windows-1252 so 0x80–0x9F keep their characters', () => {
    expect(decodeFeed(encodeWindows1252(sample), 'text/xml; charset=ISO-8859-1').text).toBe(sample);
  });

  it('lets a BOM win over a wrong header', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sample)]);
    expect(decodeFeed(bytes, 'text/xml; charset=windows-1252')).toMatchObject({ text: sample, source: 'bom', charset: 'utf-8' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(sample, 'utf16le')]);
    expect(decodeFeed(utf16, null).text).toBe(sample);
  });

  it('falls back to Windows-1252 for invalid UTF-8 and for unknown labels, with problems', () => {
    const result = decodeFeed(encodeWindows1252(sample), 'text/xml; charset=utf-8');
    expect(result).toMatchObject({ text: sample, charset: 'windows-1252', source: 'fallback' });
    expect(result.problems).toEqual(['bytes are not valid utf-8; decoded as windows-1252']);
    expect(decodeFeed(new TextEncoder().encode('ok'), 'text/xml; charset=x-klingon').problems).toEqual(['unknown charset "x-klingon" (HTTP header) ignored']);
  });
});

describe('decodeFeed: UTF-16 without a BOM and UTF-32', () => {
  const xml = '<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>Kabar 𝕏 café — ½</title></channel></rss>';
  const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
  const utf32 = (s: string, littleEndian: boolean) => {
    const points = [...s].map((c) => c.codePointAt(0) as number);
    const view = new DataView(new ArrayBuffer(points.length * 4));
    for (const [i, p] of points.entries()) view.setUint32(i * 4, p, littleEndian);
    return new Uint8Array(view.buffer);
  };
  const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);

  it('recognises UTF-16 LE and BE without a BOM from the bytes of "<?xml" (or any "<" first), over a wrong header', () => {
    expect(decodeFeed(Buffer.from(xml, 'utf16le'), null)).toMatchObject({ text: xml, charset: 'utf-16le', problems: [] });
    expect(decodeFeed(utf16be(xml), 'text/xml; charset=utf-8')).toMatchObject({ text: xml, charset: 'utf-16be' });
    expect(decodeFeed(utf16be('\n<rss/>'), null).text).toBe('\n<rss/>');
  });

  it('reads a UTF-32 LE BOM as UTF-32, not as UTF-16 LE, and a UTF-32 BE BOM', () => {
    expect(decodeFeed(withBom([0xff, 0xfe, 0, 0], utf32(xml, true)), null)).toMatchObject({ text: xml, charset: 'utf-32le', source: 'bom', problems: [] });
    expect(decodeFeed(withBom([0, 0, 0xfe, 0xff], utf32(xml, false)), null)).toMatchObject({ text: xml, charset: 'utf-32be', source: 'bom', problems: [] });
  });

  it('recognises UTF-32 without a BOM from its 4-byte pattern, and decodes a UTF-32 label from HTTP', () => {
    expect(decodeFeed(utf32(xml, true), null)).toMatchObject({ text: xml, charset: 'utf-32le', problems: [] });
    expect(decodeFeed(utf32(xml, false), null)).toMatchObject({ text: xml, charset: 'utf-32be', problems: [] });
    expect(decodeFeed(utf32('  <rss/>', false), 'application/xml; charset=UTF-32')).toMatchObject({ text: '  <rss/>', charset: 'utf-32be' });
  });

  it('replaces invalid UTF-32 units and a cut-off tail, with a problem', () => {
    const bytes = new Uint8Array([...utf32('<a>', true), 0x00, 0xd8, 0, 0, 0x41, 0, 0]);
    const result = decodeFeed(withBom([0xff, 0xfe, 0, 0], bytes), null);
    expect(result.text).toBe('<a>\ufffd\ufffd');
    expect(result.problems).toEqual(['1 invalid UTF-32 code unit replaced', 'UTF-32 text cut off mid-character']);
  });

  it('decodes a large UTF-32 feed in linear time', () => {
    const big = `<rss>${'é𝕏a'.repeat(100_000)}</rss>`;
    const bytes = utf32(big, true);
    const started = performance.now();
    expect(decodeFeed(bytes, null).text.length).toBe(big.length);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('does not trust an ASCII-readable declaration that claims UTF-16', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-16"?><rss><channel><title>café</title></channel></rss>');
    expect(decodeFeed(bytes, null)).toMatchObject({ charset: 'utf-8', source: 'xml-declaration', text: new TextDecoder().decode(bytes) });
  });
});

describe('decodeHtml', () => {
  const sample = 'L’été : 5 €';

  it('reads the charset from <meta charset> or <meta http-equiv> when HTTP names none', () => {
    const meta = encodeWindows1252(`<!doctype html><html><head><meta charset="windows-1252"><title>x</title></head><body>${sample}</body></html>`);
    expect(decodeHtml(meta, 'text/html')).toMatchObject({ charset: 'windows-1252', source: 'meta', problems: [] });
    expect(decodeHtml(meta, 'text/html').text).toContain(sample);
    const equiv = encodeWindows1252(`<html><head><!-- <meta charset="utf-8"> --><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=ISO-8859-1"></head><body>${sample}</body></html>`);
    expect(decodeHtml(equiv, null)).toMatchObject({ charset: 'windows-1252', source: 'meta' });
    expect(charsetFromHtmlMeta(new TextEncoder().encode('<meta charset="utf-16le">'))).toBe('utf-8');
  });

  it('lets the HTTP charset win over the meta tag, and defaults to UTF-8', () => {
    const bytes = new TextEncoder().encode(`<html><head><meta charset="windows-1252"></head><body>${sample}</body></html>`);
    expect(decodeHtml(bytes, 'text/html; charset=utf-8')).toMatchObject({ charset: 'utf-8', source: 'http' });
    expect(decodeHtml(new TextEncoder().encode(`<p>${sample}</p>`), 'text/html')).toMatchObject({ text: `<p>${sample}</p>`, source: 'default' });
  });
});
