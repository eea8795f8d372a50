import { describe, expect, it } from 'vitest';
import { type LearntWeights, learntFeatures, learntProbabilities, learntProbabilitiesOf } from './learnt.ts';
import { afinnScore, indonesianScore, sentiment, vaderScore } from './sentiment.ts';

describe('Indonesian sentiment', () => {
  it('labels plain positive and negative texts', () => {
    expect(sentiment('Pelayanannya bagus dan ramah', 'id')).toMatchObject({ label: 'positive', method: 'id-lexicon-nusax' });
    expect(sentiment('Kebijakan ini gagal total, sangat mengecewakan', 'id').label).toBe('negative');
    // No lexicon word: the learnt weights alone may lean a little, never to a polar label.
    const plain = sentiment('Menteri tiba di Jakarta pukul sembilan', 'id');
    expect(plain.label).toBe('neutral');
    expect(Math.abs(plain.score)).toBeLessThan(0.3);
    expect(indonesianScore('Menteri tiba di Jakarta pukul sembilan')).toBe(0);
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
    expect(good).toMatchObject({ label: 'positive', method: 'afinn-nusax' });
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

describe('the same story in English and Indonesian', () => {
  it.each([
    ['The new passport office is fast and the staff are very friendly.', 'Kantor paspor yang baru cepat dan petugasnya sangat ramah.'],
    ['The food was cold and the waiter was rude, very disappointing.', 'Makanannya dingin dan pelayannya kasar, sangat mengecewakan.'],
    ['The minister arrives in Jakarta on Monday morning.', 'Menteri tiba di Jakarta pada Senin pagi.'],
  ])('gets one label: %s', (en, id) => {
    expect(sentiment(en, 'en').label).toBe(sentiment(id, 'id').label);
  });

  it('keeps the lexicon methods with a band when one is asked for', () => {
    expect(sentiment('Pelayanannya bagus dan ramah', 'id', { neutralBand: 0.05 })).toMatchObject({ label: 'positive', method: 'id-lexicon-nusax' });
  });
});

describe('learnt tone scores', () => {
  it('keep the label on its side of the ±0.05 band the interface and filters read', () => {
    for (const [text, language] of [
      ['The minister met her counterpart in Canberra.', 'en'],
      ['The talks were a great success', 'en'],
      ['A terrible, deadly attack', 'en'],
      ['Menteri tiba di Jakarta pukul sembilan', 'id'],
      ['Pelayanannya bagus dan ramah', 'id'],
      ['Pelayanannya lambat dan petugasnya kasar', 'id'],
    ] as const) {
      const { score, label } = sentiment(text, language);
      expect(label === 'neutral', text).toBe(Math.abs(score) < 0.05);
      if (label === 'positive') expect(score).toBeGreaterThan(0);
      if (label === 'negative') expect(score).toBeLessThan(0);
    }
  });
});

describe('learntProbabilitiesOf', () => {
  it('equals the probabilities from the feature map', () => {
    const weights = { good: [0, 0.2, 1], bad: [1, 0.1, -1], __bias: [0.1, 0.3, 0], '__lexicon+': [0, 0, 2], '__lexicon-': [2, 0, 0] } as LearntWeights;
    for (const [text, lexicon] of [
      ['Good good, not bad', 0.3],
      ['Bad. Bad!', -0.6],
      ['nothing here', 0],
    ] as const) {
      const words = (text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).map((w) => w.replace(/’/g, "'"));
      const a = learntProbabilitiesOf(weights, words, lexicon);
      const b = learntProbabilities(weights, learntFeatures(text, lexicon));
      for (const [i, p] of a.entries()) expect(p).toBeCloseTo(b[i]!, 12);
    }
  });
});
