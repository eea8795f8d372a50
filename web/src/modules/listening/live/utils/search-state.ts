import type { SavedSearchParams } from '@diplodesk/contracts';
import { startOfDayInZone } from '../../../../lib/zoned-time.ts';

export type SearchRange = '24h' | '7d' | '30d' | 'custom';
export type MatchMode = 'words' | 'contains';

/** What the search page's controls hold; the page URL carries it, so a search can be shared and Back keeps it. */
export type SearchState = {
  text: string;
  match: MatchMode;
  range: SearchRange;
  /** Calendar days (`YYYY-MM-DD`) in the user's zone, for the custom range. */
  customFrom: string;
  customTo: string;
  languages: string[];
  sourceIds: string[];
  countries: string[];
  topics: string[];
  tone: [number, number];
  /**
   * An exact period (ISO instants) opened from a chart point — an hour, a day or a week in the
   * user's zone. Set, it stands for the custom range; choosing days or a rolling period clears it.
   */
  fromAt: string;
  toAt: string;
};

export const defaultSearchState: SearchState = { text: '', match: 'words', range: '7d', customFrom: '', customTo: '', languages: [], sourceIds: [], countries: [], topics: [], tone: [-1, 1], fromAt: '', toAt: '' };

const ranges: readonly SearchRange[] = ['24h', '7d', '30d', 'custom'];
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

const listOf = (value: string | null | undefined): string[] =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];

function toneOf(value: string | null | undefined, fallback: number): number {
  if (value === null || value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= -1 && n <= 1 ? n : fallback;
}

/** Filters shared by the page URL and the search API's parameters. */
function commonParams(state: SearchState): [string, string][] {
  const out: [string, string][] = [];
  if (state.text.trim()) out.push(['q', state.text.trim()]);
  if (state.text.trim() && state.match === 'contains') out.push(['match', 'contains']);
  if (state.languages.length) out.push(['languages', state.languages.join(',')]);
  if (state.sourceIds.length) out.push(['sources', state.sourceIds.join(',')]);
  if (state.countries.length) out.push(['countries', state.countries.join(',')]);
  if (state.topics.length) out.push(['topics', state.topics.join(',')]);
  if (state.tone[0] > -1) out.push(['sentimentMin', String(state.tone[0])]);
  if (state.tone[1] < 1) out.push(['sentimentMax', String(state.tone[1])]);
  return out;
}

function withCommon(params: { get(key: string): string | null | undefined }, base: SearchState): SearchState {
  return {
    ...base,
    text: params.get('q') ?? '',
    match: params.get('match') === 'contains' ? 'contains' : 'words',
    languages: listOf(params.get('languages')),
    sourceIds: listOf(params.get('sources')),
    countries: listOf(params.get('countries')),
    topics: listOf(params.get('topics')),
    tone: [toneOf(params.get('sentimentMin'), -1), toneOf(params.get('sentimentMax'), 1)],
  };
}

/** An ISO instant as given, or '' when it is not one. */
function instantOf(value: string | null): string {
  if (!value || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return '';
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? '' : at.toISOString();
}

/** The page URL → state; unknown or malformed values fall back to the defaults. */
export function stateFromUrl(params: URLSearchParams): SearchState {
  const range = params.get('range') as SearchRange | null;
  const fromDay = params.get('fromDay') ?? '';
  const toDay = params.get('toDay') ?? '';
  const fromAt = instantOf(params.get('from'));
  const toAt = instantOf(params.get('to'));
  const exact = fromAt !== '' && toAt !== '' && fromAt < toAt;
  return {
    ...withCommon(params, defaultSearchState),
    range: exact ? 'custom' : range && ranges.includes(range) ? range : defaultSearchState.range,
    customFrom: !exact && dayPattern.test(fromDay) ? fromDay : '',
    customTo: !exact && dayPattern.test(toDay) ? toDay : '',
    fromAt: exact ? fromAt : '',
    toAt: exact ? toAt : '',
  };
}

/** State → the page URL (defaults left out, so a plain search has a plain address). */
export function stateToUrl(state: SearchState): URLSearchParams {
  const params = new URLSearchParams(commonParams(state));
  if (state.range === 'custom' && state.fromAt && state.toAt) {
    params.set('from', state.fromAt);
    params.set('to', state.toAt);
    return params;
  }
  if (state.range !== defaultSearchState.range) params.set('range', state.range);
  if (state.range === 'custom' && state.customFrom) params.set('fromDay', state.customFrom);
  if (state.range === 'custom' && state.customTo) params.set('toDay', state.customTo);
  return params;
}

/**
 * The filters as the search API's parameters, for a saved search or the live stream. A rolling
 * period ("last 7 days") is left out: live it would mean "new" anyway, and a saved search opens in
 * the period chosen on the page. Fixed dates are kept.
 */
export function stateToSavedParams(state: SearchState, timeZone: string): SavedSearchParams {
  const params: SavedSearchParams = Object.fromEntries(commonParams(state));
  if (state.range === 'custom' && state.fromAt && state.toAt) {
    params.from = state.fromAt;
    params.to = state.toAt;
  } else if (state.range === 'custom') {
    const from = state.customFrom ? startOfDayInZone(state.customFrom, timeZone) : null;
    const to = state.customTo ? startOfDayInZone(state.customTo, timeZone, 1) : null;
    if (from) params.from = from.toISOString();
    if (to) params.to = to.toISOString();
  }
  return params;
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** A saved search's parameters → page state; the page's period stays unless the search has fixed dates. */
export function stateFromSavedParams(params: SavedSearchParams, timeZone: string, current: SearchState): SearchState {
  const state = withCommon({ get: (key) => params[key] }, { ...defaultSearchState, range: current.range, customFrom: current.customFrom, customTo: current.customTo });
  const from = params.from ? new Date(params.from) : null;
  const to = params.to ? new Date(params.to) : null;
  if ((from && !Number.isNaN(from.getTime())) || (to && !Number.isNaN(to.getTime()))) {
    state.range = 'custom';
    state.customFrom = from && !Number.isNaN(from.getTime()) ? dayInZone(from, timeZone) : '';
    // `to` is the start of the day after the last one.
    state.customTo = to && !Number.isNaN(to.getTime()) ? dayInZone(new Date(to.getTime() - 1), timeZone) : '';
  }
  return state;
}

/** Search API parameters → a query string (for the live page's URL and its "open in search" link). */
export function paramsToQueryString(params: SavedSearchParams): string {
  return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
}
