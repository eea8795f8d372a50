import { describe, expect, it } from 'vitest';
import { isPathAllowed, parseRobotsTxt, rulesFor } from './robots-txt.ts';

const allowed = (robots: string, path: string) => isPathAllowed(rulesFor(parseRobotsTxt(robots)), path);

describe('parseRobotsTxt', () => {
  it('groups consecutive user-agent lines with the rules below them, dropping comments and other fields', () => {
    const text = '# site robots\r\nUser-agent: Googlebot\nUser-agent: Bingbot\nDisallow: /search # no search pages\nCrawl-delay: 5\n\nUser-agent: *\nAllow: /\nDisallow:\nSitemap: https://example.org/sitemap.xml\n';
    expect(parseRobotsTxt(text)).toEqual([
      { agents: ['googlebot', 'bingbot'], rules: [{ allow: false, pattern: '/search' }] },
      { agents: ['*'], rules: [{ allow: true, pattern: '/' }] },
    ]);
  });
});

describe('rulesFor / isPathAllowed', () => {
  it('uses the DiploDesk groups (merged) instead of *, case-insensitively', () => {
    const robots = 'User-agent: *\nDisallow: /\n\nUser-agent: diplodesk/2.0\nDisallow: /private/\n\nUser-agent: DIPLODESK\nDisallow: /drafts/\n';
    expect(allowed(robots, '/news/1')).toBe(true);
    expect(allowed(robots, '/private/1')).toBe(false);
    expect(allowed(robots, '/drafts/1')).toBe(false);
  });

  it('falls back to * and to "allowed" when nothing applies', () => {
    expect(allowed('User-agent: *\nDisallow: /', '/news/1')).toBe(false);
    expect(allowed('User-agent: OtherBot\nDisallow: /', '/news/1')).toBe(true);
    expect(allowed('', '/news/1')).toBe(true);
    expect(allowed('User-agent: *\nDisallow:', '/news/1')).toBe(true);
    expect(allowed('Disallow: /\nUser-agent: *\nAllow: /x', '/news/1')).toBe(true);
  });

  it('lets the longest match decide and Allow win a tie', () => {
    const robots = 'User-agent: *\nDisallow: /news/\nAllow: /news/public/\nDisallow: /news/public/embargo\n';
    expect(allowed(robots, '/news/1')).toBe(false);
    expect(allowed(robots, '/news/public/1')).toBe(true);
    expect(allowed(robots, '/news/public/embargoed')).toBe(false);
    expect(allowed('User-agent: *\nDisallow: /a\nAllow: /a', '/a/1')).toBe(true);
  });

  it('understands * and $ and matches the query string', () => {
    const robots = 'User-agent: *\nDisallow: /*.pdf$\nDisallow: /*?print=\nDisallow: /fish*.php\n';
    expect(allowed(robots, '/files/report.pdf')).toBe(false);
    expect(allowed(robots, '/files/report.pdf?x=1')).toBe(true);
    expect(allowed(robots, '/news/1?print=1')).toBe(false);
    expect(allowed(robots, '/fishheads/catfish.php')).toBe(false);
    expect(allowed(robots, '/news/1.html')).toBe(true);
  });

  it('compares non-ASCII patterns with percent-encoded paths', () => {
    expect(allowed('User-agent: *\nDisallow: /berita/café', new URL('https://example.org/berita/café/1').pathname)).toBe(false);
  });

  it('always allows /robots.txt itself', () => {
    expect(allowed('User-agent: *\nDisallow: /', '/robots.txt')).toBe(true);
  });
});
