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
