// Hand-written Events export rows for tests: a plausible default event with named overrides.
import { EVENT_COLUMNS } from '../events-export.ts';

export type EventColumn = (typeof EVENT_COLUMNS)[number];

const DEFAULTS: Partial<Record<EventColumn, string>> = {
  GLOBALEVENTID: '1200000001',
  SQLDATE: '20250301',
  MonthYear: '202503',
  Year: '2025',
  FractionDate: '2025.1644',
  Actor1Code: 'IDNGOV',
  Actor1Name: 'INDONESIA',
  Actor1CountryCode: 'IDN',
  Actor1Type1Code: 'GOV',
  Actor2Code: 'MYS',
  Actor2Name: 'MALAYSIA',
  Actor2CountryCode: 'MYS',
  IsRootEvent: '1',
  EventCode: '042',
  EventBaseCode: '042',
  EventRootCode: '04',
  QuadClass: '1',
  GoldsteinScale: '1.9',
  NumMentions: '10',
  NumSources: '2',
  NumArticles: '10',
  AvgTone: '-1.25',
  Actor1Geo_Type: '1',
  Actor1Geo_FullName: 'Indonesia',
  Actor1Geo_CountryCode: 'ID',
  Actor1Geo_Lat: '-5',
  Actor1Geo_Long: '120',
  Actor1Geo_FeatureID: 'ID',
  Actor2Geo_Type: '4',
  Actor2Geo_FullName: 'Kuala Lumpur, Kuala Lumpur, Malaysia',
  Actor2Geo_CountryCode: 'MY',
  Actor2Geo_ADM1Code: 'MY14',
  Actor2Geo_Lat: '3.1667',
  Actor2Geo_Long: '101.7',
  Actor2Geo_FeatureID: '-2403010',
  ActionGeo_Type: '4',
  ActionGeo_FullName: 'Kuala Lumpur, Kuala Lumpur, Malaysia',
  ActionGeo_CountryCode: 'MY',
  ActionGeo_ADM1Code: 'MY14',
  ActionGeo_Lat: '3.1667',
  ActionGeo_Long: '101.7',
  ActionGeo_FeatureID: '-2403010',
  DATEADDED: '20250301101500',
  SOURCEURL: 'https://news.example.org/2025/03/01/visit',
};

/** One tab-separated export row (61 columns) with `overrides` applied. */
export function makeEventLine(overrides: Partial<Record<EventColumn, string>> = {}): string {
  return EVENT_COLUMNS.map((name) => overrides[name] ?? DEFAULTS[name] ?? '').join('\t');
}
