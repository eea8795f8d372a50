// How inconvenient a meeting is for one party, in points (ADR "fair scheduling and iCalendar").
// Every minute of the meeting costs a rate in points per hour, read on the party's own wall clock:
//   inside working hours on a working day ....... 0
//   early / late (outside working hours, 06:00–22:00): 1 in the first hour outside, 2 in the second …
//     up to 5 (an 08:00 meeting for a 09:00 start costs 1 per hour; 20:30 for a 17:00 end costs 4)
//   night (22:00–06:00, outside working hours) .. 10
//   and on a day off (not a working day: weekend) 6 more; on a public holiday or a declared day off
//     6 more instead (counted as holiday, not twice).
// A one-hour meeting at 23:00 on a Saturday therefore costs 16; at 07:00 on a Tuesday, 2.

import { formatDate, isoWeekday, type WallTime, wallFromUtcFields } from './zone-time.ts';

export const RATE = { perHourOutside: 1, maxEarlyLate: 5, night: 10, dayOff: 6 } as const;
export const NIGHT = { startMinute: 22 * 60, endMinute: 6 * 60 } as const;

/** A party's working hours ("09:00"–"17:00") and working days (ISO weekdays, 1 = Monday). */
export type WorkingWeek = { start: string; end: string; days: readonly number[] };

export const DEFAULT_WORKING_WEEK: WorkingWeek = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

/** Points by cause; `total` is their sum. Points are per hour of meeting (a two-hour night call costs 20). */
export type Inconvenience = { early: number; late: number; night: number; weekend: number; holiday: number; total: number };

/** Tells whether a local date is a day off for the party, and why ('holiday' with its name). */
export type DayOffLookup = (localDate: string) => string | undefined;

export function parseClock(text: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) throw new RangeError(`Not a clock time (HH:MM): "${text}"`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 24 * 60) throw new RangeError(`Not a clock time (HH:MM): "${text}"`);
  return minutes;
}

type Cause = 'early' | 'late' | 'night';

/** Rate (points per hour) and cause of one minute of the day, outside or inside working hours. */
export function minuteRate(minuteOfDay: number, startMinute: number, endMinute: number, isWorkingDay: boolean): { rate: number; cause: Cause | null } {
  const inHours = isWorkingDay && minuteOfDay >= startMinute && minuteOfDay < endMinute;
  if (inHours) return { rate: 0, cause: null };
  if (minuteOfDay >= NIGHT.startMinute || minuteOfDay < NIGHT.endMinute) return { rate: RATE.night, cause: 'night' };
  // On a day off the clock still matters: the same distance from the usual hours is charged.
  if (minuteOfDay < startMinute) {
    const hoursOutside = Math.floor((startMinute - 1 - minuteOfDay) / 60) + 1;
    return { rate: Math.min(RATE.maxEarlyLate, hoursOutside * RATE.perHourOutside), cause: 'early' };
  }
  if (minuteOfDay >= endMinute) {
    const hoursOutside = Math.floor((minuteOfDay - endMinute) / 60) + 1;
    return { rate: Math.min(RATE.maxEarlyLate, hoursOutside * RATE.perHourOutside), cause: 'late' };
  }
  return { rate: 0, cause: null }; // inside the usual hours of a day off: only the day-off rate
}

/**
 * Inconvenience of the minutes [localStart, localStart + minutes) on the party's wall clock.
 * `localStart` is the wall time read as UTC milliseconds (see zone-time `wallAsUtc`); the caller
 * walks DST changes by passing each stretch with a constant offset separately.
 */
export function scoreStretch(localStartMs: number, minutes: number, week: WorkingWeek, dayOff: DayOffLookup, into: Inconvenience): void {
  const startMinute = parseClock(week.start);
  const endMinute = parseClock(week.end);
  const units = { early: 0, late: 0, night: 0, weekend: 0, holiday: 0 };
  let dayKey = '';
  let isWorkingDay = true;
  let offCause: 'weekend' | 'holiday' | null = null;
  for (let i = 0; i < minutes; i++) {
    const ms = localStartMs + i * 60_000;
    const dayStart = Math.floor(ms / 86_400_000) * 86_400_000;
    const key = String(dayStart);
    if (key !== dayKey) {
      dayKey = key;
      const w: WallTime = wallFromUtcFields(dayStart);
      const holidayName = dayOff(formatDate(w));
      const weekend = !week.days.includes(isoWeekday(w));
      isWorkingDay = !weekend && holidayName === undefined;
      offCause = holidayName !== undefined ? 'holiday' : weekend ? 'weekend' : null;
    }
    const { rate, cause } = minuteRate(Math.floor((ms - dayStart) / 60_000), startMinute, endMinute, isWorkingDay);
    if (cause) units[cause] += rate;
    if (offCause) units[offCause] += RATE.dayOff;
  }
  into.early += units.early / 60;
  into.late += units.late / 60;
  into.night += units.night / 60;
  into.weekend += units.weekend / 60;
  into.holiday += units.holiday / 60;
  into.total = into.early + into.late + into.night + into.weekend + into.holiday;
}

export function emptyInconvenience(): Inconvenience {
  return { early: 0, late: 0, night: 0, weekend: 0, holiday: 0, total: 0 };
}

/** Rounds each figure to hundredths for display and comparison (minutes make thirds of points). */
export function roundInconvenience(i: Inconvenience): Inconvenience {
  const r = (n: number): number => Math.round(n * 100) / 100;
  return { early: r(i.early), late: r(i.late), night: r(i.night), weekend: r(i.weekend), holiday: r(i.holiday), total: r(i.total) };
}
