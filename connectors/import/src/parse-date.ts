// Dates as exports write them. Anything without an explicit offset is read as UTC: a file does not
// say which zone its author's spreadsheet was in, and a fixed rule beats a guess.

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
// RFC 2822 §4.3 obsolete zone names.
const ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const RFC2822 = /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?$/;
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/**
 * Reads a timestamp as ISO 8601, RFC 2822, unix seconds or milliseconds, `YYYY-MM-DD HH:mm:ss`,
 * `DD/MM/YYYY [HH:mm[:ss]]` or GDELT's `YYYYMMDDHHmmss`; returns an ISO 8601 UTC string, or null.
 *
 * @example
 * parsePublishedAt('Tue, 01 Jul 2025 09:30:00 +0700') // '2025-07-01T02:30:00.000Z'
 * parsePublishedAt('17/08/1945') // '1945-08-17T00:00:00.000Z'
 */
export function parsePublishedAt(input: string): string | null {
  const value = input.trim();
  if (value === '') return null;
  let m = ISO.exec(value);
  if (m) {
    const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms, isoOffsetMinutes(m[8]));
  }
  if (/^\d{9,11}(?:\.\d+)?$/.test(value)) return fromEpochMs(Number(value) * 1000);
  if (/^\d{12,13}$/.test(value)) return fromEpochMs(Number(value));
  m = COMPACT.exec(value);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, 0, 0);
  m = RFC2822.exec(value);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month === undefined) return null;
    let year = +m[3]!;
    // RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx.
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    const offset = rfcOffsetMinutes(m[7]);
    if (offset === null) return null;
    return build(year, month, +m[1]!, +m[4]!, +m[5]!, +(m[6] ?? 0), 0, offset);
  }
  m = DMY.exec(value);
  if (m) return build(+m[3]!, +m[2]!, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, 0);
  return null;
}

function isoOffsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}

function rfcOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined) return 0;
  if (/^[+-]\d{4}$/.test(zone)) {
    const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5));
    return zone.startsWith('-') ? -minutes : minutes;
  }
  return ZONES[zone.toUpperCase()] ?? null;
}

function fromEpochMs(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Builds the instant, refusing out-of-range parts (Date.UTC would roll 31 February into March). */
function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offsetMinutes: number): string | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  // A leap second is read as the last second of the minute; ECMAScript time has none.
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms) - offsetMinutes * 60_000;
  return fromEpochMs(utc);
}
