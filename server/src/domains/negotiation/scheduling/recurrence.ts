// The subset of RRULE a meeting series needs: DAILY, WEEKLY (with BYDAY) or MONTHLY (same day of
// the month), an INTERVAL, and COUNT or UNTIL. Occurrences are expanded on the local wall clock of
// the series' zone, as RFC 5545 does for a DTSTART with TZID, so 10:00 stays 10:00 across DST.

import { addDays, instantOf, isoWeekday, type WallTime, wallAsUtc } from './zone-time.ts';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type Recurrence = {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval?: number;
  /** Number of occurrences, the first included (excluded dates still count, as in RFC 5545). */
  count?: number;
  /** Last possible local start, in the series' zone (written as UTC in the RRULE). */
  until?: WallTime;
  /** WEEKLY only: the weekdays; default the weekday of the first start. */
  byDay?: readonly Weekday[];
};

export class RecurrenceError extends Error {
  readonly code = 'recurrence_invalid';
}

/** Series with neither COUNT nor UNTIL are expanded (and their VTIMEZONE covered) this far. */
export const OPEN_SERIES_HORIZON_DAYS = 3 * 366;
const MAX_OCCURRENCES = 5000;

export function checkRecurrence(r: Recurrence, start: WallTime): void {
  const interval = r.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 366) throw new RecurrenceError('INTERVAL must be a whole number from 1 to 366');
  if (r.count !== undefined && (!Number.isInteger(r.count) || r.count < 1 || r.count > MAX_OCCURRENCES)) throw new RecurrenceError(`COUNT must be 1 to ${MAX_OCCURRENCES}`);
  if (r.count !== undefined && r.until !== undefined) throw new RecurrenceError('COUNT and UNTIL cannot both be given');
  if (r.until && wallAsUtc(r.until) < wallAsUtc(start)) throw new RecurrenceError('UNTIL is before the first start');
  if (r.byDay && r.freq !== 'WEEKLY') throw new RecurrenceError('BYDAY is supported for WEEKLY series only');
  if (r.byDay && !r.byDay.includes(WEEKDAYS[isoWeekday(start) - 1] as Weekday)) throw new RecurrenceError('The first start must fall on one of the BYDAY weekdays');
  if (r.freq === 'MONTHLY' && start.day > 28) throw new RecurrenceError('A monthly series must start on day 1 to 28 of a month');
}

/** The RRULE value, e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260630T220000Z". */
export function rruleValue(r: Recurrence, zone: string, utc: (instant: number) => string): string {
  const parts = [`FREQ=${r.freq}`];
  if ((r.interval ?? 1) !== 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.byDay) parts.push(`BYDAY=${[...r.byDay].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b)).join(',')}`);
  if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
  // With a TZID start, UNTIL must be in UTC (RFC 5545 §3.3.10).
  if (r.until) parts.push(`UNTIL=${utc(instantOf(r.until, zone))}`);
  return parts.join(';');
}

/** Local start wall times of a series, in order (before EXDATEs are removed). */
export function expandLocal(start: WallTime, r: Recurrence | undefined): WallTime[] {
  if (!r) return [start];
  checkRecurrence(r, start);
  const interval = r.interval ?? 1;
  const untilMs = r.until ? wallAsUtc(r.until) : wallAsUtc(addDays(start, OPEN_SERIES_HORIZON_DAYS));
  const limit = r.count ?? MAX_OCCURRENCES;
  const out: WallTime[] = [];
  const keep = (w: WallTime): boolean => {
    if (out.length >= limit || wallAsUtc(w) > untilMs) return false;
    out.push(w);
    return true;
  };
  const time = { hour: start.hour, minute: start.minute, second: start.second ?? 0 };
  if (r.freq === 'DAILY') {
    for (let i = 0; keep({ ...addDays(start, i * interval), ...time }); i++);
  } else if (r.freq === 'WEEKLY') {
    const days = (r.byDay ?? [WEEKDAYS[isoWeekday(start) - 1] as Weekday]).map((d) => WEEKDAYS.indexOf(d) + 1).sort((a, b) => a - b);
    const monday = addDays(start, 1 - isoWeekday(start));
    for (let week = 0; ; week += interval) {
      const dates = days.map((d) => ({ ...addDays(monday, week * 7 + d - 1), ...time })).filter((w) => wallAsUtc(w) >= wallAsUtc(start));
      if (!dates.every(keep)) break;
    }
  } else {
    for (let i = 0; ; i += interval) {
      const m = start.month - 1 + i;
      if (!keep({ year: start.year + Math.floor(m / 12), month: (m % 12) + 1, day: start.day, ...time })) break;
    }
  }
  return out;
}

/** Start instants of a series after removing EXDATEs; a start that a DST gap skips moves forward by the gap. */
export function expandInstants(start: WallTime, r: Recurrence | undefined, zone: string, exdates: readonly WallTime[] = []): number[] {
  const excluded = new Set(exdates.map(wallAsUtc));
  return expandLocal(start, r)
    .filter((w) => !excluded.has(wallAsUtc(w)))
    .map((w) => instantOf(w, zone, 'compatible'));
}
