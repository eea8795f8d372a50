import { describe, expect, it } from 'vitest';
import { afinnScore, indonesianScore, sentiment, vaderScore } from './sentiment.ts';

describe('Indonesian sentiment', () => {
  it('labels plain positive and negative texts', () => {
    expect(sentiment('Pelayanannya bagus dan ramah', 'id')).toMatchObject({ label: 'positive', method: 'id-lexicon' });
    expect(sentiment('Kebijakan ini gagal total, sangat mengecewakan', 'id').label).toBe('negative');
    expect(sentiment('Menteri tiba di Jakarta pukul sembilan', 'id')).toMatchObject({ score: 0, label: 'neutral' });
  });

  it('flips on negation, informal negators included', () => {
    for (const neg of ['tidak', 'tak', 'bukan', 'belum', 'gak', 'nggak', 'ga']) {
      expect(indonesianScore(`makanannya ${neg} enak`)).toBeLessThan(0);
    }
    expect(indonesianScore('jangan kecewa')).toBeGreaterThan(0);
  });

  it('strengthens with intensifiers and weakens with dampeners', () => {
    const plain = indonesianScore('bagus');
    expect(indonesianScore('sangat bagus')).toBeGreaterThan(plain);
    expect(indonesianScore('bagus banget')).toBeGreaterThan(plain);
    expect(indonesianScore('bagus sekali')).toBeGreaterThan(plain);
    expect(indonesianScore('agak bagus')).toBeLessThan(plain);
    expect(indonesianScore('agak bagus')).toBeGreaterThan(0);
    expect(indonesianScore('kurang bagus')).toBeLessThan(0);
  });

  it('reads stretched informal spelling and clitics', () => {
    expect(indonesianScore('mantaaap')).toBeGreaterThan(0);
    expect(indonesianScore('kerennya')).toBeGreaterThan(0);
    expect(indonesianScore('berita hoaks lagi')).toBeLessThan(0);
  });

  it('weighs the clause after "tapi" more', () => {
    expect(indonesianScore('tempatnya bagus tapi pelayanannya buruk')).toBeLessThan(0);
    expect(indonesianScore('agak mahal tapi enak sekali')).toBeGreaterThan(0);
  });
});

describe('English sentiment', () => {
  it('uses AFINN and respects negation', () => {
    const good = sentiment('The talks were a great success', 'en');
    expect(good).toMatchObject({ label: 'positive', method: 'afinn' });
    expect(sentiment('The talks were not a success', 'en').score).toBeLessThan(good.score);
    expect(sentiment('A terrible, deadly attack', 'en').label).toBe('negative');
  });

  it('keeps VADER available and scores AFINN with negation', () => {
    expect(vaderScore('The food was not good at all!')).toBeLessThan(0);
    expect(afinnScore('good')).toBeGreaterThan(0);
    expect(afinnScore('not good')).toBeLessThan(0);
    expect(afinnScore('the constructor')).toBe(0);
  });
});

it('gives neutral with method none for other languages', () => {
  expect(sentiment('Très bien', 'fr')).toEqual({ score: 0, label: 'neutral', method: 'none' });
});
