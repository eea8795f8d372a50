import { describe, expect, it } from 'vitest';
import { analyseText, CLAIM_THRESHOLDS, type ClaimInput, cleanPost, createClaimMatcher, decideClaimMatch, restoreClaimMatcher, trainLogistic } from '../index.ts';
import { TermIndex } from './term-index.ts';

const REGISTRY: ClaimInput[] = [
  {
    id: 'c-5g',
    text: '5G mobile phone towers spread the coronavirus.',
    title: 'Do 5G Towers Spread COVID-19?',
    language: 'en',
    translations: [{ language: 'id', text: 'Menara ponsel 5G menyebarkan virus corona.', title: 'Apakah menara 5G menyebarkan COVID-19?' }],
  },
  {
    id: 'c-garlic',
    text: 'Eating raw garlic cures a coronavirus infection within a day.',
    title: 'Does Raw Garlic Cure COVID-19?',
    language: 'en',
  },
  {
    id: 'c-embassy',
    text: 'The Indonesian embassy in London is issuing free visas to every British citizen this month.',
    title: 'Free Indonesian Visas for British Citizens?',
    language: 'en',
    translations: [{ language: 'id', text: 'Kedutaan Besar Indonesia di London memberikan visa gratis kepada semua warga Inggris bulan ini.' }],
  },
  {
    id: 'c-volcano',
    text: 'A photograph shows lightning striking the crater of Mount Merapi during an eruption.',
    title: 'Is This a Real Photo of Lightning over Merapi?',
    language: 'en',
  },
  {
    id: 'c-rice',
    text: 'Plastic rice made in factories is being sold in traditional markets.',
    title: 'Is Plastic Rice Sold in Markets?',
    language: 'en',
  },
  {
    id: 'c-shark',
    text: 'A video shows a shark swimming on a flooded highway after a hurricane.',
    title: 'Does This Video Show a Shark on a Flooded Highway?',
    language: 'en',
  },
  {
    id: 'c-minister',
    text: 'The foreign minister resigned after a leaked phone call with a foreign ambassador.',
    title: 'Did the Foreign Minister Resign over a Leaked Call?',
    language: 'en',
  },
  {
    id: 'c-water',
    text: 'Drinking hot water every fifteen minutes kills the virus in the throat.',
    title: 'Does Hot Water Kill the Virus?',
    language: 'en',
  },
];

function matcherWith(claims: readonly ClaimInput[] = REGISTRY) {
  const m = createClaimMatcher();
  for (const c of claims) m.add(c);
  return m;
}

describe('claim matcher', () => {
  it('ranks an exact repeat first, with a score the auto-link threshold accepts', () => {
    const [top] = matcherWith().match('Eating raw garlic cures a coronavirus infection within a day.', { language: 'en' });
    expect(top?.claimId).toBe('c-garlic');
    expect(top!.score).toBeGreaterThanOrEqual(CLAIM_THRESHOLDS.autoLink);
    expect(decideClaimMatch([top!]).action).toBe('link');
  });

  it('links a repeat in a registry of one or two claims as it would in a large one (a new workspace)', () => {
    const post = 'BREAKING: the Ministry of Foreign Affairs is offering free visas to Japan for everyone who registers online! Share now';
    const scores = [1, 2, 50].map((size) => {
      const m = createClaimMatcher();
      m.add({ id: 'visa', text: 'The Ministry of Foreign Affairs is offering free visas to Japan for everyone who registers online', language: 'en' });
      for (const c of REGISTRY.slice(0, size - 1)) m.add(c);
      const [top] = m.match(post, { language: 'en', minScore: CLAIM_THRESHOLDS.suggest });
      expect(top?.claimId).toBe('visa');
      return top!.score;
    });
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(CLAIM_THRESHOLDS.autoLink);
  });

  it('ranks a paraphrase in a tweet (handles, hashtags, links) with its claim first', () => {
    const post = 'WAKE UP people!!! the new #5GTowers are what is spreading the Corona virus 😡 https://t.co/abc @WHO';
    const ranked = matcherWith().match(post, { language: 'en' });
    expect(ranked[0]?.claimId).toBe('c-5g');
    expect(ranked[0]!.score).toBeGreaterThan(2 * (ranked[1]?.score ?? 0));
  });

  it('keeps unrelated text below the suggest threshold', () => {
    const m = matcherWith();
    for (const post of [
      'The ministry will host a cultural evening with gamelan music next Friday.',
      'Great match last night, what a goal in the final minute!',
      'Selamat pagi, semoga harimu menyenangkan.',
    ]) {
      const ranked = m.match(post);
      expect(ranked[0]?.score ?? 0).toBeLessThan(CLAIM_THRESHOLDS.suggest);
      expect(decideClaimMatch(ranked).action).toBe('none');
    }
  });

  it('matches across languages through a registered translation', () => {
    const post = 'Hati-hati! Menara 5G ternyata menyebarkan virus corona, sebarkan ke keluarga kalian';
    const [top] = matcherWith().match(post, { language: 'id' });
    expect(top?.claimId).toBe('c-5g');
    expect(top?.language).toBe('id');
    // Without the translation the Indonesian post has almost nothing to meet.
    const englishOnly = matcherWith(REGISTRY.map(({ translations: _, ...c }) => c));
    expect(englishOnly.match(post, { language: 'id' })[0]?.score ?? 0).toBeLessThan(top!.score);
  });

  it('adds, replaces and removes claims without a rebuild', () => {
    const m = matcherWith();
    const post = 'They are selling plastic rice at the traditional market, made in a factory!';
    expect(m.match(post, { language: 'en' })[0]?.claimId).toBe('c-rice');
    expect(m.remove('c-rice')).toBe(true);
    expect(m.remove('c-rice')).toBe(false);
    expect(m.has('c-rice')).toBe(false);
    expect(m.size).toBe(REGISTRY.length - 1);
    expect(m.match(post, { language: 'en' }).map((c) => c.claimId)).not.toContain('c-rice');
    m.add({ id: 'c-rice', text: 'Factories make fake eggs out of plastic and sell them in markets.', language: 'en' });
    expect(m.size).toBe(REGISTRY.length);
    m.add({ id: 'c-rice', text: 'Plastic rice made in factories is being sold in traditional markets.', language: 'en' });
    expect(m.size).toBe(REGISTRY.length);
    expect(m.match(post, { language: 'en' })[0]?.claimId).toBe('c-rice');
  });

  it('gives the same ranking after serialise → JSON → restore, and after remove + re-add', () => {
    const m = matcherWith();
    const restored = restoreClaimMatcher(JSON.parse(JSON.stringify(m.serialise())));
    expect(restored.size).toBe(m.size);
    const posts = ['Shark swimming on the highway after the hurricane, unbelievable video', 'Did the foreign minister really resign because of a phone call?'];
    for (const post of posts) expect(restored.match(post)).toEqual(m.match(post));
    const churned = matcherWith();
    churned.remove('c-shark');
    churned.add(REGISTRY.find((c) => c.id === 'c-shark')!);
    for (const post of posts) expect(churned.match(post).map((c) => [c.claimId, c.score.toFixed(9)])).toEqual(m.match(post).map((c) => [c.claimId, c.score.toFixed(9)]));
    expect(() => restoreClaimMatcher({ version: 2, claims: [] } as never)).toThrow(/version 1/);
  });

  it('honours limit, minScore and exclude, and returns nothing for an empty registry or post', () => {
    const m = matcherWith();
    const post = 'hot water kills the virus, drink it every fifteen minutes';
    expect(m.match(post, { limit: 2 })).toHaveLength(2);
    expect(m.match(post, { minScore: 0.5 }).every((c) => c.score >= 0.5)).toBe(true);
    expect(m.match(post, { exclude: new Set(['c-water']) }).map((c) => c.claimId)).not.toContain('c-water');
    expect(m.match('!!! 😡 https://t.co/x')).toEqual([]);
    expect(createClaimMatcher().match(post)).toEqual([]);
  });

  it('gives the re-ranker date, picture, name and word-pair evidence', () => {
    const m = matcherWith([
      ...REGISTRY,
      { id: 'c-pelosi-2019', text: 'A video shows Nancy Pelosi slurring her speech during an event in May 2019.', language: 'en' },
      { id: 'c-pelosi-2010', text: 'Nancy Pelosi slurred her speech during an event in 2010.', language: 'en' },
    ]);
    const post = 'Nancy Pelosi slurring her speech again pic.twitter.com/1Oy — Someone (@someone) May 24, 2019';
    const ranked = m.match(post, { language: 'en', withFeatures: true });
    const byId = new Map(ranked.map((c) => [c.claimId, c.features!]));
    expect(ranked[0]?.claimId).toBe('c-pelosi-2019');
    expect(byId.get('c-pelosi-2019')).toMatchObject({ sameYear: 1, sameMonth: 1, media: 1, otherYear: 0, firstRel: 1 });
    expect(byId.get('c-pelosi-2010')).toMatchObject({ sameYear: 0, otherYear: 1, media: 0 });
    expect(byId.get('c-pelosi-2019')!.names).toBeGreaterThan(0);
    expect(byId.get('c-pelosi-2019')!.pairs).toBeGreaterThan(0);
  });

  it('answers a repeated post (another short link) as if ranked afresh, and forgets on any registry change', () => {
    const m = matcherWith();
    const afresh = createClaimMatcher({ repeats: 0 });
    for (const c of REGISTRY) afresh.add(c);
    const post = (link: string) => `Sharks on the flooded highway after the hurricane, watch the video ${link}`;
    const first = m.match(post('https://t.co/aaa'), { language: 'en' });
    expect(first[0]?.claimId).toBe('c-shark');
    first[0]!.score = 0;
    first.pop();
    expect(m.match(post('https://t.co/bbb'), { language: 'en' })).toEqual(afresh.match(post('https://t.co/ccc'), { language: 'en' }));
    expect(m.match(post('https://t.co/ddd'), { language: 'en', limit: 1 })).toEqual(afresh.match(post('https://t.co/eee'), { language: 'en', limit: 1 }));
    // A post the early exit dropped at a high minScore is ranked when asked without one.
    const weak = 'Our delegation met farmers, teachers, nurses, students and engineers in three provinces this week to talk about schools, bridges, harvests and the archive of old video recordings';
    expect(m.match(weak, { language: 'en', minScore: CLAIM_THRESHOLDS.suggest })).toEqual([]);
    expect(m.match(weak, { language: 'en' })).toEqual(afresh.match(weak, { language: 'en' }));
    expect(m.match(weak, { language: 'en' }).length).toBeGreaterThan(0);
    // A claim added after a post was answered is found on its repeat.
    const shark = { id: 'c-shark-2', text: 'Sharks were seen on a flooded highway after the hurricane in a video.', language: 'en' };
    m.add(shark);
    afresh.add(shark);
    const again = m.match(post('https://t.co/fff'), { language: 'en' });
    expect(again.map((c) => c.claimId)).toContain('c-shark-2');
    expect(again).toEqual(afresh.match(post('https://t.co/ggg'), { language: 'en' }));
    m.remove('c-shark-2');
    expect(m.match(post('https://t.co/hhh'), { language: 'en' }).map((c) => c.claimId)).not.toContain('c-shark-2');
  });

  it('rejects a claim without id or text and a post that is not a string', () => {
    const m = createClaimMatcher();
    expect(() => m.add({ id: '', text: 'x' })).toThrow(/id/);
    expect(() => m.add({ id: 'a', text: '  ' })).toThrow(/no text/);
    expect(() => m.add({ id: 'a', text: 'ok', translations: [{ text: 'x' } as never] })).toThrow(/translation/);
    expect(m.size).toBe(0);
    expect(() => m.match(42 as never)).toThrow(/string/);
  });
});

describe('decideClaimMatch', () => {
  const candidate = (score: number) => ({ claimId: 'a', score, language: 'en' });
  it('links, suggests or does nothing by the two thresholds', () => {
    const t = { autoLink: 0.9, suggest: 0.6 };
    expect(decideClaimMatch([candidate(0.95)], t).action).toBe('link');
    expect(decideClaimMatch([candidate(0.9)], t).action).toBe('link');
    expect(decideClaimMatch([candidate(0.7)], t)).toEqual({ action: 'suggest', candidate: candidate(0.7) });
    expect(decideClaimMatch([candidate(0.59)], t).action).toBe('none');
    expect(decideClaimMatch([], t).action).toBe('none');
    expect(() => decideClaimMatch([candidate(0.7)], { autoLink: 0.5, suggest: 0.6 })).toThrow(/suggest/);
  });
});

describe('claim text analysis', () => {
  it('cleans a post: links, embeds, hashtags and handles, numbers', () => {
    expect(cleanPost('Wow #FakeNews by @realDonaldTrump pic.twitter.com/AbC1 https://t.co/x 1,000 people, 70% of them')).toBe(
      'Wow Fake News by real Donald Trump 1000 people, 70 percent of them',
    );
  });

  it('stems English, folds accents, drops stop words and single letters', () => {
    expect(analyseText('Vaccines caused the outbreaks in Côte d’Ivoire, H.W. said', 'en').words).toEqual(['vaccin', 'caus', 'outbreak', 'cote', 'ivoir', 'said']);
    expect(analyseText('rumahnya', 'id').words).toEqual(['rumah']);
    expect(analyseText('sekolah', 'id').words).toEqual(['sekolah']);
  });

  it('keeps names (capitalised inside a sentence) and numbers apart, and can drop a quoted tweet\'s signature', () => {
    const a = analyseText('Police say 122 detainees left Guantanamo under President Obama. The report is WRONG SAYS EVERYONE HERE', 'en');
    expect(a.names).toEqual(['guantanamo', 'presid', 'obama']);
    expect(a.numbers).toEqual(['122']);
    const post = 'PELOSI STAMMERS THROUGH NEWS CONFERENCE pic.twitter.com/1Oy — Donald J. Trump (@realDonaldTrump) May 24, 2019';
    expect(cleanPost(post, { dropSignature: true })).toBe('PELOSI STAMMERS THROUGH NEWS CONFERENCE');
    expect(cleanPost(post)).toContain('real Donald Trump');
  });

  it('guesses English or Indonesian from stop words when no language is given', () => {
    expect(analyseText('the vaccines are in the warehouse', undefined).language).toBe('en');
    expect(analyseText('vaksin itu ada di gudang dan sudah dikirim', undefined).language).toBe('id');
  });
});

describe('TermIndex', () => {
  it('scores the same after remove as an index that never had the document', () => {
    const docs = ['vaccin caus autism', 'garlic cure viru', 'viru spread tower', 'tower fall storm'];
    const churned = new TermIndex();
    docs.forEach((d, i) => {
      churned.add(i, d.split(' '));
    });
    churned.add(9, ['viru', 'viru', 'tower']);
    churned.remove(9);
    const fresh = new TermIndex();
    docs.forEach((d, i) => {
      fresh.add(i, d.split(' '));
    });
    const query = new Map([
      ['viru', 1],
      ['tower', 1],
    ]);
    const a = churned.prepare(query);
    const b = fresh.prepare(query);
    expect(a.mass).toBeCloseTo(b.mass, 12);
    for (let i = 0; i < docs.length; i++) expect(churned.scoreDocument(i, a)).toBeCloseTo(fresh.scoreDocument(i, b), 12);
    expect(churned.documentFrequency('viru')).toBe(2);
  });
});

describe('trainLogistic', () => {
  it('learns a separating weight and an intercept', () => {
    const rows = [0, 0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 1].map((x) => ({ x }));
    const model = trainLogistic(['x'], rows, [0, 0, 0, 0, 1, 1, 1, 1], { l2: 0.01 });
    expect(model.weights.x).toBeGreaterThan(5);
    expect(model.bias).toBeLessThan(0);
  });
});
