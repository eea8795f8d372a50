import { describe, expect, it } from 'vitest';
import { classifyTopics, trainTopicModel } from './classify.ts';
import { DEFAULT_TAXONOMY } from './default-taxonomy.ts';
import { indonesianStems, type Taxonomy } from './taxonomy.ts';

const ids = (text: string, language: string) => classifyTopics(text, DEFAULT_TAXONOMY, { language }).map((t) => t.id);

describe('classifyTopics with keywords', () => {
  it('returns several topics with scores, best first', () => {
    const found = classifyTopics('Navy patrols near Natuna after illegal fishing; vaccine exports to ASEAN resume', DEFAULT_TAXONOMY, { language: 'en' });
    const topicIds = found.map((t) => t.id);
    expect(topicIds[0]).toBe('maritime-security');
    expect(topicIds).toEqual(expect.arrayContaining(['health', 'trade-investment', 'diplomacy-cooperation']));
    for (const t of found) expect(t.score).toBeGreaterThan(0);
    for (const t of found) expect(t.score).toBeLessThanOrEqual(1);
  });

  it('matches Indonesian affixed forms through their roots', () => {
    expect(indonesianStems('pencemaran')).toContain('cemar');
    expect(indonesianStems('diperdagangkan')).toContain('dagang');
    expect(ids('Sungai itu tercemar limbah pabrik', 'id')).toEqual(['climate-environment']);
    expect(ids('Barang ini diperdagangkan lintas negara', 'id')).toContain('trade-investment');
  });

  it('keeps case-sensitive keywords case-sensitive', () => {
    expect(ids('The WHO warned of an outbreak', 'en')).toEqual(['health']);
    expect(ids('I do not know who called', 'en')).toEqual([]);
  });

  it('works for any taxonomy the ministry passes in', () => {
    const taxonomy: Taxonomy = [
      { id: 'fisheries', labels: { en: 'Fisheries', id: 'Perikanan' }, keywords: { en: ['fish*', 'tuna'], id: ['ikan', 'nelayan'] } },
    ];
    expect(classifyTopics('Tuna fishermen protest', taxonomy, { language: 'en' })).toEqual([{ id: 'fisheries', score: 0.75 }]);
    expect(classifyTopics('Para nelayan menangkap ikan', taxonomy, { language: 'id' })[0]?.id).toBe('fisheries');
    expect(classifyTopics('Tuna fishermen protest', taxonomy, { language: 'fr' })).toEqual([]);
  });
});

describe('trainTopicModel', () => {
  it('learns words that travel with keywords and scores texts without any keyword', () => {
    const taxonomy: Taxonomy = [
      { id: 'health', labels: { en: 'Health', id: 'Kesehatan' }, keywords: { en: ['vaccine'] } },
      { id: 'trade', labels: { en: 'Trade', id: 'Perdagangan' }, keywords: { en: ['tariff'] } },
    ];
    const texts = [
      'vaccine rollout in clinics',
      'vaccine shortage at clinics',
      'clinics ask for vaccine doses',
      'tariff raised on steel shipments',
      'steel shipments face tariff',
      'weather is nice today',
      'the match ended in a draw',
    ];
    const model = trainTopicModel(taxonomy, texts, { language: 'en' });
    const withModel = classifyTopics('clinics reopen', taxonomy, { language: 'en', model });
    expect(withModel[0]?.id).toBe('health');
    expect(classifyTopics('clinics reopen', taxonomy, { language: 'en' })).toEqual([]);
    const steel = classifyTopics('steel shipments delayed', taxonomy, { language: 'en', model });
    expect(steel[0]?.id).toBe('trade');
  });
});
