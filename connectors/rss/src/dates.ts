// Feed dates: RFC 822 (RSS 2.0 `pubDate`, as amended by RFC 1123/2822) and RFC 3339 (Atom,
// `dc:date`). Written by hand because `Date.parse` accepts too much in some places (any
// locale-ish string) and too little in others (obsolete zones like "EST", two-digit years).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// RFC 822 §5.1 zones; military letters other than Z are ambiguous in practice and read as UTC.
const ZONES: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7 };

/**
 * Parses an RFC 822 date (`Wed, 02 Oct 2002 13:00:00 GMT`, `2 Oct 02 08:00 +0200`) to epoch ms, or null.
 *
 * @example
 * parseRfc822Date('Wed, 02 Oct 2002 15:00:00 +0200') // Date.UTC(2002, 9, 2, 13)
 */
export function parseRfc822Date(value: string): number | null {
  const match = /^\s*(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?\s*$/.exec(value);
  if (!match) return null;
  const [, day, monthName, yearText, hour, minute, second, zone] = match;
  const month = MONTHS.indexOf((monthName ?? '').slice(0, 3).toLowerCase());
  if (month === -1) return null;
  let year = Number(yearText);
  // RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx.
  if ((yearText ?? '').length === 2) year += year < 50 ? 2000 : 1900;
  let offsetMinutes = 0;
  if (zone !== undefined) {
    if (/^[+-]\d{4}$/.test(zone)) {
      const sign = zone.startsWith('-') ? -1 : 1;
      offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
    } else {
      offsetMinutes = (ZONES[zone.toLowerCase()] ?? 0) * 60;
    }
  }
  const ms = Date.UTC(year, month, Number(day), Number(hour), Number(minute), Number(second ?? 0)) - offsetMinutes * 60_000;
  return checkFields(ms, year, month, Number(day)) ? ms : null;
}

/**
 * Parses an RFC 3339 / ISO 8601 date-time (`2003-12-13T18:30:02.25+01:00`, or a bare date) to epoch ms, or null.
 *
 * @example
 * parseRfc3339Date('2003-12-13T18:30:02Z') // Date.UTC(2003, 11, 13, 18, 30, 2)
 */
export function parseRfc3339Date(value: string): number | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*([Zz]|[+-]\d{2}:?\d{2})?)?\s*$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const millis = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  const ms = Date.UTC(year, month, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), millis) - offsetMinutes * 60_000;
  return checkFields(ms, year, month, day) ? ms : null;
}

/** Either format, RFC 3339 first; null when neither reads. */
export function parseFeedDate(value: string): number | null {
  return parseRfc3339Date(value) ?? parseRfc822Date(value);
}

// Date.UTC rolls 31 Feb over into March; a real date keeps its fields.
function checkFields(ms: number, year: number, month: number, day: number): boolean {
  if (!Number.isFinite(ms)) return false;
  const probe = new Date(Date.UTC(year, month, day));
  return probe.getUTCMonth() === month && probe.getUTCDate() === day;
}
