import { describe, expect, it } from 'vitest';
import { decodeFeed } from './charset.ts';
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
