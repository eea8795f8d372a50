import { describe, expect, it } from 'vitest';
import { capText, extractArticleText, MAX_ARTICLE_CHARS, MAX_PAGE_DEPTH, MAX_PAGE_ELEMENTS } from './article-text.ts';
import { articlePage } from './fake/index.ts';

const paragraphs = [
  'Delegations returned to the negotiating table on Monday after a two-week pause, with the size of a new adaptation fund still unresolved.',
  'Negotiators said a draft text could be ready for ministers by Friday if the remaining brackets on reporting rules are removed this week.',
  'Observers from civil society welcomed the resumption but warned that the timetable left little room for the smallest island states to be heard.',
];

describe('extractArticleText', () => {
  it('keeps the article paragraphs and drops navigation, banners, related links, footer and scripts', () => {
    const result = extractArticleText(articlePage({ title: 'Climate finance talks resume', paragraphs }), 'Climate finance talks resume');
    expect(result).toEqual({ text: paragraphs.join('\n\n') });
  });

  it.each([
    ['no tags implied at all', (body: string) => `<!doctype html><title>Talks</title>${body}`],
    ['<html> without <body>', (body: string) => `<!doctype html><html><head><title>Talks</title></head>${body}</html>`],
    ['<body> without <html>', (body: string) => `<!doctype html><head><title>Talks</title></head><body>${body}</body>`],
  ])('reads a page with optional tags omitted (%s)', (_, page) => {
    const body = `<div class="content">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div><div class="footer">Contact us</div>`;
    expect(extractArticleText(page(body))).toEqual({ text: paragraphs.join('\n\n') });
  });

  it('says so for a page without text', () => {
    const none = { failure: 'no article text found on the page' };
    expect(extractArticleText('<html><head><title>x</title></head><body><script>app()</script></body></html>')).toEqual(none);
    expect(extractArticleText('')).toEqual(none);
  });

  it('refuses pages too deeply nested or too large to read on the event loop, quickly', () => {
    const started = performance.now();
    const deep = `<html><body>${'<div>'.repeat(5_000)}<p>${paragraphs[0]}</p>${'</div>'.repeat(5_000)}</body></html>`;
    expect(extractArticleText(deep)).toEqual({ failure: `the page nests elements more than ${MAX_PAGE_DEPTH} deep` });
    const wide = `<html><body>${'<span>x</span>'.repeat(MAX_PAGE_ELEMENTS)}</body></html>`;
    expect(extractArticleText(wide)).toEqual({ failure: `the page has more than ${MAX_PAGE_ELEMENTS} elements` });
    // Readability alone spends minutes on the nested page.
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it(`caps the text at ${MAX_ARTICLE_CHARS} characters`, () => {
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of a very long report on fisheries negotiations in the region.`);
    const result = extractArticleText(articlePage({ title: 'Long report', paragraphs: long }), 'Long report');
    const text = 'text' in result ? result.text : '';
    expect(text.length).toBeLessThanOrEqual(MAX_ARTICLE_CHARS);
    expect(text.length).toBeGreaterThan(MAX_ARTICLE_CHARS * 0.9);
    expect(text.startsWith('Paragraph 0 of')).toBe(true);
    expect(text.endsWith('region.')).toBe(true);
  });
});

describe('capText', () => {
  it('cuts at a paragraph break, else a word break, never inside a surrogate pair', () => {
    expect(capText('short', 10)).toBe('short');
    expect(capText('aaaaaaaaa\n\nbbbb', 12)).toBe('aaaaaaaaa');
    expect(capText('one two three four', 16)).toBe('one two three');
    expect(capText('abcdefghi😀', 10)).toBe('abcdefghi');
  });
});
