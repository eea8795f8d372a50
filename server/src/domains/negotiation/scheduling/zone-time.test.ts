import { describe, expect, it } from 'vitest';
import { addDays, instantOf, isoWeekday, offsetAt, transitionsBetween, wallTimeAt, ZoneTimeError } from './zone-time.ts';

const iso = (t: number): string => new Date(t).toISOString().replace('.000', '');
const at = (year: number, month: number, day: number, hour = 0, minute = 0) => ({ year, month, day, hour, minute });
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZoneTimeError) return e.code;
    throw e;
  }
  return undefined;
};

describe('offsets that are not whole hours', () => {
  it('reads Kolkata (+05:30), Kathmandu (+05:45) and Adelaide (+09:30 / +10:30) both ways', () => {
    expect(iso(instantOf(at(2026, 6, 1, 9), 'Asia/Kolkata'))).toBe('2026-06-01T03:30:00Z');
    expect(iso(instantOf(at(2026, 6, 1, 9), 'Asia/Kathmandu'))).toBe('2026-06-01T03:15:00Z');
    expect(iso(instantOf(at(2026, 6, 1, 9), 'Australia/Adelaide'))).toBe('2026-05-31T23:30:00Z');
    expect(iso(instantOf(at(2026, 1, 15, 9), 'Australia/Adelaide'))).toBe('2026-01-14T22:30:00Z');
    expect(offsetAt(Date.parse('2026-06-01T00:00Z'), 'Asia/Kathmandu')).toBe(345);
    expect(wallTimeAt(Date.parse('2026-06-01T03:15Z'), 'Asia/Kathmandu')).toMatchObject({ hour: 9, minute: 0 });
  });

  it("finds Adelaide's DST changes at 03:00 and 02:00 local, half an hour off the whole-hour zones", () => {
    const changes = transitionsBetween('Australia/Adelaide', Date.parse('2026-01-01T00:00Z'), Date.parse('2027-01-01T00:00Z'));
    expect(changes.map((c) => [iso(c.at), c.offsetFrom, c.offsetTo])).toEqual([
      ['2026-04-04T16:30:00Z', 630, 570], // Sunday 5 April 03:00 ACDT → 02:00 ACST
      ['2026-10-03T16:30:00Z', 570, 630], // Sunday 4 October 02:00 ACST → 03:00 ACDT
    ]);
  });

  it('knows Kathmandu moved from +05:30 to +05:45 once, in 1986', () => {
    const changes = transitionsBetween('Asia/Kathmandu', Date.parse('1984-01-01T00:00Z'), Date.parse('1988-01-01T00:00Z'));
    expect(changes.map((c) => [iso(c.at), c.offsetFrom, c.offsetTo])).toEqual([['1985-12-31T18:30:00Z', 330, 345]]);
  });
});

describe('daylight saving changes in Europe and North America', () => {
  it('moves a skipped wall time forward (compatible), or back, or refuses it', () => {
    // Berlin, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 never shows.
    const skipped = at(2026, 3, 29, 2, 30);
    expect(iso(instantOf(skipped, 'Europe/Berlin'))).toBe('2026-03-29T01:30:00Z'); // reads as 03:30 CEST
    expect(iso(instantOf(skipped, 'Europe/Berlin', 'later'))).toBe('2026-03-29T01:30:00Z');
    expect(iso(instantOf(skipped, 'Europe/Berlin', 'earlier'))).toBe('2026-03-29T00:30:00Z'); // 01:30 CET
    expect(code(() => instantOf(skipped, 'Europe/Berlin', 'reject'))).toBe('wall_time_skipped');
    // New York, Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(iso(instantOf(at(2026, 3, 8, 2, 15), 'America/New_York'))).toBe('2026-03-08T07:15:00Z');
  });

  it('takes the first of two equal wall times unless told otherwise', () => {
    // Berlin, 25 October 2026: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    expect(iso(instantOf(at(2026, 10, 25, 2, 30), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00Z');
    expect(iso(instantOf(at(2026, 10, 25, 2, 30), 'Europe/Berlin', 'later'))).toBe('2026-10-25T01:30:00Z');
    expect(code(() => instantOf(at(2026, 10, 25, 2, 30), 'Europe/Berlin', 'reject'))).toBe('wall_time_invalid');
    // New York, 1 November 2026: 01:30 EDT then 01:30 EST.
    expect(iso(instantOf(at(2026, 11, 1, 1, 30), 'America/New_York'))).toBe('2026-11-01T05:30:00Z');
    expect(iso(instantOf(at(2026, 11, 1, 1, 30), 'America/New_York', 'later'))).toBe('2026-11-01T06:30:00Z');
  });

  it('lists both changes of a year to the second', () => {
    const ny = transitionsBetween('America/New_York', Date.parse('2026-01-01T00:00Z'), Date.parse('2027-01-01T00:00Z'));
    expect(ny.map((c) => [iso(c.at), c.offsetFrom, c.offsetTo])).toEqual([
      ['2026-03-08T07:00:00Z', -300, -240],
      ['2026-11-01T06:00:00Z', -240, -300],
    ]);
    expect(transitionsBetween('Asia/Jakarta', Date.parse('2026-01-01T00:00Z'), Date.parse('2027-01-01T00:00Z'))).toEqual([]);
  });

  it('round-trips every quarter hour across both Berlin changes', () => {
    for (let t = Date.parse('2026-03-28T20:00Z'); t < Date.parse('2026-03-29T06:00Z'); t += 900_000) {
      expect(instantOf(wallTimeAt(t, 'Europe/Berlin'), 'Europe/Berlin')).toBe(t);
    }
    for (let t = Date.parse('2026-10-24T20:00Z'); t < Date.parse('2026-10-25T06:00Z'); t += 900_000) {
      expect(instantOf(wallTimeAt(t, 'Europe/Berlin'), 'Europe/Berlin', t >= Date.parse('2026-10-25T01:00Z') && t < Date.parse('2026-10-25T02:00Z') ? 'later' : 'earlier')).toBe(t);
    }
  });
});

describe('zones by the date line', () => {
  it('reads Auckland (+13 in January, +12 in July) and its April and September changes', () => {
    expect(iso(instantOf(at(2026, 1, 15, 9), 'Pacific/Auckland'))).toBe('2026-01-14T20:00:00Z');
    expect(iso(instantOf(at(2026, 7, 15, 9), 'Pacific/Auckland'))).toBe('2026-07-14T21:00:00Z');
    const changes = transitionsBetween('Pacific/Auckland', Date.parse('2026-01-01T00:00Z'), Date.parse('2027-01-01T00:00Z'));
    expect(changes.map((c) => [iso(c.at), c.offsetFrom, c.offsetTo])).toEqual([
      ['2026-04-04T14:00:00Z', 780, 720],
      ['2026-09-26T14:00:00Z', 720, 780],
    ]);
  });

  it('puts Kiritimati (+14) a calendar day ahead of UTC and skips the day it crossed the line', () => {
    expect(iso(instantOf(at(2026, 6, 1, 9), 'Pacific/Kiritimati'))).toBe('2026-05-31T19:00:00Z');
    expect(wallTimeAt(Date.parse('2026-05-31T12:00Z'), 'Pacific/Kiritimati')).toMatchObject({ day: 1, month: 6, hour: 2 });
    // 31 December 1994 never happened there: −10:00 became +14:00 at midnight.
    expect(code(() => instantOf(at(1994, 12, 31, 12), 'Pacific/Kiritimati', 'reject'))).toBe('wall_time_skipped');
    expect(wallTimeAt(instantOf(at(1994, 12, 31, 12), 'Pacific/Kiritimati'), 'Pacific/Kiritimati')).toMatchObject({ year: 1995, month: 1, day: 1, hour: 12 });
    expect(transitionsBetween('Pacific/Kiritimati', Date.parse('1994-12-01T00:00Z'), Date.parse('1995-02-01T00:00Z')).map((c) => c.offsetTo - c.offsetFrom)).toEqual([24 * 60]);
  });
});

describe('calendar helpers and bad input', () => {
  it('adds days across month and year ends and names ISO weekdays', () => {
    expect(addDays(at(2026, 12, 31, 10), 1)).toMatchObject({ year: 2027, month: 1, day: 1, hour: 10 });
    expect(isoWeekday(at(2026, 3, 29))).toBe(7);
    expect(isoWeekday(at(2026, 3, 30))).toBe(1);
  });

  it('refuses an unknown zone and a date that is not one', () => {
    expect(code(() => offsetAt(0, 'Mars/Olympus_Mons'))).toBe('zone_unknown');
    expect(code(() => instantOf(at(2026, 2, 30, 9), 'Europe/Berlin'))).toBe('wall_time_invalid');
    expect(code(() => instantOf(at(2026, 1, 1, 25), 'Europe/Berlin'))).toBe('wall_time_invalid');
  });
});
