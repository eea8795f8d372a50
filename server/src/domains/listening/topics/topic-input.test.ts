import { DEFAULT_TAXONOMY } from '@diplodesk/analysis';
import { keywordProblem } from '@diplodesk/contracts';
import { describe, expect, it } from 'vitest';
import { changedLanguages, cleanKeywords, keyFromLabel } from './topic-input.ts';

describe('keyFromLabel', () => {
  it('makes a stable hyphenated key from the English label', () => {
    expect(keyFromLabel('Climate & environment')).toBe('climate-environment');
    expect(keyFromLabel('  Fisheries  ')).toBe('fisheries');
    expect(keyFromLabel('Côte d’Ivoire relations')).toBe('cote-d-ivoire-relations');
    expect(keyFromLabel('G20 / G7')).toBe('g20-g7');
  });

  it('falls back when the label has no Latin letters or digits', () => {
    expect(keyFromLabel('外交')).toBe('topic');
    expect(keyFromLabel('—')).toBe('topic');
  });

  it('keeps keys short', () => {
    expect(keyFromLabel('word '.repeat(40)).length).toBeLessThanOrEqual(60);
    expect(keyFromLabel('word '.repeat(40))).not.toMatch(/-$/);
  });
});

describe('cleanKeywords', () => {
  it('trims, collapses spaces, drops exact repeats and empty languages, English and Indonesian first', () => {
    expect(cleanKeywords({ fr: ['pêche'], id: [' laut ', 'laut', 'kapal  perang'], en: ['WHO', 'who', 'WHO'], ms: [] })).toEqual({
      en: ['WHO', 'who'],
      id: ['laut', 'kapal perang'],
      fr: ['pêche'],
    });
  });
});

describe('changedLanguages', () => {
  it('lists the languages whose keyword lists differ', () => {
    expect(changedLanguages({ en: ['a'], id: ['b'] }, { en: ['a'], id: ['b', 'c'], fr: ['d'] })).toEqual(['id', 'fr']);
    expect(changedLanguages({ en: ['a'] }, { en: ['a'] })).toEqual([]);
    expect(changedLanguages({ en: ['a'], id: ['b'] }, { en: ['a'] })).toEqual(['id']);
  });
});

describe('the seeded taxonomy', () => {
  it('has only keywords the API accepts, so the ministry can save a seeded topic unchanged', () => {
    const refused = DEFAULT_TAXONOMY.flatMap((topic) => Object.values(topic.keywords).flat()).filter((k) => keywordProblem(k) !== null);
    expect(refused).toEqual([]);
  });
});
