import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDate, languageLabel, loadCatalogues, nativeLanguageName, pickUiLanguage, translator } from './i18n.ts';
import { comparableText, directionOf, lookupVariants, searchTerms, similarity, slugify } from './text.ts';
import { sameNewsroom, wordDiff } from './verification.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('addresses of this newsroom', () => {
  it('takes the public origin, and on a loopback public address its loopback aliases on the same port', () => {
    const local = new URL('http://localhost:8080');
    expect(sameNewsroom(new URL('http://127.0.0.1:8080/newsroom/id/x'), local)).toBe(true);
    expect(sameNewsroom(new URL('http://[::1]:8080/newsroom/id/x'), local)).toBe(true);
    expect(sameNewsroom(new URL('http://127.0.0.1:8081/newsroom/id/x'), local)).toBe(false);
    expect(sameNewsroom(new URL('https://127.0.0.1:8080/newsroom/id/x'), local)).toBe(false);
    const pub = new URL('https://news.example.go.id');
    expect(sameNewsroom(new URL('https://news.example.go.id/newsroom/id/x'), pub)).toBe(true);
    expect(sameNewsroom(new URL('https://127.0.0.1/newsroom/id/x'), pub)).toBe(false);
  });
});

describe('newsroom dates', () => {
  it('tells a time in the audience zone with the zone named, or in UTC', () => {
    const at = new Date('2026-12-06T22:28:00Z');
    expect(formatDate(at, 'id', 'Asia/Jakarta')).toBe('7 Desember 2026 pukul 05.28 WIB (Asia/Jakarta)');
    expect(formatDate(at, 'en', 'Asia/Jakarta')).toBe('7 December 2026 at 05:28 GMT+7 (Asia/Jakarta)');
    expect(formatDate(at, 'en', 'America/New_York')).toMatch(/^6 December 2026 at 17:28 GMT-5 \(America\/New York\)$/);
    expect(formatDate(at, 'en')).toMatch(/^6 December 2026 at 22:28 UTC$/);
    expect(formatDate(at, 'en', 'Not/AZone')).toMatch(/ UTC$/);
  });
});

describe('language names', () => {
  it('names a language on its own the way an Indonesian reader says it, and each language in itself', () => {
    expect(languageLabel('en', 'id')).toBe('Bahasa Inggris');
    expect(languageLabel('id', 'id')).toBe('Bahasa Indonesia');
    expect(languageLabel('id', 'en')).toBe('Indonesian');
    expect(nativeLanguageName('id')).toBe('Bahasa Indonesia');
    expect(nativeLanguageName('ms')).toBe('Bahasa Melayu');
    expect(nativeLanguageName('en')).toBe('English');
    expect(nativeLanguageName('ar')).toBe('العربية');
  });
});

describe('comparable text', () => {
  it('ignores spacing, wrapping, CRLF and NFD, but keeps paragraphs and words', () => {
    const a = 'Le ministère salue\nl\u2019accord.\n\nIl entre en vigueur.';
    expect(comparableText(`  Le ministe\u0300re   salue l\u2019accord.\r\n \r\n\r\nIl entre en vigueur. `)).toBe(comparableText(a));
    expect(comparableText(a)).toBe('Le ministère salue l\u2019accord.\n\nIl entre en vigueur.');
    expect(comparableText('one two')).not.toBe(comparableText('one\n\ntwo'));
  });

  it('offers the text without a leading title paragraph as a second lookup variant', () => {
    expect(lookupVariants('Title\n\nBody text.')).toEqual([
      { text: 'Title\n\nBody text.', strippedTitle: null },
      { text: 'Body text.', strippedTitle: 'Title' },
    ]);
    expect(lookupVariants(' \n ')).toEqual([]);
  });
});

describe('similarity and search terms', () => {
  it('scores a one-word edit high and an unrelated text near zero', () => {
    const genuine = 'The Government rejects the claim that 12 vessels entered the exclusive economic zone last week.';
    expect(similarity(genuine, genuine.replace('12', '13'))).toBeGreaterThan(0.6);
    expect(similarity(genuine, 'A recipe for banana bread with walnuts and cinnamon.')).toBe(0);
  });

  it('builds search terms from letters and digits only, so no tsquery operator can be injected', () => {
    const terms = searchTerms("Kemlu's statement: a & b | !c <-> d:* (e) 'quoted' — naïve 2026");
    for (const term of terms) expect(term).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(terms).toContain('statement');
    expect(terms).toContain('naïve');
    expect(terms.length).toBeLessThanOrEqual(24);
  });

  it('diffs word by word, genuine → checked', () => {
    expect(wordDiff('We welcome the agreement.', 'We  welcome the  disagreement.')?.filter((d) => d.op !== 'equal')).toEqual([
      { op: 'removed', text: 'agreement' },
      { op: 'added', text: 'disagreement' },
    ]);
  });
});

describe('slugs and direction', () => {
  it('makes readable slugs in any script with an id suffix', () => {
    const id = '0192f0c2-7a5e-7000-8000-00000000abcd';
    expect(slugify('Communiqué: Élysée talks!', id)).toBe('communique-elysee-talks-0000abcd');
    expect(slugify('بيان صحفي', id)).toBe('بيان-صحفي-0000abcd');
    expect(slugify('हिंदी वक्तव्य', id)).toBe('हिंदी-वक्तव्य-0000abcd');
    expect(slugify('!!!', id)).toBe('0000abcd');
  });

  it('knows right-to-left languages', () => {
    for (const tag of ['ar', 'he', 'fa', 'ur', 'ar-EG', 'pa-Arab']) expect(directionOf(tag), tag).toBe('rtl');
    for (const tag of ['en', 'id', 'ja', 'pa']) expect(directionOf(tag), tag).toBe('ltr');
  });
});

describe('newsroom locales', () => {
  const catalogues = loadCatalogues();

  it('English and Indonesian newsroom.json have exactly the same keys, with no empty text', () => {
    expect([...catalogues.id.keys()].sort()).toEqual([...catalogues.en.keys()].sort());
    for (const [, map] of Object.entries(catalogues)) for (const [key, value] of map) expect(value.trim(), key).not.toBe('');
  });

  it('has every key the server-rendered pages and feeds use', () => {
    const used = new Set<string>();
    for (const file of ['render.ts', 'feeds.ts', 'newsroom.plugin.ts']) {
      const source = fs.readFileSync(path.join(here, file), 'utf8');
      for (const m of source.matchAll(/\bt\('([\w.]+)'/g)) if (m[1]) used.add(m[1]);
      for (const m of source.matchAll(/: '(error\w+)'/g)) if (m[1]) used.add(`verify.${m[1]}`);
    }
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !catalogues.en.has(key))).toEqual([]);
  });

  it('picks the interface language from ?ui=, then Accept-Language quality order, else English', () => {
    expect(pickUiLanguage('id', 'en')).toBe('id');
    expect(pickUiLanguage('xx', 'fr-FR, id-ID;q=0.5, en;q=0.4')).toBe('id');
    expect(pickUiLanguage(undefined, 'en;q=0.2, id;q=0.9')).toBe('id');
    expect(pickUiLanguage(undefined, 'id;q=0')).toBe('en');
    expect(pickUiLanguage(undefined, undefined)).toBe('en');
    expect(translator('id')('verify.similarity', { percent: 87 })).toBe('Kemiripan: 87%');
  });
});
