import { describe, expect, it } from 'vitest';
import { type ByteSlice, blueskyFacets } from './bluesky-facets.ts';

// Re-slices the UTF-8 buffer, as a Bluesky client does when rendering a facet.
function sliceBytes(text: string, { byteStart, byteEnd }: ByteSlice): string {
  return new TextDecoder().decode(new TextEncoder().encode(text).slice(byteStart, byteEnd));
}

describe('blueskyFacets', () => {
  it('gives UTF-8 byte offsets, not UTF-16 indices, after a flag emoji', () => {
    const text = 'Jakarta 🇮🇩 @kemlu.go.id';
    const [mention] = blueskyFacets(text).mentions;
    expect(mention).toEqual({ index: { byteStart: 17, byteEnd: 29 }, handle: 'kemlu.go.id' });
    expect(text.indexOf('@')).toBe(13);
    expect(sliceBytes(text, mention!.index)).toBe('@kemlu.go.id');
  });

  it('finds links and mentions in Indonesian text and drops trailing punctuation', () => {
    const text = 'Siaran pers: https://kemlu.go.id/id/berita/123. Ikuti @kemlu.bsky.social!';
    const { links, mentions } = blueskyFacets(text);
    expect(links).toHaveLength(1);
    expect(links[0]!.features[0]).toEqual({ $type: 'app.bsky.richtext.facet#link', uri: 'https://kemlu.go.id/id/berita/123' });
    expect(sliceBytes(text, links[0]!.index)).toBe('https://kemlu.go.id/id/berita/123');
    expect(mentions.map((m) => sliceBytes(text, m.index))).toEqual(['@kemlu.bsky.social']);
  });

  it('handles Arabic (2-byte) text before a link and a mention', () => {
    const text = 'بيان وزارة الخارجية https://mofa.example.gov/ar/statement/7 @mofa.example.gov';
    const { links, mentions } = blueskyFacets(text);
    expect(links[0]!.index.byteStart).toBeGreaterThan(text.indexOf('https'));
    expect(sliceBytes(text, links[0]!.index)).toBe('https://mofa.example.gov/ar/statement/7');
    expect(sliceBytes(text, mentions[0]!.index)).toBe('@mofa.example.gov');
  });

  it('handles Japanese (3-byte) text and a ZWJ family (25 bytes) before facets', () => {
    const text = '外務省の声明 👨‍👩‍👧‍👦 https://www.mofa.go.jp/press/ @mofa-japan.bsky.social';
    const { links, mentions } = blueskyFacets(text);
    expect(links[0]!.index.byteStart).toBe(new TextEncoder().encode('外務省の声明 👨‍👩‍👧‍👦 ').length);
    expect(sliceBytes(text, links[0]!.index)).toBe('https://www.mofa.go.jp/press/');
    expect(mentions[0]!.handle).toBe('mofa-japan.bsky.social');
    expect(sliceBytes(text, mentions[0]!.index)).toBe('@mofa-japan.bsky.social');
  });

  it('keeps a closing parenthesis only when the URL opened one', () => {
    const wrapped = '(lihat https://kemlu.go.id/a)';
    expect(blueskyFacets(wrapped).links[0]!.features[0].uri).toBe('https://kemlu.go.id/a');
    const wiki = 'See https://en.wikipedia.org/wiki/Bandung_(city) now';
    expect(blueskyFacets(wiki).links[0]!.features[0].uri).toBe('https://en.wikipedia.org/wiki/Bandung_(city)');
  });

  it('keeps a long URL whole: the facet points at the full text', () => {
    const url = `https://kemlu.go.id/${'a'.repeat(400)}`;
    const text = `Baca ${url}`;
    expect(sliceBytes(text, blueskyFacets(text).links[0]!.index)).toBe(url);
  });

  it('ignores e-mail addresses, dot-less handles, bare domains and hashtags', () => {
    const { links, mentions } = blueskyFacets('Surel info@kemlu.go.id, @admin, kemlu.go.id #Diplomasi');
    expect(links).toEqual([]);
    expect(mentions).toEqual([]);
  });

  it('lower-cases handles, which are case-insensitive', () => {
    expect(blueskyFacets('@Kemlu.Go.ID').mentions[0]!.handle).toBe('kemlu.go.id');
  });

  it('returns nothing for empty text', () => {
    expect(blueskyFacets('')).toEqual({ links: [], mentions: [] });
  });
});
