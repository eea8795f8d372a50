import { describe, expect, it } from 'vitest';
import { cameoCountryToIso, fipsToIso } from './country-codes.ts';
import { describeEvent } from './describe-event.ts';
import { EVENT_COLUMNS, parseEventsExport } from './events-export.ts';
import { makeEventLine } from './fake/event-lines.ts';

describe('parseEventsExport', () => {
  it('keeps CAMEO codes as strings with their leading zeros', () => {
    const { events, rejected } = parseEventsExport(makeEventLine({ EventCode: '010', EventBaseCode: '010', EventRootCode: '01', QuadClass: '1', GoldsteinScale: '0' }));
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(1);
    const event = events[0];
    expect(event?.eventCode).toBe('010');
    expect(event?.eventBaseCode).toBe('010');
    expect(event?.eventRootCode).toBe('01');
  });

  it('reads every documented field into typed values', () => {
    const [event] = parseEventsExport(makeEventLine()).events;
    expect(event).toMatchObject({
      globalEventId: '1200000001',
      eventDate: '2025-03-01',
      year: 2025,
      isRootEvent: true,
      quadClass: 1,
      goldsteinScale: 1.9,
      numMentions: 10,
      numSources: 2,
      numArticles: 10,
      avgTone: -1.25,
      dateAdded: '2025-03-01T10:15:00.000Z',
      sourceUrl: 'https://news.example.org/2025/03/01/visit',
    });
    expect(event?.actor1).toMatchObject({ code: 'IDNGOV', name: 'INDONESIA', countryCode: 'IDN', countryIso: 'ID', type1Code: 'GOV' });
    expect(event?.actor2).toMatchObject({ countryCode: 'MYS', countryIso: 'MY' });
    expect(event?.actionGeo).toMatchObject({ type: 4, countryCode: 'MY', countryIso: 'MY', adm1Code: 'MY14', lat: 3.1667, long: 101.7, featureId: '-2403010' });
    expect(event?.actor1Geo.countryIso).toBe('ID');
  });

  it('rejects a line with the wrong column count and keeps going', () => {
    const good = makeEventLine({ GLOBALEVENTID: '1' });
    const short = makeEventLine({ GLOBALEVENTID: '2' }).split('\t').slice(0, 58).join('\t');
    const long = `${makeEventLine({ GLOBALEVENTID: '3' })}\textra`;
    const { events, rejected } = parseEventsExport([good, short, long, makeEventLine({ GLOBALEVENTID: '4' })].join('\n'));
    expect(events.map((e) => e.globalEventId)).toEqual(['1', '4']);
    expect(rejected).toEqual([
      { line: 2, reason: 'expected 61 columns, found 58' },
      { line: 3, reason: 'expected 61 columns, found 62' },
    ]);
  });

  it('rejects malformed numbers, dates and codes with the column named', () => {
    const lines = [
      makeEventLine({ GoldsteinScale: 'abc' }),
      makeEventLine({ NumMentions: '1.5' }),
      makeEventLine({ AvgTone: '' }),
      makeEventLine({ SQLDATE: '20250230' }),
      makeEventLine({ DATEADDED: '2025030110' }),
      makeEventLine({ EventCode: '10a' }),
      makeEventLine({ QuadClass: '5' }),
      makeEventLine({ GoldsteinScale: '11' }),
      makeEventLine({ ActionGeo_Lat: 'north' }),
      makeEventLine({ GLOBALEVENTID: 'x1' }),
    ];
    const { events, rejected } = parseEventsExport(lines.join('\r\n'));
    expect(events).toEqual([]);
    expect(rejected.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rejected.map((r) => r.reason)).toEqual([
      'GoldsteinScale is not a number: "abc"',
      'NumMentions is not an integer: "1.5"',
      'AvgTone is not a number: ""',
      'SQLDATE is not a calendar date: "20250230"',
      'DATEADDED is not YYYYMMDDHHMMSS: "2025030110"',
      'EventCode is not a CAMEO code: "10a"',
      'QuadClass out of range: 5',
      'GoldsteinScale out of range: 11',
      'ActionGeo_Lat is not a number: "north"',
      'GLOBALEVENTID is not an integer: "x1"',
    ]);
  });

  it('accepts rows without a location or second actor, and skips blank lines', () => {
    const line = makeEventLine({
      Actor2Code: '',
      Actor2Name: '',
      Actor2CountryCode: '',
      ActionGeo_Type: '0',
      ActionGeo_FullName: '',
      ActionGeo_CountryCode: '',
      ActionGeo_ADM1Code: '',
      ActionGeo_Lat: '',
      ActionGeo_Long: '',
      ActionGeo_FeatureID: '',
    });
    const { events, rejected } = parseEventsExport(`\n${line}\n\n`);
    expect(rejected).toEqual([]);
    expect(events[0]?.actionGeo).toMatchObject({ type: 0, lat: null, long: null });
    expect(events[0]?.actionGeo.countryIso).toBeUndefined();
    expect(events[0]?.actor2.countryIso).toBeUndefined();
    expect(describeEvent(events[0] as NonNullable<(typeof events)[0]>)).toBe('Indonesia (IDN): Consult [042]');
  });

  it('describes an event in one readable line', () => {
    const [event] = parseEventsExport(makeEventLine()).events;
    expect(describeEvent(event as NonNullable<typeof event>)).toBe('Indonesia (IDN) → Malaysia (MYS): Consult [042] — Kuala Lumpur, Kuala Lumpur, Malaysia');
  });

  it('has 61 columns', () => {
    expect(EVENT_COLUMNS).toHaveLength(61);
  });
});

describe('country codes', () => {
  it('maps FIPS geo codes that differ from ISO', () => {
    expect(fipsToIso('AS')).toBe('AU');
    expect(fipsToIso('GM')).toBe('DE');
    expect(fipsToIso('CH')).toBe('CN');
    expect(fipsToIso('UP')).toBe('UA');
    expect(fipsToIso('RS')).toBe('RU');
    expect(fipsToIso('ID')).toBe('ID');
    expect(fipsToIso('UK')).toBe('GB');
    expect(fipsToIso('sz')).toBe('CH');
    expect(fipsToIso('OS')).toBeUndefined();
  });

  it('maps CAMEO actor countries, including legacy codes, and leaves regions unmapped', () => {
    expect(cameoCountryToIso('IDN')).toBe('ID');
    expect(cameoCountryToIso('USA')).toBe('US');
    expect(cameoCountryToIso('ROM')).toBe('RO');
    expect(cameoCountryToIso('ZAR')).toBe('CD');
    expect(cameoCountryToIso('AFR')).toBeUndefined();
    expect(cameoCountryToIso('EUR')).toBeUndefined();
  });
});
