// URLs as the platforms find them in a post, for counting (X and Mastodon replace each URL by a
// fixed-length link). Written here instead of depending on twitter-text, whose bundled core-js 2
// replaces native String/RegExp methods for the whole process and slowed text analysis tenfold.

// Generic top-level domains common in diplomatic and news traffic; every two-letter country code
// is accepted as well (X's own list is longer; an unknown TLD is counted as plain text).
const GENERIC_TLDS = new Set(
  'com net org edu gov mil int info biz name pro mobi asia app dev io ai co tv me news online site website blog tech media press today world global int'.split(' '),
);

// A URL ends before trailing punctuation that usually closes the sentence around it.
const TRAILING = /[.,:;!?'")\]}>»”’]+$/u;
const SCHEME_URL = /\bhttps?:\/\/[^\s<>"]+/giu;
// A bare domain (with optional path), not preceded by `@` (e-mail, mention) or a word character.
const BARE_URL = /(?<![\p{L}\p{N}_@./-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+([a-z]{2,24})(?::\d{2,5})?(?:\/[^\s<>"]*)?/giu;

export type UrlSpan = { url: string; start: number; end: number };

function trimmed(match: string, start: number): UrlSpan {
  let url = match.replace(TRAILING, '');
  // Keep a closing bracket that has its opening one inside the URL (Wikipedia-style paths).
  const opens = (url.match(/\(/g) ?? []).length;
  const closes = (url.match(/\)/g) ?? []).length;
  if (opens > closes && match.slice(url.length).startsWith(')')) url += ')';
  return { url, start, end: start + url.length };
}

/** URLs with a scheme (`https://…`), as Mastodon counts them. */
export function schemeUrls(text: string): UrlSpan[] {
  return [...text.matchAll(SCHEME_URL)].map((m) => trimmed(m[0], m.index ?? 0));
}

/** URLs with or without a scheme (`kemlu.go.id/…` too), as X counts them. */
export function allUrls(text: string): UrlSpan[] {
  const spans = schemeUrls(text);
  const covered = (i: number) => spans.some((s) => i >= s.start && i < s.end);
  for (const m of text.matchAll(BARE_URL)) {
    const start = m.index ?? 0;
    if (covered(start)) continue;
    const tld = (m[1] ?? '').toLowerCase();
    if (!(tld.length === 2 || GENERIC_TLDS.has(tld))) continue;
    spans.push(trimmed(m[0], start));
  }
  return spans.sort((a, b) => a.start - b.start);
}
