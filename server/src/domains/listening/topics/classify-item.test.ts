import { DEFAULT_TAXONOMY, type Taxonomy, trainTopicModel } from '@diplodesk/analysis';
import { describe, expect, it } from 'vitest';
import { classifyItemTopics, keywordLanguageFor, taxonomyForLanguage } from './classify-item.ts';

describe('keywordLanguageFor', () => {
  it('reads Malay with the Indonesian keywords, unknown languages with the English ones', () => {
    expect(keywordLanguageFor('id')).toBe('id');
    expect(keywordLanguageFor('ms')).toBe('id');
    for (const regional of ['jv', 'su', 'min', 'ban', 'ace', 'bjn']) expect(keywordLanguageFor(regional)).toBe('id');
    expect(keywordLanguageFor('en-GB')).toBe('en');
    expect(keywordLanguageFor('und')).toBe('en');
    expect(keywordLanguageFor('')).toBe('en');
    expect(keywordLanguageFor('fr')).toBe('fr');
  });
});

describe('taxonomyForLanguage', () => {
  const taxonomy: Taxonomy = [{ id: 'fish', labels: { en: 'Fisheries', id: 'Perikanan' }, keywords: { en: ['fish*', 'tuna'], fr: ['pêche', 'tuna'] } }];
  it('adds the English keywords to another language’s own', () => {
    expect(taxonomyForLanguage(taxonomy, 'fr')[0]?.keywords).toEqual({ fr: ['pêche', 'tuna', 'fish*'] });
    expect(taxonomyForLanguage(taxonomy, 'de')[0]?.keywords).toEqual({ de: ['fish*', 'tuna'] });
    expect(taxonomyForLanguage(taxonomy, 'en')).toBe(taxonomy);
  });
});

describe('classifyItemTopics', () => {
  it('scores an item with the ministry’s taxonomy, rounded, several at once', () => {
    const topics = classifyItemTopics('Navy patrols near Natuna after illegal fishing; vaccine exports resume', 'en', DEFAULT_TAXONOMY);
    expect(topics[0]?.id).toBe('maritime-security');
    expect(topics.map((t) => t.id)).toEqual(expect.arrayContaining(['health', 'trade-investment']));
    for (const t of topics) expect(String(t.score).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(3);
  });

  it('gives nothing for an archived (absent) topic and applies an added one', () => {
    const taxonomy: Taxonomy = [{ id: 'fisheries', labels: { en: 'Fisheries', id: 'Perikanan' }, keywords: { id: ['nelayan', 'ikan'] } }];
    expect(classifyItemTopics('Para nelayan menangkap ikan di Natuna', 'id', taxonomy).map((t) => t.id)).toEqual(['fisheries']);
    expect(classifyItemTopics('Nelayan Malaysia menangkap ikan', 'ms', taxonomy).map((t) => t.id)).toEqual(['fisheries']);
  });

  it('uses the learnt model of the item’s keyword language', () => {
    const taxonomy: Taxonomy = [
      { id: 'health', labels: { en: 'Health', id: 'Kesehatan' }, keywords: { en: ['vaccine'] } },
      { id: 'trade', labels: { en: 'Trade', id: 'Perdagangan' }, keywords: { en: ['tariff'] } },
    ];
    const texts = ['vaccine rollout in clinics', 'vaccine shortage at clinics', 'clinics ask for vaccine doses', 'tariff raised on steel', 'steel faces a tariff', 'the match ended in a draw'];
    const en = trainTopicModel(taxonomy, texts, { language: 'en' });
    expect(classifyItemTopics('clinics reopen', 'en', taxonomy, { en })[0]?.id).toBe('health');
    expect(classifyItemTopics('clinics reopen', 'en', taxonomy, {})).toEqual([]);
    // A model of another language is not applied.
    expect(classifyItemTopics('clinics reopen', 'id', taxonomy, { en })).toEqual([]);
  });
});
