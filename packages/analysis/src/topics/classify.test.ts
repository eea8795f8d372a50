import { describe, expect, it } from 'vitest';
import { classifyTopics, trainTopicModel } from './classify.ts';
import { DEFAULT_TAXONOMY } from './default-taxonomy.ts';
import { indonesianStems, keywordHits, keywordHitsAll, type Taxonomy, topicTokens } from './taxonomy.ts';

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

describe('the default taxonomy on diplomatic news', () => {
  it('reads a cyber attack as technology & cyber first, not as maritime or diplomacy', () => {
    expect(ids('Cyber attacks on government websites rose sharply this month, officials said.', 'en')).toEqual(['technology-cyber']);
    expect(ids('Serangan siber melumpuhkan situs pemerintah daerah', 'id')[0]).toBe('technology-cyber');
  });

  it('does not read the UN Security Council as maritime', () => {
    expect(ids('UN Security Council debates Myanmar', 'en')).toEqual(['diplomacy-cooperation']);
    expect(ids('Dewan Keamanan PBB membahas Myanmar', 'id')).toEqual(['diplomacy-cooperation']);
    expect(ids('The navy stepped up maritime security patrols in the strait', 'en')[0]).toBe('maritime-security');
  });

  it.each([
    ['arms-control', 'General Assembly urges progress on disarmament and a treaty on the arms trade', 'Majelis umum mendesak kemajuan perlucutan senjata dan perjanjian perdagangan senjata'],
    ['palestinian-conflict', 'Vote on Israeli settlements in the occupied West Bank', 'Pemungutan suara tentang permukiman Israel di Tepi Barat'],
    ['human-rights', 'Resolution on enforced disappearances and fundamental freedoms', 'Resolusi tentang penghilangan paksa dan kebebasan dasar'],
    ['colonialism', 'Committee on decolonization hears petitioners from Western Sahara', 'Komite dekolonisasi mendengar pemohon dari Sahara Barat'],
    ['nuclear', 'Call for a nuclear test ban and a nuclear-weapon-free zone', 'Seruan larangan uji nuklir dan kawasan bebas senjata nuklir'],
    ['economic-development', 'Financing for development and debt relief for the least developed countries', 'Pembiayaan pembangunan dan keringanan utang bagi negara kurang berkembang'],
  ])('tags the UN issue %s in English and Indonesian', (topic, en, id) => {
    expect(ids(en, 'en')).toContain(topic);
    expect(ids(id, 'id')).toContain(topic);
  });

  it('labels every topic in English and Indonesian', () => {
    for (const t of DEFAULT_TAXONOMY) {
      expect(t.labels.en.length).toBeGreaterThan(0);
      expect(t.labels.id.length).toBeGreaterThan(0);
    }
  });
});

describe('trainTopicModel from labels', () => {
  it('learns from the given topic ids instead of the keywords', () => {
    const taxonomy: Taxonomy = [
      { id: 'a', labels: { en: 'A', id: 'A' }, keywords: { en: ['alpha'] } },
      { id: 'b', labels: { en: 'B', id: 'B' }, keywords: { en: ['beta'] } },
    ];
    // The texts name the wrong keyword on purpose: only the labels say which is which.
    const texts = ['alpha quorum ballot', 'alpha quorum vote', 'beta harvest rain', 'beta harvest seed'];
    const model = trainTopicModel(taxonomy, texts, { language: 'en', labels: [['b'], ['b'], ['a'], ['a']] });
    expect(classifyTopics('quorum ballot', taxonomy, { language: 'en', model })[0]?.id).toBe('b');
    expect(classifyTopics('harvest seed', taxonomy, { language: 'en', model })[0]?.id).toBe('a');
  });
});

describe('keywordHitsAll', () => {
  it('counts what keywordHits counts topic by topic, in one walk', () => {
    for (const [text, language] of [
      ['Navy patrols near Natuna after illegal fishing; vaccine exports to ASEAN resume', 'en'],
      ['Cyber attacks on government websites rose sharply; the UN Security Council met on nuclear disarmament', 'en'],
      ['Kapal perang TNI AL berpatroli di Laut Natuna Utara; perlucutan senjata nuklir dibahas di PBB', 'id'],
      ['Pembangunan berkelanjutan dan keringanan utang bagi negara berkembang di tengah pandemi', 'id'],
    ] as const) {
      const tokens = topicTokens(text);
      expect(keywordHitsAll(tokens, DEFAULT_TAXONOMY, language)).toEqual(DEFAULT_TAXONOMY.map((t) => keywordHits(topicTokens(text), t, language)));
    }
  });
});
