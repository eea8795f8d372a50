import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { decodeEntities, NAMED_ENTITIES } from './entities.ts';
import { parseFeed } from './feed-parse.ts';
import { htmlToText } from './html-text.ts';

const ignore = () => {};

describe('named character references', () => {
  it('decodes the HTML 4 Latin-1, symbol and Greek names and HTML5 names in HTML content', () => {
    expect(htmlToText('<p>&frac12; &brvbar; &Icirc;&shy;x &sup2; &ordf;&macr;&acute;&cedil;&ETH;&THORN;&thorn;</p>')).toBe('½ ¦ Îx ² ª¯´¸ÐÞþ');
    expect(decodeEntities('&forall;&part;&exist;&empty;&nabla;&isin;&infin;&rArr;&hearts;&loz;&lceil;&oline;&weierp;', ignore)).toBe('∀∂∃∅∇∈∞⇒♥◊⌈‾℘');
    expect(decodeEntities('&Alpha;&Omega;&alpha;&sigmaf;&thetasym;&upsih;&piv;', ignore)).toBe('ΑΩαςϑϒϖ');
    expect(decodeEntities('&NotEqualTilde;&bigstar;&CounterClockwiseContourIntegral;&Lt;&nbsp;', ignore)).toBe('≂̸★∳≪\u00a0');
  });

  it('decodes HTML names used undeclared in feed XML, so titles keep them', () => {
    const xml = '<rss><channel><title>&Icirc;le &amp; co</title><item><guid>1</guid><title>Rate &frac12;&percnt; &mdash; &sup2;&brvbar;</title></item></channel></rss>';
    const feed = parseFeed(xml, 'https://x.example/feed');
    expect(feed.title).toBe('Île & co');
    expect(feed.entries[0]?.title).toBe('Rate ½% — ²¦');
    expect(feed.problems).toEqual([]);
  });

  it('keeps unknown names and Object.prototype names literally, with a problem', () => {
    const problems: string[] = [];
    expect(decodeEntities('&toString; &constructor; &__proto__; &nosuch;', (p) => problems.push(p))).toBe('&toString; &constructor; &__proto__; &nosuch;');
    expect(problems).toEqual(['unknown entity "&toString;"', 'unknown entity "&constructor;"', 'unknown entity "&__proto__;"', 'unknown entity "&nosuch;"']);
  });

  it('agrees with an HTML parser on every name in the table (the full HTML5 set)', () => {
    const names = Object.keys(NAMED_ENTITIES);
    expect(names.length).toBeGreaterThanOrEqual(2125);
    const html = names.map((name) => `<i>&${name};</i>`).join('');
    const { document } = parseHTML(`<html><body>${html}</body></html>`);
    const decoded = [...document.querySelectorAll('i')].map((el) => el.textContent);
    expect(decoded).toEqual(names.map((name) => NAMED_ENTITIES[name]));
  });
});
