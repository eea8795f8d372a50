import { startOfDayInZone } from '../../../lib/zoned-time.ts';

export type CalendarView = 'week' | 'month';

/** A calendar day as `YYYY-MM-DD` (wall-clock date, no zone). */
export type DayKey = string;

function parts(day: DayKey): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

function fromUtc(date: Date): DayKey {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: DayKey, count: number): DayKey {
  const [y, m, d] = parts(day);
  return fromUtc(new Date(Date.UTC(y, m - 1, d + count)));
}

export function addMonths(day: DayKey, count: number): DayKey {
  const [y, m] = parts(day);
  return fromUtc(new Date(Date.UTC(y, m - 1 + count, 1)));
}

/** 0 = Monday … 6 = Sunday (weeks start on Monday, as in Indonesia and most of Europe). */
export function weekdayIndex(day: DayKey): number {
  const [y, m, d] = parts(day);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function startOfWeek(day: DayKey): DayKey {
  return addDays(day, -weekdayIndex(day));
}

export function firstOfMonth(day: DayKey): DayKey {
  return `${day.slice(0, 7)}-01`;
}

/** The wall-clock date of `instant` in `timeZone`. */
export function dayInZone(instant: Date, timeZone: string): DayKey {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

export interface CalendarRange {
  /** The days shown, in order: 7 for a week, whole weeks covering the month for a month. */
  days: DayKey[];
  /** The instants to ask the API for: the first day's start to the day after the last, in the zone. */
  from: string;
  to: string;
}

export function calendarRange(view: CalendarView, anchor: DayKey, timeZone: string): CalendarRange {
  let first: DayKey;
  let count: number;
  if (view === 'week') {
    first = startOfWeek(anchor);
    count = 7;
  } else {
    const monthStart = firstOfMonth(anchor);
    const lastOfMonth = addDays(addMonths(monthStart, 1), -1);
    first = startOfWeek(monthStart);
    count = Math.round((Date.parse(addDays(startOfWeek(lastOfMonth), 7)) - Date.parse(first)) / 86_400_000);
  }
  const days = Array.from({ length: count }, (_, i) => addDays(first, i));
  const last = days[days.length - 1] ?? first;
  const from = startOfDayInZone(first, timeZone) ?? new Date(Date.parse(first));
  const to = startOfDayInZone(last, timeZone, 1) ?? new Date(Date.parse(last) + 86_400_000);
  return { days, from: from.toISOString(), to: to.toISOString() };
}

/** Moves the anchor by one view's length. */
export function shiftAnchor(view: CalendarView, anchor: DayKey, direction: 1 | -1): DayKey {
  return view === 'week' ? addDays(startOfWeek(anchor), 7 * direction) : addMonths(anchor, direction);
}

/** Groups items by the day they fall on in `timeZone`, each day's items sorted by time. */
export function groupByDay<T extends { scheduledAt: string }>(items: readonly T[], timeZone: string): Map<DayKey, T[]> {
  const out = new Map<DayKey, T[]>();
  for (const item of [...items].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))) {
    const key = dayInZone(new Date(item.scheduledAt), timeZone);
    const list = out.get(key) ?? [];
    list.push(item);
    out.set(key, list);
  }
  return out;
}
