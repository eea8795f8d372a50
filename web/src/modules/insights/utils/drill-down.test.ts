import { describe, expect, it } from 'vitest';
import { drillDownHref } from './drill-down.ts';

describe('drill-down from a trend point', () => {
  it('opens the listening search with the bucket and the series key', () => {
    expect(drillDownHref({ dimension: 'topic', key: 'maritime-security', from: '2026-11-20T17:00:00.000Z', to: '2026-11-21T17:00:00.000Z' })).toBe('/listening?topics=maritime-security&from=2026-11-20T17%3A00%3A00.000Z&to=2026-11-21T17%3A00%3A00.000Z');
    expect(drillDownHref({ dimension: 'country', key: 'ID', from: 'a', to: 'b' })).toBe('/listening?countries=ID&from=a&to=b');
    expect(drillDownHref({ dimension: 'source', key: 'others', from: 'a', to: 'b' })).toBe('/listening?from=a&to=b');
    expect(drillDownHref({ dimension: 'all', key: '', from: 'a', to: 'b' })).toBe('/listening?from=a&to=b');
  });
});

describe('drill-down from a saved search or a cluster', () => {
  it("opens the saved search's own filters over the point's period, not the search's own period", () => {
    const savedQuery = { q: 'nickel export', languages: 'en,id', from: '2026-01-01T00:00:00.000Z', match: 'contains' };
    expect(drillDownHref({ dimension: 'saved-search', key: 'a1', from: 'a', to: 'b', savedQuery })).toBe('/listening?q=nickel+export&languages=en%2Cid&match=contains&from=a&to=b');
  });

  it('opens only the period when the saved search is unknown (deleted, or not visible)', () => {
    expect(drillDownHref({ dimension: 'saved-search', key: 'gone', from: 'a', to: 'b' })).toBe('/listening?from=a&to=b');
  });
});
