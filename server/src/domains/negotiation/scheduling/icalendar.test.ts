import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCancellation, buildFeed, buildInvitation, type CalendarEvent, CalendarError, spanOf } from './icalendar.ts';
import { expandInstants } from './recurrence.ts';
import { wallTimeAt } from './zone-time.ts';

const READER = fileURLToPath(new URL('./read-ics.py', import.meta.url));
const at = (year: number, month: number, day: number, hour = 0, minute = 0) => ({ year, month, day, hour, minute });
const iso = (t: number): string => new Date(t).toISOString().replace('.000', '');

// The independent reader needs Debian's python3-icalendar (with dateutil and pytz). The first
// interpreter that has them is used; without one these checks are skipped, and say so.
const python = ['python3', '/usr/bin/python3'].find(
  (bin) => spawnSync(bin, ['-c', 'import icalendar, dateutil.rrule, pytz'], { stdio: 'ignore' }).status === 0,
);

type ReadEvent = {
  uid: string;
  sequence: number;
  status: string | null;
  summary: string;
  description: string | null;
  location: string | null;
  url: string | null;
  tzid: string;
  rrule: string | null;
  durationSeconds: number;
  organizer: { value: string; cn?: string } | null;
  attendees: Array<Record<string, string>>;
  vtimezone: string[];
  iana: string[];
};
type ReadCalendar = { method: string | null; prodid: string; version: string; calname: string | null; tzids: string[]; events: ReadEvent[] };

function readWithPython(ics: string): ReadCalendar {
  const run = spawnSync(python as string, [READER], { input: ics, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3-icalendar could not read the calendar:\n${run.stderr}\n${ics}`);
  return JSON.parse(run.stdout) as ReadCalendar;
}

/** Unfolded content lines and the VTIMEZONE blocks, read by hand for structure checks. */
function lines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}
function vtimezones(ics: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of lines(ics)) {
    if (line === 'BEGIN:VTIMEZONE') current = [];
    else if (line === 'END:VTIMEZONE') current = undefined;
    else if (current) {
      if (line.startsWith('TZID:')) out[line.slice(5)] = current;
      else current.push(line);
    }
  }
  return out;
}

/** Local times of the changes a VTIMEZONE block lists (DTSTART and RDATE of its observances), in order. */
function changes(block: string[] | undefined): string[] {
  return (block ?? []).flatMap((l) => (l.startsWith('DTSTART:') || l.startsWith('RDATE:') ? l.split(':')[1]?.split(',') ?? [] : [])).sort();
}

const chair = { email: 'chair@mfa.example', name: 'Chair, H.E. "Ana" Putri' };
const base = {
  stamp: Date.parse('2026-02-01T08:00:00Z'),
  summary: 'Informal consultations; OP 3, OP 4 \\ rev.1\nSecond reading — bacaan kedua 日本',
  description: 'Agenda:\n1. Opening, adoption of the agenda\n2. Draft text; brackets\n3. AOB',
  location: 'Room XVII, Palais des Nations; Geneva',
  url: 'https://diplodesk.example/meetings/0190b6a0',
  organizer: chair,
  attendees: [
    { email: 'ana@kemlu.example', name: 'Putri, Ana: Indonesia', role: 'CHAIR' as const, partstat: 'ACCEPTED' as const, rsvp: false },
    { email: 'delegate@mission.example', role: 'OPT-PARTICIPANT' as const },
  ],
};

const series: Record<string, CalendarEvent> = {
  // Weekly at 10:00 Geneva time from 10 March, across Europe's change on 29 March, one week off.
  geneva: { ...base, uid: 'gva@diplodesk.example', timeZone: 'Europe/Zurich', start: at(2026, 3, 10, 10), end: at(2026, 3, 10, 11, 30), recurrence: { freq: 'WEEKLY', count: 8 }, exdates: [at(2026, 4, 7, 10)] },
  // Weekly at 10:00 New York time across both North American changes (8 March, 1 November), until 24 November.
  newYork: { ...base, uid: 'nyc@diplodesk.example', timeZone: 'America/New_York', start: at(2026, 2, 24, 10), end: at(2026, 2, 24, 11), recurrence: { freq: 'WEEKLY', until: at(2026, 11, 24, 10) } },
  // Every other Monday and Wednesday at 09:30 in Adelaide across its April and October changes.
  adelaide: { ...base, uid: 'adl@diplodesk.example', timeZone: 'Australia/Adelaide', start: at(2026, 3, 23, 9, 30), end: at(2026, 3, 23, 10, 30), recurrence: { freq: 'WEEKLY', interval: 2, byDay: ['MO', 'WE'], until: at(2026, 10, 31, 23) } },
  kolkata: { ...base, uid: 'ccu@diplodesk.example', timeZone: 'Asia/Kolkata', start: at(2026, 3, 2, 14), end: at(2026, 3, 2, 15), recurrence: { freq: 'MONTHLY', count: 10 } },
  kathmandu: { ...base, uid: 'ktm@diplodesk.example', timeZone: 'Asia/Kathmandu', start: at(2026, 6, 1, 9), end: at(2026, 6, 1, 10) },
  auckland: { ...base, uid: 'akl@diplodesk.example', timeZone: 'Pacific/Auckland', start: at(2026, 3, 30, 8), end: at(2026, 3, 30, 9), recurrence: { freq: 'DAILY', interval: 3, count: 70 } },
  // Daily at 02:30 in Berlin: the hour clocks skip on 29 March and the hour they repeat on 25 October.
  berlinGap: { ...base, uid: 'ber-gap@diplodesk.example', timeZone: 'Europe/Berlin', start: at(2026, 3, 27, 2, 30), end: at(2026, 3, 27, 3), recurrence: { freq: 'DAILY', count: 4 } },
  berlinOverlap: { ...base, uid: 'ber-overlap@diplodesk.example', timeZone: 'Europe/Berlin', start: at(2026, 10, 24, 2, 30), end: at(2026, 10, 24, 3), recurrence: { freq: 'DAILY', count: 3 } },
  kiritimati: { ...base, uid: 'cxi@diplodesk.example', timeZone: 'Pacific/Kiritimati', start: at(2026, 1, 1, 7), end: at(2026, 1, 1, 8), recurrence: { freq: 'WEEKLY', count: 5 } },
};

describe('an invitation (METHOD:REQUEST)', () => {
  const ics = buildInvitation(series.geneva as CalendarEvent);

  it('is a CRLF stream of lines no longer than 75 octets, with the calendar and event properties', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const all = lines(ics);
    expect(all.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'PRODID:-//DiploDesk//Negotiation meetings//EN', 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:REQUEST']);
    expect(all).toContain('DTSTART;TZID=Europe/Zurich:20260310T100000');
    expect(all).toContain('DTEND;TZID=Europe/Zurich:20260310T113000');
    expect(all).toContain('RRULE:FREQ=WEEKLY;COUNT=8');
    expect(all).toContain('EXDATE;TZID=Europe/Zurich:20260407T100000');
    expect(all).toContain('UID:gva@diplodesk.example');
    expect(all).toContain('SEQUENCE:0');
    expect(all).toContain('DTSTAMP:20260201T080000Z');
    expect(all).toContain(`ORGANIZER;CN="Chair, H.E. 'Ana' Putri":mailto:chair@mfa.example`);
    expect(all).toContain('ATTENDEE;CN="Putri, Ana: Indonesia";ROLE=CHAIR;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:ana@kemlu.example');
    expect(all).toContain('ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:delegate@mission.example');
    expect(all).toContain('LOCATION:Room XVII\\, Palais des Nations\\; Geneva');
  });

  it("carries one VTIMEZONE with the zone's real change inside the series, and the one before it", () => {
    expect(vtimezones(ics)).toEqual({
      'Europe/Zurich': [
        'BEGIN:STANDARD', 'DTSTART:20251026T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
        'BEGIN:DAYLIGHT', 'DTSTART:20260329T020000', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      ],
    });
  });

  it('keeps 10:00 local across the DST change: 09:00 UTC before 29 March, 08:00 after', () => {
    const starts = spanOf(series.geneva as CalendarEvent).starts.map(iso);
    expect(starts).toEqual([
      '2026-03-10T09:00:00Z', '2026-03-17T09:00:00Z', '2026-03-24T09:00:00Z', '2026-03-31T08:00:00Z',
      '2026-04-14T08:00:00Z', '2026-04-21T08:00:00Z', '2026-04-28T08:00:00Z', // 7 April is excluded; COUNT still counts it
    ]);
  });

  it('refuses what would make a broken or unsafe calendar', () => {
    const bad = (patch: Partial<CalendarEvent>): string => {
      try {
        buildInvitation({ ...(series.geneva as CalendarEvent), ...patch });
      } catch (e) {
        if (e instanceof CalendarError || (e instanceof Error && 'code' in e)) return e.message;
        throw e;
      }
      return 'accepted';
    };
    expect(bad({ organizer: { email: 'chair@mfa.example\r\nATTENDEE:mailto:x@evil.example' } })).toMatch(/e-mail/);
    expect(bad({ attendees: [{ email: 'not an address' }] })).toMatch(/e-mail/);
    expect(bad({ timeZone: 'Europe/Atlantis' })).toMatch(/time zone/);
    expect(bad({ end: at(2026, 3, 10, 9) })).toMatch(/end after/);
    expect(bad({ url: 'javascript:alert(1)' })).toMatch(/URL/);
    expect(bad({ sequence: -1 })).toMatch(/SEQUENCE/);
    expect(bad({ uid: 'a\r\nb' })).toMatch(/UID/);
    expect(bad({ summary: '  ' })).toMatch(/summary/);
    expect(bad({ organizer: undefined })).toMatch(/organizer/);
    expect(bad({ recurrence: { freq: 'WEEKLY', byDay: ['FR'], count: 3 } })).toMatch(/BYDAY/);
    expect(bad({ recurrence: { freq: 'WEEKLY', count: 3, until: at(2026, 5, 1) } })).toMatch(/COUNT and UNTIL/);
  });
});

describe('series across DST changes and odd offsets', () => {
  it('keeps 10:00 in New York from February to November: 15:00, 14:00, then 15:00 UTC', () => {
    const e = series.newYork as CalendarEvent;
    const starts = expandInstants(e.start, e.recurrence, e.timeZone);
    expect(starts.map((t) => wallTimeAt(t, e.timeZone).hour)).toEqual(starts.map(() => 10));
    const utcHours = new Set(starts.map((t) => `${new Date(t).getUTCHours()}`));
    expect(utcHours).toEqual(new Set(['15', '14']));
    expect(iso(starts[1] as number)).toBe('2026-03-03T15:00:00Z');
    expect(iso(starts[2] as number)).toBe('2026-03-10T14:00:00Z');
    expect(iso(starts.at(-1) as number)).toBe('2026-11-24T15:00:00Z');
    expect(starts).toHaveLength(40);
    expect(lines(buildInvitation(e))).toContain('RRULE:FREQ=WEEKLY;UNTIL=20261124T150000Z');
    // The change before the series, and both inside it; the November ones share a STANDARD observance.
    const block = vtimezones(buildInvitation(e))['America/New_York'];
    expect(changes(block)).toEqual(['20251102T020000', '20260308T020000', '20261101T020000']);
    expect(block).toContain('RDATE:20261101T020000');
  });

  it('moves an occurrence a gap skips forward by the gap and takes the first of a repeated hour', () => {
    const expand = (e: CalendarEvent | undefined) => (e ? expandInstants(e.start, e.recurrence, e.timeZone).map(iso) : []);
    // 29 March: 02:30 does not exist; read with the offset before the gap it is 03:30 CEST.
    expect(expand(series.berlinGap)).toEqual(['2026-03-27T01:30:00Z', '2026-03-28T01:30:00Z', '2026-03-29T01:30:00Z', '2026-03-30T00:30:00Z']);
    // 25 October: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET); the first is taken.
    expect(expand(series.berlinOverlap)).toEqual(['2026-10-24T00:30:00Z', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z']);
  });

  it('writes a zone without DST as a single STANDARD observance (Kolkata, Kathmandu, Kiritimati)', () => {
    for (const [key, offset] of [['kolkata', '+0530'], ['kathmandu', '+0545'], ['kiritimati', '+1400']] as const) {
      const e = series[key] as CalendarEvent;
      const [block] = Object.values(vtimezones(buildInvitation(e)));
      expect(block?.filter((l) => l.startsWith('BEGIN:'))).toEqual(['BEGIN:STANDARD']);
      expect(block).toContain(`TZOFFSETFROM:${offset}`);
      expect(block).toContain(`TZOFFSETTO:${offset}`);
    }
  });

  it("lists Adelaide's and Auckland's changes with their half-hour and date-line offsets", () => {
    const adelaide = vtimezones(buildInvitation(series.adelaide as CalendarEvent))['Australia/Adelaide'];
    expect(adelaide).toEqual(expect.arrayContaining(['TZOFFSETFROM:+1030', 'TZOFFSETTO:+0930', 'TZOFFSETFROM:+0930', 'TZOFFSETTO:+1030']));
    expect(changes(adelaide)).toEqual(['20251005T020000', '20260405T030000', '20261004T020000']);
    const auckland = vtimezones(buildInvitation(series.auckland as CalendarEvent))['Pacific/Auckland'];
    expect(auckland).toEqual(expect.arrayContaining(['TZOFFSETFROM:+1300', 'TZOFFSETTO:+1200', 'TZOFFSETFROM:+1200', 'TZOFFSETTO:+1300']));
    // 70 occurrences every third day from 30 March 2026 run to late October: April's and September's changes.
    expect(changes(auckland)).toEqual(['20250928T020000', '20260405T030000', '20260927T020000']);
  });
});

describe('a cancellation (METHOD:CANCEL) and a feed', () => {
  it('cancels with the same UID and a higher SEQUENCE, and refuses one that is not higher', () => {
    const e = series.geneva as CalendarEvent;
    const ics = buildCancellation({ ...e, sequence: 2, stamp: Date.parse('2026-03-20T10:00:00Z') }, 1);
    const all = lines(ics);
    expect(all).toContain('METHOD:CANCEL');
    expect(all).toContain('STATUS:CANCELLED');
    expect(all).toContain('SEQUENCE:2');
    expect(all).toContain('UID:gva@diplodesk.example');
    expect(() => buildCancellation({ ...e, sequence: 1 }, 1)).toThrow(/SEQUENCE above 1/);
  });

  it('puts many events in one calendar with one VTIMEZONE per zone and no METHOD', () => {
    const events = Object.values(series);
    const ics = buildFeed([...events, { ...(series.geneva as CalendarEvent), uid: 'gva-2@diplodesk.example', start: at(2026, 11, 2, 15), end: at(2026, 11, 2, 16), recurrence: undefined, exdates: undefined }], 'Ana — meetings, rapat');
    const all = lines(ics);
    expect(all.some((l) => l.startsWith('METHOD:'))).toBe(false);
    expect(all).toContain('X-WR-CALNAME:Ana — meetings\\, rapat');
    expect(Object.keys(vtimezones(ics)).sort()).toEqual([...new Set(events.map((e) => e.timeZone))].sort());
    // Ten events in eight zones: the two Berlin series share one block, as do the two Geneva events.
    expect(all.filter((l) => l === 'BEGIN:VTIMEZONE')).toHaveLength(8);
    expect(all.filter((l) => l === 'TZID:Europe/Berlin')).toHaveLength(1);
    // The Geneva block now also covers the second event in November (its October change included).
    expect(changes(vtimezones(ics)['Europe/Zurich'])).toEqual(['20251026T030000', '20260329T020000', '20261025T030000']);
  });
});

describe.skipIf(!python)('read back by python3-icalendar', () => {
  const cases: Array<[string, () => string, CalendarEvent[]]> = [
    ...Object.entries(series).map(([name, e]): [string, () => string, CalendarEvent[]] => [name, () => buildInvitation(e), [e]]),
    ['cancellation', () => buildCancellation({ ...(series.newYork as CalendarEvent), sequence: 3 }, 2), [{ ...(series.newYork as CalendarEvent), sequence: 3 }]],
    ['feed', () => buildFeed(Object.values(series), 'Feed'), Object.values(series)],
  ];

  it.each(cases)('%s: the same instants through our VTIMEZONE and through the Olson data', (_, build, events) => {
    const read = readWithPython(build());
    expect(read.tzids.sort()).toEqual([...new Set(events.map((e) => e.timeZone))].sort());
    expect(read.events).toHaveLength(events.length);
    for (const [i, e] of events.entries()) {
      const r = read.events[i] as ReadEvent;
      const ours = expandInstants(e.start, e.recurrence, e.timeZone, e.exdates).map(iso);
      expect(r.uid).toBe(e.uid);
      expect(r.tzid).toBe(e.timeZone);
      expect(r.vtimezone).toEqual(ours);
      expect(r.iana).toEqual(ours);
      expect(r.durationSeconds).toBe((e.end.hour * 60 + e.end.minute - e.start.hour * 60 - e.start.minute) * 60);
    }
  });

  it('gets back every text field, name and address exactly as given', () => {
    const read = readWithPython(buildInvitation(series.geneva as CalendarEvent));
    const [r] = read.events;
    expect(read).toMatchObject({ method: 'REQUEST', prodid: '-//DiploDesk//Negotiation meetings//EN', version: '2.0' });
    expect(r).toMatchObject({ summary: base.summary, description: base.description, location: base.location, url: base.url, sequence: 0, status: 'CONFIRMED' });
    expect(r?.organizer).toEqual({ value: 'mailto:chair@mfa.example', cn: `Chair, H.E. 'Ana' Putri` });
    expect(r?.attendees).toEqual([
      { value: 'mailto:ana@kemlu.example', CN: 'Putri, Ana: Indonesia', ROLE: 'CHAIR', PARTSTAT: 'ACCEPTED', RSVP: 'FALSE' },
      { value: 'mailto:delegate@mission.example', ROLE: 'OPT-PARTICIPANT', PARTSTAT: 'NEEDS-ACTION', RSVP: 'TRUE' },
    ]);
  });

  it('reads a cancellation as CANCEL of the same UID with the higher SEQUENCE', () => {
    const read = readWithPython(buildCancellation({ ...(series.geneva as CalendarEvent), sequence: 1 }, 0));
    expect(read.method).toBe('CANCEL');
    expect(read.events[0]).toMatchObject({ uid: 'gva@diplodesk.example', sequence: 1, status: 'CANCELLED' });
  });
});
