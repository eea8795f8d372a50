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
