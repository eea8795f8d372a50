import { describe, expect, it } from 'vitest';
import { normalise, stripEntities, tokens } from './index.ts';

describe('normalise', () => {
  it('extracts URLs, mentions and hashtags and collapses whitespace', () => {
    const r = normalise('Baca  https://kemlu.go.id/berita?id=1.\n@Kemlu_RI dan @alice@mastodon.social #Diplomasi #G20 #2024 mail a@b.org');
    expect(r.urls).toEqual(['https://kemlu.go.id/berita?id=1']);
    expect(r.mentions).toEqual(['@Kemlu_RI', '@alice@mastodon.social']);
    expect(r.hashtags).toEqual(['#Diplomasi', '#G20']);
    expect(r.text).not.toMatch(/\s{2}|\n/);
  });

  it('applies NFKC (full-width letters, ligatures)', () => {
    expect(normalise('ＡＳＥＡＮ ﬁnal').text).toBe('ASEAN final');
  });

  it('does not take a URL fragment for a hashtag', () => {
    expect(normalise('see https://x.org/page#top').hashtags).toEqual([]);
  });

  it('stripEntities drops URLs, mentions and hashtags (or keeps hashtag words)', () => {
    expect(stripEntities('@a Halo https://t.co/x #Pemilu dunia')).toBe('Halo dunia');
    expect(stripEntities('Halo #Pemilu', { keepHashtagWords: true })).toBe('Halo Pemilu');
  });
});

describe('tokens', () => {
  it('lower-cases Latin words and keeps digits', () => {
    expect(tokens('Menlu RI bertemu, G20 2024!')).toEqual(['menlu', 'ri', 'bertemu', 'g20', '2024']);
  });
  it('keeps Arabic words with their marks', () => {
    expect(tokens('وزير الخارجية')).toEqual(['وزير', 'الخارجية']);
  });
  it('splits CJK runs into character bigrams, mixed runs into pieces', () => {
    expect(tokens('日本首相 iPhone手机')).toEqual(['日本', '本首', '首相', 'iphone', '手机']);
  });
});
