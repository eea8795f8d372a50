import { describe, expect, it } from 'vitest';
import { matchedKeywords } from './matched-keywords.ts';

const topic = {
  keywords: {
    en: ['navy', 'coast guard', 'vessel*', 'WHO', 'security'],
    id: ['laut', 'kapal', 'penjaga pantai', 'cemar'],
  },
};

describe('matchedKeywords', () => {
  it('names each keyword found, with how often, most frequent first (ties in list order)', () => {
    expect(matchedKeywords('Navy vessels and a navy patrol met the coast guard', topic, 'en')).toEqual([
      { keyword: 'navy', count: 2 },
      { keyword: 'coast guard', count: 1 },
      { keyword: 'vessel*', count: 1 },
    ]);
  });

  it('follows the matcher: plural forms in English, affixed forms in Indonesian, capitals exactly', () => {
    expect(matchedKeywords('Two navies', { keywords: { en: ['navy'] } }, 'en')).toEqual([{ keyword: 'navy', count: 1 }]);
    expect(matchedKeywords('Perairan tercemar, kapal-kapal berlabuh', topic, 'id').map((m) => m.keyword)).toEqual(['cemar']);
    expect(matchedKeywords('The WHO says', topic, 'en')).toEqual([{ keyword: 'WHO', count: 1 }]);
    expect(matchedKeywords('who knows', topic, 'en')).toEqual([]);
  });

  it('reads only the given language and nothing when there is no list', () => {
    expect(matchedKeywords('laut dan kapal', topic, 'en')).toEqual([]);
    expect(matchedKeywords('laut dan kapal', topic, 'fr')).toEqual([]);
    expect(matchedKeywords('', topic, 'id')).toEqual([]);
  });

  it('counts many repeats without overflowing', () => {
    const text = Array.from({ length: 80 }, () => 'navy').join(' ');
    expect(matchedKeywords(text, topic, 'en')[0]).toEqual({ keyword: 'navy', count: 50 });
  });
});
