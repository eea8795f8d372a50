// RFC 5545 content lines: TEXT escaping (§3.3.11), parameter quoting (§3.2), folding at 75
// octets without splitting a UTF-8 character (§3.1), CRLF endings.

import { type WallTime, wallFromUtcFields } from './zone-time.ts';

const encoder = new TextEncoder();
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed (TEXT may not hold them).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Escapes a TEXT value: backslash, semicolon, comma, and every newline as "\n". */
export function escapeText(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * A parameter value: quoted when it holds ":", ";" or ",". A double quote cannot appear in a
 * parameter value at all (RFC 5545 has no escape for it), so it becomes a single quote; line
 * breaks become spaces.
 */
export function paramValue(value: string): string {
  const clean = value.replace(/\r\n|\r|\n/g, ' ').replace(CONTROL, '').replace(/"/g, "'");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds a content line so that no physical line exceeds 75 octets, continuing with a space. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    // Iterating a string yields whole code points, so a UTF-8 sequence is never cut.
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export type Params = Readonly<Record<string, string | undefined>>;

/** One folded content line, e.g. contentLine('ATTENDEE', { CN: 'Ana' }, 'mailto:ana@example.org'). */
export function contentLine(name: string, params: Params, value: string): string {
  const p = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `;${k}=${v}`)
    .join('');
  return foldLine(`${name}${p}:${value}`);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local DATE-TIME form "20260329T020000" (used with a TZID). */
export function localDateTime(w: WallTime): string {
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second ?? 0)}`;
}

/** UTC DATE-TIME form "20260329T010000Z". */
export function utcDateTime(instant: number): string {
  return `${localDateTime(wallFromUtcFields(Math.floor(instant / 1000) * 1000))}Z`;
}

/** UTC offset form "+0530" / "-0400" for TZOFFSETFROM/TO. */
export function utcOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** Joins content lines into a stream with CRLF after every line, the last one included. */
export function joinLines(lines: readonly string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}
