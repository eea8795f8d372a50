import { describe, expect, it } from 'vitest';
import { hasBidiControls, revealBidiControls, safeWebLink, stripBidiControls } from './safe-text.ts';

describe('safeWebLink', () => {
  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    '\u0001javascript:alert(1)',
    '\u00A0javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'DATA:image/svg+xml,<svg onload=alert(1)>',
    'vbscript:msgbox(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'ht\ttps://example.org',
    '//evil.example/x',
    '/relative/path',
    'https://',
    'https:///path',
    'file:///etc/passwd',
  ])('refuses %j', (link) => {
    expect(safeWebLink(link)).toBeNull();
  });

  it('keeps absolute http(s) links, trimmed', () => {
    expect(safeWebLink('https://kemlu.go.id/a?b=1#c')).toBe('https://kemlu.go.id/a?b=1#c');
    expect(safeWebLink(' HTTP://news.example/x ')).toBe('HTTP://news.example/x');
    expect(safeWebLink(undefined)).toBeNull();
  });
});

describe('bidi controls', () => {
  const spoof = 'invoice\u202Egpj.exe';

  it('finds, strips and reveals every bidi control', () => {
    expect(hasBidiControls(spoof)).toBe(true);
    expect(hasBidiControls(spoof)).toBe(true);
    expect(hasBidiControls('plain.pdf')).toBe(false);
    expect(stripBidiControls(spoof)).toBe('invoicegpj.exe');
    expect(stripBidiControls('\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061Cok')).toBe('ok');
    expect(revealBidiControls(spoof)).toBe('invoice⟨RLO⟩gpj.exe');
    expect(revealBidiControls('a\u2066b\u2069 c\u200F')).toBe('a⟨LRI⟩b⟨PDI⟩ c\u200F');
  });

  it('leaves right-to-left text itself alone', () => {
    expect(stripBidiControls('مرحبا שלום')).toBe('مرحبا שלום');
  });
});
