// iCalendar (RFC 5545) invitations and feeds. An invitation is an iTIP message (RFC 5546):
// METHOD:REQUEST for a new or changed meeting, METHOD:CANCEL with a higher SEQUENCE to call it off;
// the UID never changes. A feed is a plain calendar of many events, with no METHOD.

import { contentLine, escapeText, joinLines, localDateTime, paramValue, utcDateTime } from './ical-text.ts';
import { expandInstants, type Recurrence, rruleValue } from './recurrence.ts';
import { vtimezoneLines } from './vtimezone.ts';
import { instantOf, isKnownZone, type WallTime, wallAsUtc } from './zone-time.ts';

export const PRODID = '-//DiploDesk//Negotiation meetings//EN';

export type Role = 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'NON-PARTICIPANT';
export type PartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'DELEGATED';
export type Person = { email: string; name?: string };
export type Attendee = Person & { role?: Role; partstat?: PartStat; rsvp?: boolean };

export type CalendarEvent = {
  /** Stable for the meeting's whole life: updates and cancellations reuse it. */
  uid: string;
  /** 0 for the first invitation; raised by every change the attendees must see. */
  sequence?: number;
  /** When this version of the message was made (DTSTAMP). */
  stamp: number;
  timeZone: string;
  /** Local wall times in `timeZone`. */
  start: WallTime;
  end: WallTime;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer?: Person;
  attendees?: readonly Attendee[];
  recurrence?: Recurrence;
  /** Local starts of occurrences that will not take place. */
  exdates?: readonly WallTime[];
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
};

export class CalendarError extends Error {
  readonly code = 'calendar_invalid';
}

const MINUTE = 60_000;
const EMAIL = /^[^\s@:;,"<>]+@[^\s@:;,"<>]+$/;

function mailto(email: string): string {
  if (!EMAIL.test(email)) throw new CalendarError(`Not an e-mail address: "${email}"`);
  return `mailto:${email}`;
}

function check(e: CalendarEvent): void {
  if (!e.uid || /[\r\n]/.test(e.uid)) throw new CalendarError('An event needs a one-line UID');
  if (!isKnownZone(e.timeZone)) throw new CalendarError(`Unknown time zone "${e.timeZone}"`);
  if (!Number.isInteger(e.sequence ?? 0) || (e.sequence ?? 0) < 0) throw new CalendarError('SEQUENCE must be a whole number ≥ 0');
  if (wallAsUtc(e.end) <= wallAsUtc(e.start)) throw new CalendarError('An event must end after it starts');
  if (!e.summary.trim()) throw new CalendarError('An event needs a summary');
  if (e.url !== undefined && !/^https?:\/\/\S+$/.test(e.url)) throw new CalendarError('URL must be an http(s) address');
}

/** The first start and the last end of an event's occurrences, as instants: what its VTIMEZONE must cover. */
export function spanOf(e: CalendarEvent): { from: number; to: number; starts: number[] } {
  const starts = expandInstants(e.start, e.recurrence, e.timeZone, e.exdates);
  const durationWall = wallAsUtc(e.end) - wallAsUtc(e.start);
  const firstStart = instantOf(e.start, e.timeZone);
  const lastStart = starts.at(-1) ?? firstStart;
  // Generous by a day at the end: an occurrence's end is read on the local clock too.
  return { from: Math.min(firstStart, starts[0] ?? firstStart), to: lastStart + durationWall + 1440 * MINUTE, starts };
}

function eventLines(e: CalendarEvent, status: CalendarEvent['status']): string[] {
  check(e);
  const tz = { TZID: paramValue(e.timeZone) };
  const lines = [
    'BEGIN:VEVENT',
    contentLine('UID', {}, escapeText(e.uid)),
    contentLine('SEQUENCE', {}, String(e.sequence ?? 0)),
    contentLine('DTSTAMP', {}, utcDateTime(e.stamp)),
    contentLine('DTSTART', tz, localDateTime(e.start)),
    contentLine('DTEND', tz, localDateTime(e.end)),
  ];
  if (e.recurrence) lines.push(contentLine('RRULE', {}, rruleValue(e.recurrence, e.timeZone, utcDateTime)));
  for (const x of e.exdates ?? []) lines.push(contentLine('EXDATE', tz, localDateTime(x)));
  lines.push(contentLine('SUMMARY', {}, escapeText(e.summary)));
  if (e.description) lines.push(contentLine('DESCRIPTION', {}, escapeText(e.description)));
  if (e.location) lines.push(contentLine('LOCATION', {}, escapeText(e.location)));
  if (e.url) lines.push(contentLine('URL', {}, e.url));
  if (e.organizer) lines.push(contentLine('ORGANIZER', { CN: e.organizer.name ? paramValue(e.organizer.name) : undefined }, mailto(e.organizer.email)));
  for (const a of e.attendees ?? []) {
    const params = {
      CN: a.name ? paramValue(a.name) : undefined,
      ROLE: a.role ?? 'REQ-PARTICIPANT',
      PARTSTAT: a.partstat ?? 'NEEDS-ACTION',
      RSVP: a.rsvp === false ? 'FALSE' : 'TRUE',
    };
    lines.push(contentLine('ATTENDEE', params, mailto(a.email)));
  }
  if (status) lines.push(contentLine('STATUS', {}, status));
  lines.push('END:VEVENT');
  return lines;
}

function calendarLines(events: readonly CalendarEvent[], method: 'REQUEST' | 'CANCEL' | undefined, extra: string[], statusOf: (e: CalendarEvent) => CalendarEvent['status']): string {
  // One VTIMEZONE per TZID, covering every event that uses it.
  const spans = new Map<string, { from: number; to: number }>();
  for (const e of events) {
    check(e);
    const s = spanOf(e);
    const known = spans.get(e.timeZone);
    spans.set(e.timeZone, known ? { from: Math.min(known.from, s.from), to: Math.max(known.to, s.to) } : { from: s.from, to: s.to });
  }
  const lines = ['BEGIN:VCALENDAR', contentLine('PRODID', {}, PRODID), 'VERSION:2.0', 'CALSCALE:GREGORIAN'];
  if (method) lines.push(`METHOD:${method}`);
  lines.push(...extra);
  for (const [zone, span] of [...spans].sort(([a], [b]) => a.localeCompare(b))) lines.push(...vtimezoneLines(zone, span.from, span.to));
  for (const e of events) lines.push(...eventLines(e, statusOf(e)));
  lines.push('END:VCALENDAR');
  return joinLines(lines);
}

/** An invitation or an update (METHOD:REQUEST) for one meeting or series. */
export function buildInvitation(e: CalendarEvent): string {
  if (!e.organizer) throw new CalendarError('An invitation needs an organizer');
  return calendarLines([e], 'REQUEST', [], (x) => x.status ?? 'CONFIRMED');
}

/**
 * A cancellation (METHOD:CANCEL) of a meeting or series. `sequence` must be higher than that of
 * every invitation sent for it, or calendars ignore the message as stale.
 */
export function buildCancellation(e: CalendarEvent, lastSentSequence: number): string {
  if (!e.organizer) throw new CalendarError('A cancellation needs an organizer');
  if ((e.sequence ?? 0) <= lastSentSequence) throw new CalendarError(`A cancellation needs a SEQUENCE above ${lastSentSequence}`);
  return calendarLines([e], 'CANCEL', [], () => 'CANCELLED');
}

/** A person's calendar feed: many events, no METHOD; `name` is shown by most clients as the calendar's title. */
export function buildFeed(events: readonly CalendarEvent[], name?: string): string {
  const extra = name ? [contentLine('X-WR-CALNAME', {}, escapeText(name))] : [];
  return calendarLines(events, undefined, extra, (x) => x.status);
}
