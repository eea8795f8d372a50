import { describe, expect, it } from 'vitest';
import { contentLine, escapeText, foldLine, paramValue, utcDateTime, utcOffset } from './ical-text.ts';

const octets = (s: string): number => new TextEncoder().encode(s).length;
const unfold = (s: string): string => s.replace(/\r\n[ \t]/g, '');
// The reverse of TEXT escaping, written out here as RFC 5545 §3.3.11 states it.
const unescapeText = (s: string): string => s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('TEXT values', () => {
  it('escapes backslashes, semicolons, commas and every kind of newline', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
    expect(escapeText('Draft "zero": 1.')).toBe('Draft "zero": 1.');
  });

  it('round-trips through unescaping, and drops control characters', () => {
    const text = 'Rev.1; paragraphs 3, 4 \\ 5\nOP 7 — “agreed ad ref”\tend\u0007';
    expect(unescapeText(escapeText(text))).toBe(text.replace('\u0007', ''));
  });
});

describe('parameter values', () => {
  it('quotes values with ":", ";" or "," and never lets a double quote or a newline through', () => {
    expect(paramValue('Ana Putri')).toBe('Ana Putri');
    expect(paramValue('Putri, Ana')).toBe('"Putri, Ana"');
    expect(paramValue('H.E. "Ana"; Head: delegation')).toBe(`"H.E. 'Ana'; Head: delegation"`);
    expect(paramValue('two\nlines')).toBe('two lines');
  });
});

describe('folding', () => {
  it('leaves a short line alone and folds a long one at 75 octets with CRLF + space', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    const long = `DESCRIPTION:${'x'.repeat(200)}`;
    const folded = foldLine(long);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const line of physical) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(octets(physical[0] ?? '')).toBe(75);
    expect(unfold(folded)).toBe(long);
  });

  it('never cuts a multi-byte character (Indonesian, Arabic, Chinese, emoji)', () => {
    const text = `SUMMARY:${escapeText('Perundingan — مفاوضات، 谈判; 🇮🇩🇨🇭 '.repeat(6))}`;
    const folded = foldLine(text);
    for (const line of folded.split('\r\n')) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      // A cut sequence would decode to U+FFFD.
      expect(new TextDecoder().decode(new TextEncoder().encode(line))).not.toContain('\uFFFD');
      expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    expect(unfold(folded)).toBe(text);
  });

  it('folds parameters too', () => {
    const line = contentLine('ATTENDEE', { CN: paramValue('Delegation of the Republic of Indonesia, Permanent Mission, Geneva'), ROLE: 'CHAIR' }, 'mailto:ptri@kemlu.example');
    expect(line.split('\r\n').every((l) => octets(l) <= 75)).toBe(true);
    expect(unfold(line)).toBe('ATTENDEE;CN="Delegation of the Republic of Indonesia, Permanent Mission, Geneva";ROLE=CHAIR:mailto:ptri@kemlu.example');
  });
});

describe('date-time and offset forms', () => {
  it('writes UTC times with Z and offsets with sign, hours and minutes', () => {
    expect(utcDateTime(Date.parse('2026-03-29T01:00:00.999Z'))).toBe('20260329T010000Z');
    expect(utcOffset(345)).toBe('+0545');
    expect(utcOffset(-570)).toBe('-0930');
    expect(utcOffset(0)).toBe('+0000');
  });
});
