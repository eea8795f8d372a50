// Parser for GDELT 2.0 Events exports: one event per line, 61 tab-separated columns, no header.
// A bad line is rejected with its reason and the rest of the file is still read, because one
// malformed row in a 15-minute batch must not lose the other thousand.
import { cameoCountryToIso, fipsToIso } from './country-codes.ts';

/** The 61 columns in file order (GDELT 2.0 Event Database codebook). */
export const EVENT_COLUMNS = [
  'GLOBALEVENTID', 'SQLDATE', 'MonthYear', 'Year', 'FractionDate',
  'Actor1Code', 'Actor1Name', 'Actor1CountryCode', 'Actor1KnownGroupCode', 'Actor1EthnicCode',
  'Actor1Religion1Code', 'Actor1Religion2Code', 'Actor1Type1Code', 'Actor1Type2Code', 'Actor1Type3Code',
  'Actor2Code', 'Actor2Name', 'Actor2CountryCode', 'Actor2KnownGroupCode', 'Actor2EthnicCode',
  'Actor2Religion1Code', 'Actor2Religion2Code', 'Actor2Type1Code', 'Actor2Type2Code', 'Actor2Type3Code',
  'IsRootEvent', 'EventCode', 'EventBaseCode', 'EventRootCode', 'QuadClass',
  'GoldsteinScale', 'NumMentions', 'NumSources', 'NumArticles', 'AvgTone',
  'Actor1Geo_Type', 'Actor1Geo_FullName', 'Actor1Geo_CountryCode', 'Actor1Geo_ADM1Code', 'Actor1Geo_ADM2Code',
  'Actor1Geo_Lat', 'Actor1Geo_Long', 'Actor1Geo_FeatureID',
  'Actor2Geo_Type', 'Actor2Geo_FullName', 'Actor2Geo_CountryCode', 'Actor2Geo_ADM1Code', 'Actor2Geo_ADM2Code',
  'Actor2Geo_Lat', 'Actor2Geo_Long', 'Actor2Geo_FeatureID',
  'ActionGeo_Type', 'ActionGeo_FullName', 'ActionGeo_CountryCode', 'ActionGeo_ADM1Code', 'ActionGeo_ADM2Code',
  'ActionGeo_Lat', 'ActionGeo_Long', 'ActionGeo_FeatureID',
  'DATEADDED', 'SOURCEURL',
] as const;

export interface GdeltActor {
  code: string;
  name: string;
  /** CAMEO country code as written by GDELT (three letters, may be a region such as "AFR"). */
  countryCode: string;
  /** ISO 3166-1 alpha-2 of `countryCode`, when it is a country. */
  countryIso?: string;
  knownGroupCode: string;
  ethnicCode: string;
  religion1Code: string;
  religion2Code: string;
  type1Code: string;
  type2Code: string;
  type3Code: string;
}

export interface GdeltGeo {
  /** 0 none, 1 country, 2 US state, 3 US city, 4 world city, 5 world state. */
  type: number;
  fullName: string;
  /** FIPS 10-4 two-letter code as written by GDELT. */
  countryCode: string;
  countryIso?: string;
  adm1Code: string;
  adm2Code: string;
  lat: number | null;
  long: number | null;
  featureId: string;
}

export interface GdeltEvent {
  /** Kept as text: it is an identifier, and ids beyond 2^53 would silently round as numbers. */
  globalEventId: string;
  /** Event day, YYYY-MM-DD (from SQLDATE). */
  eventDate: string;
  monthYear: number;
  year: number;
  fractionDate: number;
  actor1: GdeltActor;
  actor2: GdeltActor;
  isRootEvent: boolean;
  /** CAMEO codes as strings: leading zeros are significant ("010" is not "10"). */
  eventCode: string;
  eventBaseCode: string;
  eventRootCode: string;
  quadClass: 1 | 2 | 3 | 4;
  goldsteinScale: number;
  numMentions: number;
  numSources: number;
  numArticles: number;
  avgTone: number;
  actor1Geo: GdeltGeo;
  actor2Geo: GdeltGeo;
  actionGeo: GdeltGeo;
  /** When GDELT added the event, ISO 8601 UTC (from DATEADDED). */
  dateAdded: string;
  sourceUrl: string;
}

export interface EventsParseResult {
  events: GdeltEvent[];
  /** 1-based line numbers with why each line was skipped. */
  rejected: { line: number; reason: string }[];
}

class LineError extends Error {}

/**
 * Parses the text of an Events export. Blank lines are ignored; other bad lines are reported.
 *
 * @example
 * const { events, rejected } = parseEventsExport(text);
 * events[0]?.eventCode // "010"
 */
export function parseEventsExport(text: string): EventsParseResult {
  const events: GdeltEvent[] = [];
  const rejected: { line: number; reason: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    if (line.trim() === '') continue;
    try {
      events.push(parseEventLine(line));
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      rejected.push({ line: i + 1, reason: error.message });
    }
  }
  return { events, rejected };
}

/** Parses one export line; throws with a readable reason when the line is malformed. */
export function parseEventLine(line: string): GdeltEvent {
  const cols = line.split('\t');
  if (cols.length !== EVENT_COLUMNS.length) throw new LineError(`expected ${EVENT_COLUMNS.length} columns, found ${cols.length}`);
  const at = (i: number) => (cols[i] ?? '').trim();
  const named = (i: number) => ({ name: EVENT_COLUMNS[i] ?? String(i), value: at(i) });

  const globalEventId = at(0);
  if (!/^\d+$/.test(globalEventId)) throw new LineError(`GLOBALEVENTID is not an integer: "${globalEventId}"`);
  const eventCode = cameoCode(named(26), 3, 4);
  const eventBaseCode = cameoCode(named(27), 2, 3);
  const eventRootCode = cameoCode(named(28), 2, 2);
  const quadClass = integer(named(29));
  if (quadClass < 1 || quadClass > 4) throw new LineError(`QuadClass out of range: ${quadClass}`);
  const goldsteinScale = decimal(named(30));
  if (goldsteinScale < -10 || goldsteinScale > 10) throw new LineError(`GoldsteinScale out of range: ${goldsteinScale}`);

  return {
    globalEventId,
    eventDate: sqlDate(named(1)),
    monthYear: integer(named(2)),
    year: integer(named(3)),
    fractionDate: decimal(named(4)),
    actor1: actor(at, 5),
    actor2: actor(at, 15),
    isRootEvent: flag(named(25)),
    eventCode,
    eventBaseCode,
    eventRootCode,
    quadClass: quadClass as 1 | 2 | 3 | 4,
    goldsteinScale,
    numMentions: integer(named(31)),
    numSources: integer(named(32)),
    numArticles: integer(named(33)),
    avgTone: decimal(named(34)),
    actor1Geo: geo(at, named, 35),
    actor2Geo: geo(at, named, 43),
    actionGeo: geo(at, named, 51),
    dateAdded: timestamp(named(59)),
    sourceUrl: at(60),
  };
}

type Named = { name: string; value: string };

function actor(at: (i: number) => string, start: number): GdeltActor {
  const countryCode = at(start + 2);
  const countryIso = countryCode ? cameoCountryToIso(countryCode) : undefined;
  return {
    code: at(start),
    name: at(start + 1),
    countryCode,
    ...(countryIso ? { countryIso } : {}),
    knownGroupCode: at(start + 3),
    ethnicCode: at(start + 4),
    religion1Code: at(start + 5),
    religion2Code: at(start + 6),
    type1Code: at(start + 7),
    type2Code: at(start + 8),
    type3Code: at(start + 9),
  };
}

function geo(at: (i: number) => string, named: (i: number) => Named, start: number): GdeltGeo {
  const countryCode = at(start + 2);
  const countryIso = countryCode ? fipsToIso(countryCode) : undefined;
  const typeField = named(start);
  return {
    // An event without a location leaves the type empty in some rows and "0" in others.
    type: typeField.value === '' ? 0 : integer(typeField),
    fullName: at(start + 1),
    countryCode,
    ...(countryIso ? { countryIso } : {}),
    adm1Code: at(start + 3),
    adm2Code: at(start + 4),
    lat: optionalDecimal(named(start + 5)),
    long: optionalDecimal(named(start + 6)),
    featureId: at(start + 7),
  };
}

function cameoCode({ name, value }: Named, min: number, max: number): string {
  if (!/^\d+$/.test(value) || value.length < min || value.length > max) throw new LineError(`${name} is not a CAMEO code: "${value}"`);
  return value;
}

function integer({ name, value }: Named): number {
  if (!/^-?\d+$/.test(value)) throw new LineError(`${name} is not an integer: "${value}"`);
  return Number(value);
}

function decimal({ name, value }: Named): number {
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(value)) throw new LineError(`${name} is not a number: "${value}"`);
  return Number(value);
}

function optionalDecimal(field: Named): number | null {
  return field.value === '' ? null : decimal(field);
}

function flag({ name, value }: Named): boolean {
  if (value !== '0' && value !== '1') throw new LineError(`${name} is not 0 or 1: "${value}"`);
  return value === '1';
}

function sqlDate({ name, value }: Named): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) throw new LineError(`${name} is not YYYYMMDD: "${value}"`);
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isRealDate(iso)) throw new LineError(`${name} is not a calendar date: "${value}"`);
  return iso;
}

function timestamp({ name, value }: Named): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!m) throw new LineError(`${name} is not YYYYMMDDHHMMSS: "${value}"`);
  if (!isRealDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) {
    throw new LineError(`${name} is not a valid time: "${value}"`);
  }
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
}

function isRealDate(isoDay: string): boolean {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(isoDay);
}
