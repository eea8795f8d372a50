import { describe, expect, it } from 'vitest';
import { imageDrillDownHref } from './image-drill-down.ts';

describe('imageDrillDownHref', () => {
  it('opens the items about our country in the period', () => {
    expect(imageDrillDownHref({ country: 'ID', from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' })).toBe('/listening?countries=ID&from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-02T00%3A00%3A00.000Z');
  });

  it('narrows to a group: a language, a topic, or the sources of a country', () => {
    const base = { country: 'ID', from: 'a', to: 'b' };
    expect(imageDrillDownHref({ ...base, language: 'en' })).toContain('languages=en');
    expect(imageDrillDownHref({ ...base, topic: 'health' })).toContain('topics=health');
    expect(imageDrillDownHref({ ...base, sourceIds: ['s1', 's2'] })).toContain('sources=s1%2Cs2');
  });
});
