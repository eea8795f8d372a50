import { describe, expect, it } from 'vitest';
import type { ItemFacts } from '../../listening/index.ts';
import { contributionOf, sameContribution } from './item-contribution.ts';

const item: ItemFacts = {
  id: '01a00000-0000-7000-8000-000000000001',
  unitId: '01a00000-0000-7000-8000-0000000000aa',
  sourceId: '01a00000-0000-7000-8000-0000000000bb',
  publishedAt: new Date('2026-11-20T10:42:00Z'),
  language: 'en',
  countries: ['ID', 'JP'],
  topicIds: ['health', 'trade-investment'],
  sentiment: 0.25,
};

describe('contributionOf', () => {
  it('counts an item about our country in the image index (overall, by language, topic and source) besides its topic-country pairs', () => {
    const c = contributionOf(item, 'ID');
    expect(c.keys).toEqual(
      [
        'all:',
        'country:ID',
        'country:JP',
        'image-language:en',
        'image-source:01a00000-0000-7000-8000-0000000000bb',
        'image-topic:health',
        'image-topic:trade-investment',
        'image:all',
        'language:en',
        'source:01a00000-0000-7000-8000-0000000000bb',
        'topic-country:health|ID',
        'topic-country:health|JP',
        'topic-country:trade-investment|ID',
        'topic-country:trade-investment|JP',
        'topic:health',
        'topic:trade-investment',
      ].sort(),
    );
    expect(c.bucket.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(c.tone).toBe(0.25);
  });

  it('leaves the image index out for an item that does not mention our country, or with none set', () => {
    expect(contributionOf(item, 'MY').keys.some((k) => k.startsWith('image'))).toBe(false);
    expect(contributionOf(item, null).keys.some((k) => k.startsWith('image'))).toBe(false);
  });

  it('differs when our country changes, so a rebuild moves the item', () => {
    expect(sameContribution(contributionOf(item, 'ID'), contributionOf(item, 'MY'))).toBe(false);
    expect(sameContribution(contributionOf(item, 'ID'), contributionOf({ ...item }, 'ID'))).toBe(true);
  });
});
