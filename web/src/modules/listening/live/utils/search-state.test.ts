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
