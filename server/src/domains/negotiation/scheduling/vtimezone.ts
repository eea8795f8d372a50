// VTIMEZONE from the zone's actual transitions over a span (RFC 5545 §3.6.5), not from a table
// shipped years ago: each observance is written out with DTSTART and explicit RDATEs, no RRULE,
// so a rule change in the time-zone data shows up in the next invitation.

import { contentLine, localDateTime, utcOffset } from './ical-text.ts';
import { offsetAt, transitionsBetween, type ZoneTransition, wallFromUtcFields } from './zone-time.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** How far before the span to look for the transition that set the offset in force at its start. */
const LOOKBACK = 400 * DAY;

type Observance = { kind: 'STANDARD' | 'DAYLIGHT'; offsetFrom: number; offsetTo: number; starts: number[] };

/** The observances that cover [from, to] in `zone`: the one in force at `from` and every change until `to`. */
export function observancesOf(zone: string, from: number, to: number): Observance[] {
  const all = transitionsBetween(zone, from - LOOKBACK, to + DAY);
  const before = all.filter((t) => t.at <= from);
  const kept: ZoneTransition[] = all.filter((t) => t.at > from);
  const last = before.at(-1);
  if (last) kept.unshift(last);
  else {
    // No change in the year before: the offset in force at the start is stated from the start of
    // the look-back (FROM = TO), which covers the span and claims nothing about earlier history.
    const offset = offsetAt(from, zone);
    kept.unshift({ at: from - LOOKBACK, offsetFrom: offset, offsetTo: offset });
  }
  // The lower offset of a zone that goes back and forth is its standard time; a zone that only
  // moved once (Asia/Kathmandu in 1986) has no daylight time.
  const ups = kept.some((t) => t.offsetTo > t.offsetFrom);
  const downs = kept.some((t) => t.offsetTo < t.offsetFrom);
  const standard = Math.min(...kept.map((t) => t.offsetTo));
  const groups = new Map<string, Observance>();
  for (const t of kept) {
    const kind = ups && downs && t.offsetTo > standard ? 'DAYLIGHT' : 'STANDARD';
    const key = `${kind}:${t.offsetFrom}:${t.offsetTo}`;
    const group = groups.get(key) ?? { kind, offsetFrom: t.offsetFrom, offsetTo: t.offsetTo, starts: [] };
    group.starts.push(t.at);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The lines of one VTIMEZONE for `zone` covering the instants [from, to]. */
export function vtimezoneLines(zone: string, from: number, to: number): string[] {
  const lines = ['BEGIN:VTIMEZONE', contentLine('TZID', {}, zone)];
  for (const o of observancesOf(zone, from, to)) {
    // An observance's DTSTART and RDATEs are local times on the clock before the change (TZOFFSETFROM).
    const local = o.starts.map((at) => localDateTime(wallFromUtcFields(at + o.offsetFrom * MINUTE)));
    lines.push(`BEGIN:${o.kind}`, contentLine('DTSTART', {}, local[0] as string));
    if (local.length > 1) lines.push(contentLine('RDATE', {}, local.slice(1).join(',')));
    lines.push(contentLine('TZOFFSETFROM', {}, utcOffset(o.offsetFrom)), contentLine('TZOFFSETTO', {}, utcOffset(o.offsetTo)), `END:${o.kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
