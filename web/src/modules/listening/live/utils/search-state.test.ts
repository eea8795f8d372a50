import { describe, expect, it } from 'vitest';
import { defaultSearchState, stateFromSavedParams, stateFromUrl, stateToSavedParams, stateToUrl } from './search-state.ts';

describe('search state in the URL', () => {
  it('round-trips through the page URL, defaults left out', () => {
    const state = { ...defaultSearchState, text: 'patroli', match: 'contains' as const, languages: ['id', 'en'], countries: ['ID'], tone: [-0.5, 1] as [number, number] };
    const url = stateToUrl(state);
    expect(url.toString()).toBe('q=patroli&match=contains&languages=id%2Cen&countries=ID&sentimentMin=-0.5');
    expect(stateFromUrl(url)).toEqual(state);
    expect(stateToUrl(defaultSearchState).toString()).toBe('');
  });

  it('ignores malformed values', () => {
    const state = stateFromUrl(new URLSearchParams('range=forever&fromDay=yesterday&sentimentMin=-7&match=regex&languages=,,'));
    expect(state).toEqual(defaultSearchState);
  });

  it('keeps a custom range as days', () => {
    const state = stateFromUrl(new URLSearchParams('range=custom&fromDay=2026-11-01&toDay=2026-11-30'));
    expect(state).toMatchObject({ range: 'custom', customFrom: '2026-11-01', customTo: '2026-11-30' });
  });
});

describe('an exact period from a chart', () => {
  it('travels as instants, stands for the custom range, and ignores a reversed or broken one', () => {
    const url = new URLSearchParams('topics=maritime-security&from=2026-11-20T17:00:00.000Z&to=2026-11-21T17:00:00.000Z');
    const state = stateFromUrl(url);
    expect(state).toMatchObject({ range: 'custom', fromAt: '2026-11-20T17:00:00.000Z', toAt: '2026-11-21T17:00:00.000Z', topics: ['maritime-security'], customFrom: '' });
    expect(stateToUrl(state).toString()).toBe(url.toString());
    expect(stateToSavedParams(state, 'Asia/Jakarta')).toEqual({ topics: 'maritime-security', from: '2026-11-20T17:00:00.000Z', to: '2026-11-21T17:00:00.000Z' });
    expect(stateFromUrl(new URLSearchParams('from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z'))).toEqual(defaultSearchState);
    expect(stateFromUrl(new URLSearchParams('from=yesterday&to=2026-11-20T00:00:00Z'))).toEqual(defaultSearchState);
  });
});

describe('saved search parameters', () => {
  it('leave a rolling period out and keep fixed dates as instants in the user’s zone', () => {
    expect(stateToSavedParams({ ...defaultSearchState, text: ' kerja sama ', range: '24h' }, 'Asia/Jakarta')).toEqual({ q: 'kerja sama' });
    const fixed = stateToSavedParams({ ...defaultSearchState, range: 'custom', customFrom: '2026-11-01', customTo: '2026-11-30' }, 'Asia/Jakarta');
    expect(fixed).toEqual({ from: '2026-10-31T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' });
  });

  it('fill the page, keeping its period unless the search has dates', () => {
    const current = { ...defaultSearchState, range: '30d' as const, text: 'old' };
    expect(stateFromSavedParams({ q: 'patroli', sources: 'a,b' }, 'Asia/Jakarta', current)).toEqual({ ...defaultSearchState, range: '30d', text: 'patroli', sourceIds: ['a', 'b'] });
    const dated = stateFromSavedParams({ from: '2026-10-31T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' }, 'Asia/Jakarta', current);
    expect(dated).toMatchObject({ range: 'custom', customFrom: '2026-11-01', customTo: '2026-11-30', text: '' });
  });
});
