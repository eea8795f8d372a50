// Wall time ↔ instant in an IANA zone, on the engine's own time-zone data (Intl), without Temporal.
// An instant is a number of milliseconds since the epoch; a wall time is the clock and calendar a
// person in that zone reads. Offsets are in minutes east of UTC (Asia/Kolkata = +330).

/** A local calendar date and clock time, as read on a wall clock in some zone. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second?: number };

/** What to do with a wall time that a zone skips (gap) or shows twice (overlap), as Temporal names it. */
export type Disambiguation = 'compatible' | 'earlier' | 'later' | 'reject';

/** A change of a zone's offset: from `at` on, the zone is `offsetTo` minutes east of UTC. */
export type ZoneTransition = { at: number; offsetFrom: number; offsetTo: number };

export class ZoneTimeError extends Error {
  readonly code: 'zone_unknown' | 'wall_time_skipped' | 'wall_time_invalid';
  constructor(code: ZoneTimeError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new ZoneTimeError('zone_unknown', `Unknown time zone "${zone}"`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** True when the engine knows the IANA zone name. */
export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time shown in `zone` at `instant`. */
export function wallTimeAt(instant: number, zone: string): Required<WallTime> {
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  return { year, month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The wall time read as if it were UTC, in milliseconds: the arithmetic base for offsets. */
export function wallAsUtc(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second ?? 0, 0);
  return d.getTime();
}

/** The wall time whose "as UTC" reading is `ms` (the inverse of wallAsUtc). */
export function wallFromUtcFields(ms: number): Required<WallTime> {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** The zone's offset from UTC at `instant`, in minutes (east positive). */
export function offsetAt(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((wallAsUtc(wallTimeAt(whole, zone)) - whole) / MINUTE);
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && (a.second ?? 0) === (b.second ?? 0);
}

function checkWall(w: WallTime): void {
  const round = wallFromUtcFields(wallAsUtc(w));
  const valid = [w.month, w.day, w.hour, w.minute, w.second ?? 0].every(Number.isInteger) && sameWall(round, w);
  if (!valid) throw new ZoneTimeError('wall_time_invalid', `Not a calendar date and time: ${JSON.stringify(w)}`);
}

/**
 * The instant at which `zone` shows the wall time `w`. In a gap (clocks jump forward) the wall time
 * does not exist: 'compatible' and 'later' move it forward by the gap's length, 'earlier' back,
 * 'reject' throws. In an overlap (clocks fall back) it exists twice: 'compatible' and 'earlier' take
 * the first, 'later' the second, 'reject' throws.
 * @example instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin') // → 01:30Z (03:30 CEST)
 */
export function instantOf(w: WallTime, zone: string, disambiguation: Disambiguation = 'compatible'): number {
  checkWall(w);
  const local = wallAsUtc(w);
  // The offsets in force a day either side bracket any transition that could touch this wall time
  // (an offset is at most ±14 h; the widest jump on record, Samoa's in 2011, is a day).
  const before = offsetAt(local - DAY, zone);
  const after = offsetAt(local + DAY, zone);
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset * MINUTE)
    .filter((t) => sameWall(wallTimeAt(t, zone), w))
    .sort((a, b) => a - b);
  const first = candidates[0];
  const last = candidates.at(-1);
  if (first !== undefined && last !== undefined) {
    if (candidates.length === 1 || disambiguation === 'compatible' || disambiguation === 'earlier') return first;
    if (disambiguation === 'later') return last;
    throw new ZoneTimeError('wall_time_invalid', `${formatWall(w)} happens twice in ${zone}`);
  }
  if (disambiguation === 'reject') throw new ZoneTimeError('wall_time_skipped', `${formatWall(w)} does not exist in ${zone}`);
  // Gap: read the wall time with the offset before the jump (lands after it) or after (lands before).
  return disambiguation === 'earlier' ? local - after * MINUTE : local - before * MINUTE;
}

/** Every change of the zone's offset in [from, to), found by probing each half day and bisecting to the second. */
export function transitionsBetween(zone: string, from: number, to: number): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  for (let year = new Date(from).getUTCFullYear(); year <= new Date(to).getUTCFullYear(); year++) {
    for (const t of transitionsOfYear(zone, year)) if (t.at >= from && t.at < to) out.push(t);
  }
  return out;
}

// A calendar, feed or series asks for the same zones and years again and again; the scan costs about
// 1,500 Intl calls a year, the answer a few entries. Zones and years in use are few, so it is kept.
const byZoneYear = new Map<string, ZoneTransition[]>();

function transitionsOfYear(zone: string, year: number): ZoneTransition[] {
  const key = `${zone}:${year}`;
  let found = byZoneYear.get(key);
  if (!found) {
    const start = Date.UTC(year, 0, 1);
    const end = Date.UTC(year + 1, 0, 1);
    // Scanned from a day early so that a change at the very start of the year is seen.
    found = scan(zone, start - DAY, end).filter((t) => t.at >= start);
    byZoneYear.set(key, found);
  }
  return found;
}

function scan(zone: string, from: number, to: number): ZoneTransition[] {
  const step = DAY / 2;
  const out: ZoneTransition[] = [];
  let t = from;
  let offset = offsetAt(t, zone);
  while (t < to) {
    const next = Math.min(t + step, to);
    const nextOffset = offsetAt(next, zone);
    if (nextOffset !== offset) {
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (offsetAt(mid, zone) === offset) lo = mid;
        else hi = mid;
      }
      if (hi < to) out.push({ at: hi, offsetFrom: offset, offsetTo: offsetAt(hi, zone) });
    }
    t = next;
    offset = nextOffset;
  }
  return out;
}

/** Adds whole days to a calendar date (the wall clock fields are kept). */
export function addDays(w: WallTime, days: number): Required<WallTime> {
  return wallFromUtcFields(wallAsUtc(w) + days * DAY);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(w: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  const dow = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  return dow === 0 ? 7 : dow;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2026-03-29" */
export function formatDate(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** "2026-03-29T02:30" (seconds only when not zero) */
export function formatWall(w: WallTime): string {
  const s = w.second ? `:${pad(w.second)}` : '';
  return `${formatDate(w)}T${pad(w.hour)}:${pad(w.minute)}${s}`;
}

/** "+05:30", "-03:00" */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
